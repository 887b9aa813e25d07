// Check-in at the kiosk or triage desk, as plain functions (tested without a DOM).

/** What the visitor typed: a booking code (8 letters/digits) or a phone number. */
export function checkInInput(raw: string): { code: string } | { phone: string } | undefined {
  const s = raw.replace(/\s+/g, '');
  if (/^[A-Za-z0-9]{8}$/.test(s) && /[A-Za-z]/.test(s)) return { code: s.toUpperCase() };
  if (/^\+?[0-9]{5,20}$/.test(s)) return { phone: s };
  return undefined;
}

export function laneText(lane: string, arrival: string): string {
  if (lane === 'appointment') return '预约号，优先办理 / Appointment: served first';
  return arrival === 'early' ? '未到签到时间，已取普通号 / Early: a normal number' : '已过签到时间，已取普通号 / Late: a normal number';
}

// Check-in at the kiosk or triage desk, as plain functions (tested without a DOM).

/** What the visitor typed: a booking code (8 letters/digits) or a phone number. */
export function checkInInput(raw: string): { code: string } | { phone: string } | undefined {
  const s = raw.replace(/\s+/g, '');
  if (/^[A-Za-z0-9]{8}$/.test(s) && /[A-Za-z]/.test(s)) return { code: s.toUpperCase() };
  if (/^\+?[0-9]{5,20}$/.test(s)) return { phone: s };
  return undefined;
}

const REFUSALS: Record<string, string> = {
  unknown_booking: '未找到预约，请核对预约码或手机号 / No booking found',
  booking_missed: '预约时段已过，请取普通号 / Your slot has passed; please take a normal number',
  booking_not_active: '该预约已签到或已取消 / Already checked in or cancelled',
  check_in_too_early: '签到时间未到 / Too early to check in',
  check_in_too_late: '签到时间已过 / Too late to check in',
};

export function refusal(code: string, fallback: string): string {
  return REFUSALS[code] ?? fallback;
}

export function laneText(lane: string, arrival: string): string {
  if (lane === 'appointment') return '预约号，优先办理 / Appointment: served first';
  return arrival === 'early' ? '未到签到时间，已取普通号 / Early: a normal number' : '已过签到时间，已取普通号 / Late: a normal number';
}

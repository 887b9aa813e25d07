// What the booking page shows, as plain functions (tested without a DOM).
export interface SlotView {
  start: number;
  end: number;
  time: string;
  available: number;
  /** Local date, on slots the server offers after a refusal. */
  date?: string;
}

export interface DayChoice {
  date: string;
  label: string;
}

const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];

/** The next `count` local dates from `today` (YYYY-MM-DD), labelled "11月30日 周一". */
export function dayChoices(today: string, count: number): DayChoice[] {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => {
    const dt = new Date(Date.UTC(y, m - 1, d + i));
    const date = dt.toISOString().slice(0, 10);
    const label = `${dt.getUTCMonth() + 1}月${dt.getUTCDate()}日 周${WEEKDAY_ZH[dt.getUTCDay()]}${i === 0 ? '（今天）' : ''}`;
    return { date, label };
  });
}

/** "余 3" / "已满": what a slot button says. */
export function slotLabel(s: SlotView): string {
  return s.available > 0 ? `${s.time} · 余${s.available}` : `${s.time} · 已满`;
}

/** Morning and afternoon groups, so a phone screen shows two short rows instead of one long list. */
export function groupSlots(slots: SlotView[]): { label: string; slots: SlotView[] }[] {
  const am = slots.filter((s) => s.time < '12:00');
  const pm = slots.filter((s) => s.time >= '12:00');
  return [
    { label: '上午 Morning', slots: am },
    { label: '下午 Afternoon', slots: pm },
  ].filter((g) => g.slots.length > 0);
}

const REFUSALS: Record<string, string> = {
  slot_full: '该时段已约满，请选择以下空闲时段 / This slot is full; free slots below',
  hour_full: '该小时预约已满（每小时限额），请选择以下空闲时段 / This hour is fully booked; free slots below',
  phone_daily_limit: '同一手机号当天预约已达上限 / This phone already holds the most bookings allowed that day',
  slot_past: '该时段已开始，请另选 / That slot has started',
  slot_invalid: '该时段不可预约 / That slot cannot be booked',
  invalid_request: '请检查姓名和手机号 / Please check your name and phone number',
};

export function refusalText(code: string, fallback: string): string {
  return REFUSALS[code] ?? fallback;
}

export function validPhone(p: string): boolean {
  return /^\+?[0-9]{5,20}$/.test(p.trim());
}

// What the booking page shows, as plain functions (tested without a DOM).
import { codeLine } from '../../logic/error-text.ts';
export interface SlotView {
  start: number;
  end: number;
  time: string;
  available: number;
  /** Already started by the hall's clock: shown as 已过, never chosen (the server says so). */
  past?: boolean;
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

/** "余 3" / "已满" / "已过": what a slot button says. */
export function slotLabel(s: SlotView): string {
  if (s.past) return `${s.time} · 已过`;
  return s.available > 0 ? `${s.time} · 余${s.available}` : `${s.time} · 已满`;
}

/** A slot the visitor may choose: not started, with a place left. */
export function selectable(s: SlotView): boolean {
  return !s.past && s.available > 0;
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

/** A mainland China mobile number (optionally +86), as the server takes for public bookings. */
export function validPhone(p: string): boolean {
  return /^(?:\+?86)?1[3-9]\d{9}$/.test(p.trim().replace(/[\s-]/g, ''));
}

/** What is wrong with the form before it is sent, in the error table's words; undefined when nothing. */
export function formProblem(f: { chosen: boolean; name: string; phone: string }): string | undefined {
  if (!f.chosen) return '请选择时段 · Choose a slot';
  if (!f.name.trim()) return '请填写姓名 · Please enter your name';
  if (!validPhone(f.phone)) return codeLine('phone_invalid');
  return undefined;
}

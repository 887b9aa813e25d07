// Dates, clocks and counts as the hall reads them: always in the hall's time zone, not the
// browser's (a wall PC left on UTC must still show Beijing time).

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

export function localParts(at: number, timeZone: string): LocalParts {
  let fmt = partsCache.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    partsCache.set(timeZone, fmt);
  }
  const p: Record<string, string> = {};
  for (const { type, value } of fmt.formatToParts(new Date(at))) p[type] = value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday!),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05:09" */
export function formatClock(at: number, timeZone: string, seconds = true): string {
  const p = localParts(at, timeZone);
  return seconds ? `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` : `${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2026年11月27日 星期五" */
export function formatDateZh(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}年${p.month}月${p.day}日 ${WEEKDAYS_ZH[p.weekday]}`;
}

/** "Fri 27 Nov 2026" */
export function formatDateEn(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(at))
    .replace(',', '');
}

/** Minutes between two instants, rounded down, never negative. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** "12 分钟" / "12 min"; under a minute reads as "<1". */
export function formatWait(ms: number): { zh: string; en: string } {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return { zh: '不到1分钟', en: '<1 min' };
  if (m < 60) return { zh: `${m} 分钟`, en: `${m} min` };
  const h = Math.floor(m / 60);
  return { zh: `${h} 小时 ${m % 60} 分`, en: `${h} h ${m % 60} min` };
}

/** Counts on screens: plain digits, "—" for unknown. */
export function formatCount(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '—' : String(Math.max(0, Math.round(n)));
}

/** Visitor phone or ID on a console: only the ends, the middle masked. */
export function maskMiddle(s: string, keepStart = 3, keepEnd = 4): string {
  if (s.length <= keepStart + keepEnd) return s;
  return s.slice(0, keepStart) + '*'.repeat(s.length - keepStart - keepEnd) + s.slice(-keepEnd);
}

// Local wall-clock time in a hall's time zone ↔ epoch ms. Slots are defined in local time
// ("09:00-12:00 on Mondays"), bookings and clocks are epoch ms.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function parts(at: number, timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(at)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return p as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** Offset of the zone from UTC at `at`, in ms (Asia/Shanghai: +8 h). */
function offsetAt(at: number, timeZone: string): number {
  const p = parts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/** Epoch ms of local `date` (YYYY-MM-DD) at `minutes` after local midnight. */
export function localToEpoch(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let at = wall - offsetAt(wall, timeZone);
  // Once more at the guess: right across a DST change between the wall time and the guess.
  at = wall - offsetAt(at, timeZone);
  return at;
}

/** "HH:MM" of `at` in the zone. */
export function localClock(at: number, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday, for a local date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return addDays(s, 0) === s;
}

// Service days are local dates in the hall's time zone; numbers restart at local midnight.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Per time zone, the last whole second asked and its day: every command asks for the day (decide's
 * dayDue), and formatting a date costs more than the rest of a small command. UTC offsets are whole
 * seconds, so every instant of one second falls on the same local day. */
const lastDay = new Map<string, { second: number; day: string }>();

/** "2026-11-27" for the instant `at` in `timeZone`. */
export function serviceDayOf(at: number, timeZone: string): string {
  const second = Math.floor(at / 1000);
  const last = lastDay.get(timeZone);
  if (last?.second === second) return last.day;
  const day = formatter(timeZone).format(at);
  lastDay.set(timeZone, { second, day });
  return day;
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();
/** Local hour 0-23 of `at` in `timeZone`. */
export function localHourOf(at: number, timeZone: string): number {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormatters.set(timeZone, f);
  }
  return Number(f.format(at));
}

/** Epoch ms of the next local midnight after `at` (searches, so it is right across DST changes). */
export function nextLocalMidnight(at: number, timeZone: string): number {
  const today = serviceDayOf(at, timeZone);
  let lo = at;
  let hi = at + 26 * 3600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (serviceDayOf(mid, timeZone) === today) lo = mid;
    else hi = mid;
  }
  return hi;
}

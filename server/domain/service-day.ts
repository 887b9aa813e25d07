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

/** "2026-11-27" for the instant `at` in `timeZone`. */
export function serviceDayOf(at: number, timeZone: string): string {
  return formatter(timeZone).format(at);
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

// Local dates (YYYY-MM-DD) in a hall's time zone and the instants where they begin.
import { serviceDayOf } from '../domain/service-day.ts';

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch ms of local midnight starting `day` in `timeZone` (searched, so right across DST changes). */
export function startOfLocalDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Every zone is within UTC-12..UTC+14: local midnight lies in this window.
  let lo = utcMidnight - 15 * 3600_000;
  let hi = utcMidnight + 13 * 3600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (serviceDayOf(mid, timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function isValidDate(day: string): boolean {
  return DATE_RE.test(day) && addDays(day, 0) === day;
}

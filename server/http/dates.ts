// Dates and date ranges a request may ask for, checked in one place for every route. A date is a
// real calendar day YYYY-MM-DD between MIN_DATE and MAX_DATE; a range runs from ≤ to and spans at
// most MAX_RANGE_DAYS days (a route may allow more, e.g. reports), so no request can make the
// server walk centuries of days or read years of log at once.
import { z } from 'zod';
import { badRequest } from './errors.ts';
import { parse } from './validate.ts';

export const MIN_DATE = '2000-01-01';
export const MAX_DATE = '2100-12-31';
/** The longest range a route reads by default: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;
/** Instants (epoch ms, e.g. a slot start) a request may name: the date bounds, a day of slack for time zones. */
export const MIN_INSTANT = Date.UTC(1999, 11, 31);
export const MAX_INSTANT = Date.UTC(2101, 0, 2);

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** A real calendar day in YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const dateSchema = z
  .string()
  .refine(isCalendarDate, 'a date is YYYY-MM-DD')
  .refine((s) => s >= MIN_DATE && s <= MAX_DATE, `a date is between ${MIN_DATE} and ${MAX_DATE}`);

/** An instant in epoch ms within the date bounds. */
export const instantSchema = z.number().int().min(MIN_INSTANT, `at or after ${MIN_DATE}`).max(MAX_INSTANT, `at or before ${MAX_DATE}`);

/** Days from `from` to `to`, both counted. */
export function daysSpanned(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** A date query parameter (`?date=`), or undefined when absent; a repeated parameter is refused. */
export function queryDate(value: unknown, name = 'date'): string | undefined {
  if (value === undefined) return undefined;
  return parse(dateSchema, value, name);
}

export interface DateRange {
  from: string;
  to: string;
}

/**
 * `?from=&to=` checked: each a date in bounds, the route's defaults filled in for what is absent,
 * from ≤ to (400 invalid_range) and at most `maxDays` days (400 range_too_long).
 */
export function queryRange(
  query: { from?: unknown; to?: unknown },
  defaults: (given: Partial<DateRange>) => DateRange,
  maxDays = MAX_RANGE_DAYS,
): DateRange {
  const given: Partial<DateRange> = {};
  const from = queryDate(query.from, 'from');
  const to = queryDate(query.to, 'to');
  if (from !== undefined) given.from = from;
  if (to !== undefined) given.to = to;
  const range = defaults(given);
  if (range.from > range.to) throw badRequest('invalid_range', `from ${range.from} is after to ${range.to}`);
  if (daysSpanned(range.from, range.to) > maxDays) throw badRequest('range_too_long', `a range covers at most ${maxDays} days`);
  return range;
}

// Working days of a hall (工作日): Monday to Friday, minus the public holidays, plus the make-up
// working days (调休上班) that fall on a weekend. Pure date arithmetic on local dates "YYYY-MM-DD";
// a time limit of N working days (承诺时限) ends on the Nth working day after the day of receipt.
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

/** The hall file's `calendar:` block. */
export const workingCalendarSchema = z.object({
  /** Days off that would otherwise be working days (法定节假日). */
  holidays: z.array(date).default([]),
  /** Weekend days that are working days (调休上班). */
  workdays: z.array(date).default([]),
});
export type WorkingCalendar = z.infer<typeof workingCalendarSchema>;

/** Day of the week of a local date: 0 Sunday … 6 Saturday (the date is a calendar date, not an instant). */
function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The calendar date `n` days after `day` (negative: before). */
export function calendarDayAfter(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A make-up working day counts even on a weekend; a holiday never does. */
export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.includes(day)) return true;
  if (calendar.holidays.includes(day)) return false;
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/**
 * The day a limit of `n` working days counted from `start` ends: the nth working day after `start`
 * (the day of receipt itself is not counted). n = 0 (on the spot, 即办) is `start` itself.
 */
export function addWorkingDays(start: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let day = start;
  for (let left = n; left > 0; ) {
    day = calendarDayAfter(day, 1);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}

/** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  let n = 0;
  for (let day = calendarDayAfter(from, 1); day <= to; day = calendarDayAfter(day, 1)) if (isWorkingDay(day, calendar)) n++;
  return n;
}

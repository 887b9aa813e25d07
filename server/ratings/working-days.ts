// Working days (工作日): Monday to Friday, minus the public holidays, plus the official make-up
// working days (调休上班) that fall on a weekend. Pure, on local dates (YYYY-MM-DD).
import { addDays, localToEpoch, weekdayOf } from '../appointments/local-time.ts';

export interface WorkCalendar {
  holidays: readonly string[];
  /** Weekend dates worked by official decree. */
  workdays: readonly string[];
}

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const wd = weekdayOf(date);
  return wd !== 0 && wd !== 6;
}

/** The `n`-th working day after `date` (n ≥ 1; `date` itself never counts). */
export function addWorkingDays(date: string, n: number, cal: WorkCalendar): string {
  let d = date;
  // A year of holidays in a row is a broken calendar, not a reason to loop for ever.
  for (let left = n, guard = 0; left > 0 && guard < 800; guard++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Deadline of a task given on local `date` with `n` working days: the end (local midnight) of the n-th working day after it. */
export function workingDayDeadline(date: string, n: number, cal: WorkCalendar, timeZone: string): number {
  return localToEpoch(addDays(addWorkingDays(date, n, cal), 1), 0, timeZone);
}

// The deadline of a bad rating's follow-up: the end (local midnight) of the n-th working day after
// the day it was given. Working days are the hall's one calendar (server/domain/working-days.ts).
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import { addWorkingDays, type WorkingCalendar } from '../domain/working-days.ts';

export function workingDayDeadline(date: string, n: number, cal: WorkingCalendar, timeZone: string): number {
  return localToEpoch(addDays(addWorkingDays(date, n, cal), 1), 0, timeZone);
}

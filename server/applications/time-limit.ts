// The promised date of an application (承诺时限): the knowledge base's time limit in working days,
// counted on the hall's working calendar from the local day of receipt.
import type { HallConfig } from '../config/schema.ts';
import { addWorkingDays, type WorkingCalendar } from '../domain/working-days.ts';
import type { KbEntry } from '../kb/schema.ts';

/**
 * Working days in a KB time limit text: the longest "N个工作日" it names (a promise the hall can keep
 * for every case it covers), 0 for "即办/即取/当场", undefined when the text says neither.
 */
export function workingDaysOf(kb: KbEntry | undefined): number | undefined {
  const zh = kb?.timeLimit?.zh;
  if (!zh) return undefined;
  const counts = [...zh.matchAll(/(\d+)\s*个工作日/g)].map((m) => Number(m[1]));
  if (counts.length) return Math.max(...counts);
  return /即办|即取|当场/.test(zh) ? 0 : undefined;
}

/** The hall's calendar; a hall without one takes its appointment holidays, and no make-up days. */
export function calendarOf(hall: HallConfig): WorkingCalendar {
  return hall.calendar ?? { holidays: hall.appointments?.holidays ?? [], workdays: [] };
}

export function promisedDate(hall: HallConfig, receivedDay: string, workingDays: number): string {
  return addWorkingDays(receivedDay, workingDays, calendarOf(hall));
}

/** The receipt number's hall part: the hall id in capitals, letters and digits only. */
export function hallCode(hallId: string): string {
  return hallId.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 12) || 'HALL';
}

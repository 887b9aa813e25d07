// The period figures of applications and phone consultations, for the metrics' summary (the
// `applicationFigures` port, server/metrics/application-figures.ts). Pure: state and dates in.
import { serviceDayOf } from '../domain/service-day.ts';
import type { ApplicationPeriodFigures, ConsultationFigures } from '../metrics/application-figures.ts';
import type { ApplicationState } from './types.ts';

export function periodFigures(s: ApplicationState, timeZone: string, from: string, to: string): { applications: ApplicationPeriodFigures; consultations: ConsultationFigures } {
  const inside = (day: string | undefined) => day !== undefined && day >= from && day <= to;
  const applications: ApplicationPeriodFigures = { received: 0, completed: 0, completedOnTime: 0, freeMailings: 0, pickedUp: 0 };
  for (const a of Object.values(s.applications)) {
    if (inside(a.receivedDay)) applications.received++;
    if (inside(a.decidedDay)) {
      applications.completed++;
      if (a.decidedDay! <= a.promisedDate) applications.completedOnTime++;
    }
    const handedOver = a.handedOverAt === undefined ? undefined : serviceDayOf(a.handedOverAt, timeZone);
    if (a.status === 'mailed' && inside(handedOver)) applications.freeMailings++;
    if (a.status === 'picked_up' && inside(handedOver)) applications.pickedUp++;
  }
  const consultations: ConsultationFigures = { count: 0, minutes: 0, byService: {} };
  for (const c of s.consultations ?? []) {
    if (!inside(c.day)) continue;
    consultations.count++;
    consultations.minutes += c.minutes;
    const row = (consultations.byService[c.serviceId] ??= { count: 0, minutes: 0 });
    row.count++;
    row.minutes += c.minutes;
  }
  return { applications, consultations };
}

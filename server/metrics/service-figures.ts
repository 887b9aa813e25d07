// Figures of the hall's own services for the metrics: appointments (booked, checked in, no-show,
// wait after check-in) and assist (time to an answer), from the services the appointments and
// assist features provide on one server (server.services), so two servers never mix their figures.
import type { AppointmentsService } from '../appointments/plugin.ts';
import type { AppointmentStats } from '../appointments/stats.ts';
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import type { AssistService } from '../assist/plugin.ts';
import { assistStats, type AssistStats } from '../assist/stats.ts';
import type { HallEngine } from '../engine/hall-engine.ts';

export interface HallServiceFigures {
  date: string;
  /** null when the hall takes no appointments (or the plug-in is not running). */
  appointments: AppointmentStats | null;
  assist: AssistStats | null;
}

/** The day's figures (local date YYYY-MM-DD in the hall's time zone). */
export async function hallServiceFigures(
  engine: HallEngine,
  date: string,
  from: { appointments?: AppointmentsService | undefined; assist?: AssistService | undefined },
): Promise<HallServiceFigures> {
  const a = from.appointments?.forHall(engine.hallId);
  const desk = from.assist?.forHall(engine.hallId);
  const tz = engine.hall.timeZone;
  if (desk) await desk.stream.refresh();
  return {
    date,
    appointments: a ? await a.stats(date) : null,
    assist: desk ? assistStats(Object.values(desk.stream.current.requests), localToEpoch(date, 0, tz), localToEpoch(addDays(date, 1), 0, tz)) : null,
  };
}

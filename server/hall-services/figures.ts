// Figures of the hall's own services for the metrics: appointments (booked, checked in, no-show,
// wait after check-in) and assist (time to an answer). Keyed by hall engine, like the metrics'
// own folds, so several servers in one process (tests) never mix their figures.
import type { Appointments } from '../appointments/appointments.ts';
import type { AppointmentStats } from '../appointments/stats.ts';
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import type { AssistDesk } from '../assist/assist.ts';
import { assistStats, type AssistStats } from '../assist/stats.ts';
import type { HallEngine } from '../engine/hall-engine.ts';

const appointmentsByEngine = new WeakMap<HallEngine, Appointments>();
const assistByEngine = new WeakMap<HallEngine, AssistDesk>();

export function registerAppointments(engine: HallEngine, a: Appointments | undefined) {
  if (a) appointmentsByEngine.set(engine, a);
  else appointmentsByEngine.delete(engine);
}

export function registerAssist(engine: HallEngine, d: AssistDesk | undefined) {
  if (d) assistByEngine.set(engine, d);
  else assistByEngine.delete(engine);
}

export interface HallServiceFigures {
  date: string;
  /** null when the hall takes no appointments (or the plug-in is not running). */
  appointments: AppointmentStats | null;
  assist: AssistStats | null;
}

/** The day's figures (local date YYYY-MM-DD in the hall's time zone). */
export async function hallServiceFigures(engine: HallEngine, date: string): Promise<HallServiceFigures> {
  const a = appointmentsByEngine.get(engine);
  const desk = assistByEngine.get(engine);
  const tz = engine.hall.timeZone;
  if (desk) await desk.stream.refresh();
  return {
    date,
    appointments: a ? await a.stats(date) : null,
    assist: desk ? assistStats(Object.values(desk.stream.current.requests), localToEpoch(date, 0, tz), localToEpoch(addDays(date, 1), 0, tz)) : null,
  };
}

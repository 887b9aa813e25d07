// What the period summary adds to the ticket figures, from the other features' services on this
// server: applications and phone consultations (the `applicationFigures` port), assist requests
// and their answer times, 办不成事 cases opened, and satisfaction (the `satisfaction` port). Each is
// absent when its feature does not run.
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import type { AssistService } from '../assist/plugin.ts';
import { assistStats } from '../assist/stats.ts';
import type { CaseDeskService } from '../cases/plugin.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { ApplicationFiguresSource } from './application-figures.ts';
import type { SatisfactionSource } from './satisfaction.ts';

export interface PeriodSources {
  applicationFigures?: ApplicationFiguresSource | undefined;
  assist?: AssistService | undefined;
  caseDesk?: CaseDeskService | undefined;
  satisfaction?: SatisfactionSource | undefined;
}

export type PeriodExtras = (engine: HallEngine, from: string, to: string) => Promise<Record<string, unknown>>;

export function periodExtras(sources: PeriodSources): PeriodExtras {
  return async (engine, from, to) => {
    const tz = engine.hall.timeZone;
    const start = localToEpoch(from, 0, tz);
    const end = localToEpoch(addDays(to, 1), 0, tz);
    const out: Record<string, unknown> = {};
    const apps = await sources.applicationFigures?.range(engine.hallId, from, to);
    if (apps) Object.assign(out, apps);
    const desk = sources.assist?.forHall(engine.hallId);
    if (desk) {
      await desk.stream.refresh();
      const a = assistStats(Object.values(desk.stream.current.requests), start, end);
      out.assist = { asked: a.asked, answered: a.answered, timeToAnswer: a.timeToAnswer, aimMs: a.aimMs, withinAim: a.withinAim };
    }
    const opened = await sources.caseDesk?.openedBetween(engine.hallId, start, end);
    if (opened !== undefined) out.cases = { opened };
    const sat = await sources.satisfaction?.range(engine.hallId, from, to);
    if (sat) out.satisfaction = sat.total;
    return out;
  };
}

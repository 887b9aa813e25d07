// The cases feature: a cases stream per hall and /api/cases. The complaints desk is the window(s)
// serving `complaintsService` ("complaints" in the demo hall, window 9).
import type { HallEngine } from '../engine/hall-engine.ts';
import type { Feature } from '../feature.ts';
import { StreamEngine, type Clock } from '../engine/stream-engine.ts';
import { streams } from '../store/streams.ts';
import { caseDecider, caseSnapshots } from './domain.ts';
import { casesOpenApiPaths } from './openapi.ts';
import { caseRoutes, type CaseDesk } from './routes.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { Case, FollowUpRequest } from './types.ts';

/** What the desk offers other features (ratings: a bad rating's follow-up). */
export interface CaseDeskService {
  /** Opens the follow-up case of a bad rating, or finds the one already opened for that ticket. */
  openFollowUp(hallId: string, request: FollowUpRequest): Promise<Case>;
  /** Cases (办不成事) opened in [fromMs, toMs); undefined for an unknown hall. */
  openedBetween(hallId: string, fromMs: number, toMs: number): Promise<number | undefined>;
}

declare module '../feature.ts' {
  interface FeatureServices {
    caseDesk: CaseDeskService;
  }
}

export function casesPlugin(options: { clock?: Clock; complaintsService?: string } = {}): Feature {
  return {
    name: 'cases',
    async start({ registry, log, services }) {
      const desks = new Map<string, CaseDesk>();
      const stop = async () => {
        for (const d of desks.values()) await d.stop();
      };
      try {
        for (const engine of registry.all()) {
          const desk: CaseDesk = new StreamEngine(streams.cases(engine.hallId), registry.store, caseDecider, {
            clock: options.clock ?? (() => engine.now()),
            snapshots: caseSnapshots,
            log: log.child({ hall: engine.hallId }),
          });
          await desk.start();
          desks.set(engine.hallId, desk);
        }
      } catch (err) {
        await stop();
        throw err;
      }
      services.provide('caseDesk', {
        async openedBetween(hallId, fromMs, toMs) {
          const desk = desks.get(hallId);
          if (!desk) return undefined;
          await desk.refresh();
          return Object.values(desk.current.cases).filter((k) => k.openedAt >= fromMs && k.openedAt < toMs).length;
        },
        async openFollowUp(hallId, request) {
          const desk = desks.get(hallId);
          if (!desk) throw new Error(`no case desk for hall "${hallId}"`);
          const engine = registry.get(hallId)!;
          const serviceDay = serviceDayOf(desk.now(), engine.hall.timeZone);
          const { state } = await desk.execute({ type: 'openFollowUp', serviceDay, ...request }, { role: 'system', name: 'ratings' });
          return Object.values(state.cases).find((k) => k.rating?.ticketId === request.rating.ticketId)!;
        },
      });
      return {
        hallRoutes: [caseRoutes((engine: HallEngine) => desks.get(engine.hallId)!, options.complaintsService ?? 'complaints')],
        openApiPaths: casesOpenApiPaths(),
        streams: [...desks.values()].map((d) => d.streamId),
        stop,
      };
    },
  };
}

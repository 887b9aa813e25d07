// The cases feature: a cases stream per hall and /api/cases. The complaints desk is the window(s)
// serving `complaintsService` ("complaints" in the demo hall, window 9).
import type { HallEngine } from '../engine/hall-engine.ts';
import type { Feature } from '../feature.ts';
import { StreamEngine, type Clock } from '../engine/stream-engine.ts';
import { streams } from '../store/streams.ts';
import { caseDecider, caseSnapshots, withoutPersonalData } from './domain.ts';
import type { EventStore } from '../store/port.ts';
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
  /**
   * The visitor-data purge (server/privacy): cases opened before `before` get their visitor masked
   * (an event every node folds), their case:opened events are rewritten the same way where the store
   * can, and a snapshot replaces any older one that held them. Returns how many events were rewritten.
   */
  purgePersonalData(hallId: string, before: number): Promise<number>;
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
        async purgePersonalData(hallId, before) {
          const desk = desks.get(hallId);
          if (!desk) throw new Error(`no case desk for hall "${hallId}"`);
          return purgeDesk(desk, registry.store, hallId, before);
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

/** See CaseDeskService.purgePersonalData. */
async function purgeDesk(desk: CaseDesk, store: EventStore, hallId: string, before: number): Promise<number> {
  const { state } = await desk.execute({ type: 'purgePersonalData', before }, { role: 'system', name: 'privacy' });
  let changed = 0;
  if (store.rewriteBefore) {
    // Every case:opened of a purged case still unmasked, also those a crashed earlier run left.
    // (Only case:opened carries the visitor; a follow-up case gets it from the rating's ticket.)
    changed = await store.rewriteBefore(streams.cases(hallId), before, (e) => {
      if (e.type !== 'case:opened' || !e.data.case.visitor || e.data.case.personalDataPurgedAt) return undefined;
      const purgedAt = state.cases[e.data.case.id]?.personalDataPurgedAt;
      return purgedAt ? { ...e, data: { ...e.data, case: withoutPersonalData(e.data.case, purgedAt) } } : undefined;
    });
  }
  await desk.saveSnapshotNow();
  return changed;
}

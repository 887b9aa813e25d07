// The cases feature: a cases stream per hall and /api/cases. The complaints desk is the window(s)
// serving `complaintsService` ("complaints" in the demo hall, window 9).
import type { HallEngine } from '../engine/hall-engine.ts';
import type { Feature } from '../feature.ts';
import { StreamEngine, type Clock } from '../engine/stream-engine.ts';
import { streams } from '../store/streams.ts';
import { caseDecider, caseSnapshots } from './domain.ts';
import { casesOpenApiPaths } from './openapi.ts';
import { caseRoutes, type CaseDesk } from './routes.ts';

export function casesPlugin(options: { clock?: Clock; complaintsService?: string } = {}): Feature {
  return {
    name: 'cases',
    async start({ registry, log }) {
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
      return {
        hallRoutes: [caseRoutes((engine: HallEngine) => desks.get(engine.hallId)!, options.complaintsService ?? 'complaints')],
        openApiPaths: casesOpenApiPaths(),
        streams: [...desks.values()].map((d) => d.streamId),
        stop,
      };
    },
  };
}

// The assist feature: an assist desk per hall, the clerk's window actions (assist, notice), the
// approvers' routes, the private consoles namespace on the gateway, and the `assist` service (time
// to an answer) for later features. Uses the knowledge base and printing when they run.
import type { HallEngine } from '../engine/hall-engine.ts';
import type { Feature } from '../feature.ts';
import type { Clock } from '../engine/stream-engine.ts';
import { AssistDesk, attachConsoles } from './assist.ts';
import { assistOpenApiPaths } from './openapi.ts';
import { assistRoutes, windowAssistRoutes } from './routes.ts';

/** The halls' assist desks on one server. */
export interface AssistService {
  forHall(hallId: string): AssistDesk | undefined;
}

declare module '../feature.ts' {
  interface FeatureServices {
    assist: AssistService;
  }
}

export function assistPlugin(options: { clock?: Clock } = {}): Feature {
  return {
    name: 'assist',
    async start({ registry, deps, services, log }) {
      const kb = services.optional('knowledgeBase');
      const printing = services.optional('printing');
      const desks = new Map<string, AssistDesk>();
      let detach: (() => void) | undefined;
      const stop = async () => {
        detach?.();
        for (const d of desks.values()) await d.stop();
      };
      try {
        for (const engine of registry.all()) {
          const desk = new AssistDesk(engine, registry.store, options.clock ?? (() => engine.now()), log.child({ hall: engine.hallId }));
          await desk.start();
          desks.set(engine.hallId, desk);
        }
      } catch (err) {
        await stop();
        throw err;
      }
      services.provide('assist', { forHall: (hallId) => desks.get(hallId) });
      const deskOf = (engine: HallEngine) => desks.get(engine.hallId)!;
      return {
        rootRoutes: [windowAssistRoutes(deskOf, kb, printing)],
        hallRoutes: [assistRoutes(deskOf, kb)],
        openApiPaths: assistOpenApiPaths(),
        streams: [...desks.values()].map((d) => d.stream.streamId),
        attach: (gateway) => {
          detach = attachConsoles(gateway, deps.auth, registry.defaultHallId, desks);
        },
        stop,
      };
    },
  };
}

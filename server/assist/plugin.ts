// The assist plug-in: an assist desk per hall, the clerk's window actions (assist, notice), the
// approvers' routes, and the private consoles namespace on the gateway.
import type { HallEngine } from '../engine/hall-engine.ts';
import type { ServerPlugin } from '../server.ts';
import type { Clock } from '../engine/stream-engine.ts';
import { knowledgeBaseOf } from '../kb/plugin.ts';
import { AssistDesk, attachConsoles } from './assist.ts';
import { assistRoutes, windowAssistRoutes } from './routes.ts';
import { registerAssist } from '../hall-services/figures.ts';

export function assistPlugin(options: { clock?: Clock } = {}): ServerPlugin {
  return async ({ registry }) => {
    const desks = new Map<string, AssistDesk>();
    for (const engine of registry.all()) {
      const desk = new AssistDesk(engine, registry.store, options.clock ?? (() => engine.now()));
      await desk.start();
      desks.set(engine.hallId, desk);
      registerAssist(engine, desk);
    }
    const deskOf = (engine: HallEngine) => desks.get(engine.hallId)!;
    const kb = () => knowledgeBaseOf(registry);
    let detach: (() => void) | undefined;
    return {
      rootRoutes: [windowAssistRoutes(deskOf, kb)],
      hallRoutes: [assistRoutes(deskOf, kb)],
      attach: (gateway) => {
        detach = attachConsoles(gateway, registry.deployment, registry.defaultHallId, desks);
      },
      close: async () => {
        detach?.();
        for (const d of desks.values()) {
          registerAssist(d.hall, undefined);
          await d.stop();
        }
      },
    };
  };
}

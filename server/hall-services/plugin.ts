// The hall's own services beyond the queue (issue 7): appointments, the knowledge base, one-key
// assist and the "can't get it done" desk, as one plug-in composed of one per feature.
import type { AppExtensions } from '../http/app.ts';
import type { PluginLifecycle, ServerPlugin } from '../server.ts';
import type { Clock } from '../engine/stream-engine.ts';
import { appointmentsPlugin } from '../appointments/plugin.ts';
import { assistPlugin } from '../assist/plugin.ts';
import { casesPlugin } from '../cases/plugin.ts';
import { kbPlugin } from '../kb/plugin.ts';
import { recordRoutes } from '../records/routes.ts';
import { pageRoutes } from './pages.ts';

export interface HallServicesOptions {
  /** Clock for bookings, assist and cases; the hall engine's clock when absent. */
  clock?: Clock;
  /** Directory of the knowledge base files (config/kb by default, or KB_DIR). */
  kbDir?: string;
}

export function hallServicesPlugin(options: HallServicesOptions = {}): ServerPlugin {
  const parts: ServerPlugin[] = [
    appointmentsPlugin({ clock: options.clock }),
    kbPlugin({ dir: options.kbDir }),
    assistPlugin({ clock: options.clock }),
    casesPlugin({ clock: options.clock }),
  ];
  return async (args) => {
    const started: (AppExtensions & PluginLifecycle)[] = [];
    for (const p of parts) started.push(await p(args));
    return {
      hallRoutes: [...started.flatMap((p) => p.hallRoutes ?? []), recordRoutes],
      rootRoutes: [pageRoutes, ...started.flatMap((p) => p.rootRoutes ?? [])],
      health: started.flatMap((p) => p.health ?? []),
      attach: (gateway) => {
        for (const p of started) p.attach?.(gateway);
      },
      close: async () => {
        for (const p of started.reverse()) await p.close?.();
      },
    };
  };
}

// A real server with the hall services (cases), ratings and metrics, a temp SQLite file and a fake clock.
import { serviceFeatures } from '../helpers/features.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { ratingsPlugin } from '../../server/ratings/plugin.ts';
import type { ClockedServer } from '../appointments/helpers.ts';
import { startTestServer } from '../helpers/server.ts';
export { at, MONDAY } from '../appointments/helpers.ts';

export async function startRatingServer(start: number, options: { dataDir?: string } = {}): Promise<ClockedServer> {
  const clock = { now: start };
  const server = await startTestServer({
    dataDir: options.dataDir,
    engine: { clock: () => clock.now },
    plugins: [...serviceFeatures(), ratingsPlugin(), metricsPlugin({ prewarmDays: 0, pushEveryMs: 20 })],
  });
  return Object.assign(server, { clock });
}

/** The rating key a visitor's QR carries: the `k` of the issue response's statusUrl. */
export function ratingKeyOf(issued: { statusUrl: string }): string {
  const key = new URL(issued.statusUrl).searchParams.get('k');
  if (!key) throw new Error(`no rating key in ${issued.statusUrl}`);
  return key;
}

/** Issues a ticket for `service`, calls it at `window` and finishes it; returns its id, number and rating key. */
export async function serveAt(server: ClockedServer, window: string, service: string): Promise<{ id: string; number: string; key: string }> {
  const issued = await server.api.issue(service);
  if (issued.status !== 201) throw new Error(`issue: ${JSON.stringify(issued.body)}`);
  const called = await server.api.post(`/api/windows/${window}/call`, { ticketId: issued.body.id }, `demo-clerk-${window}`);
  if (called.status !== 200) throw new Error(`call: ${JSON.stringify(called.body)}`);
  const finished = await server.api.window(window, 'finish');
  if (finished.status !== 200) throw new Error(`finish: ${JSON.stringify(finished.body)}`);
  // Visits take time: the next one starts a minute later, so "finished last" is well defined.
  server.clock.now += 60_000;
  return { id: issued.body.id, number: issued.body.number, key: ratingKeyOf(issued.body) };
}

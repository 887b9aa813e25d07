// A real server with the service features (test/helpers/features.ts), a temp DATA_DIR and a fake clock the test moves.
import { localToEpoch } from '../../server/appointments/local-time.ts';
import type { DeploymentConfig } from '../../server/config/schema.ts';
import { serviceFeatures, type ServiceFeatureOptions } from '../helpers/features.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

export const TZ = 'Asia/Shanghai';
/** A Monday: the demo hall is open 09:00-12:00 and 13:30-17:00. */
export const MONDAY = '2026-11-30';

export function at(date: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return localToEpoch(date, h * 60 + m, TZ);
}

export interface ClockedServer extends TestServer {
  clock: { now: number };
}

export async function startClockedServer(
  start: number,
  options: { deployment?: DeploymentConfig; dataDir?: string; env?: Record<string, string> } & Omit<ServiceFeatureOptions, 'clock'> = {},
): Promise<ClockedServer> {
  const clock = { now: start };
  const server = await startTestServer({
    deployment: options.deployment,
    dataDir: options.dataDir,
    env: options.env,
    engine: { clock: () => clock.now },
    plugins: [...serviceFeatures({ kbDir: options.kbDir })],
  });
  return Object.assign(server, { clock });
}

/** Phones that differ per visitor: 138 0000 0001, ... */
export const phoneOf = (i: number) => `138${String(i).padStart(8, '0')}`;

/** A client address per visitor (10.0.x.y): each books from their own phone and network. */
export const addressOf = (i: number) => `10.0.${Math.floor(i / 250) % 250}.${1 + (i % 250)}`;

/** A public booking from visitor i's own address (X-Forwarded-For: the app trusts its proxy). */
export function bookAs(server: { api: TestServer['api'] }, i: number, body: Record<string, unknown>) {
  return server.api.request('POST', '/api/appointments', { body, headers: { 'x-forwarded-for': addressOf(i) } });
}

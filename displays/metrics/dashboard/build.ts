// Bundles the dashboard (lit + socket.io-client) into memory, once per process, with the shared
// helper in displays/bundle.ts; a bundle of its own so the manager's page and its admin-only code
// do not ship to every wall screen and kiosk.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, bundle, type Bundle, type BundleSpec } from '../../bundle.ts';

const here = dirname(fileURLToPath(import.meta.url));

export type DashboardBundle = Bundle;

const SPEC: BundleSpec = { entry: join(here, 'app.ts'), outfile: 'dashboard.js' };

export function buildDashboard(): Promise<DashboardBundle> {
  return buildBundle(SPEC);
}

/** Built at start in the background (see dashboardRoutes), else on first request; a failed build is retried on the next. */
export function dashboardBundle(): Promise<DashboardBundle> {
  return bundle(SPEC);
}

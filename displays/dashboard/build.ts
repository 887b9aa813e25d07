// Bundles the dashboard (lit + socket.io-client) with esbuild into memory, once per process,
// the same way displays/build.ts bundles the hall pages; kept separate so the manager's page and
// its admin-only code do not ship to every wall screen and kiosk.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export interface DashboardBundle {
  js: string;
  builtAt: number;
  ms: number;
}

export async function buildDashboard(): Promise<DashboardBundle> {
  const t0 = performance.now();
  const result = await build({
    entryPoints: [join(here, 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    outfile: 'dashboard.js',
    write: false,
    logLevel: 'silent',
    tsconfig: join(here, '..', '..', 'tsconfig.json'),
    legalComments: 'none',
  });
  return { js: result.outputFiles[0]!.text, builtAt: Date.now(), ms: Math.round(performance.now() - t0) };
}

let cached: Promise<DashboardBundle> | undefined;

/** Built on first request; a failed build is retried on the next. */
export function dashboardBundle(): Promise<DashboardBundle> {
  cached ??= buildDashboard().catch((err) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

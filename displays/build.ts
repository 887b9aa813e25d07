// Bundles the pages (lit elements in TypeScript) into one browser script with esbuild.
// The server plug-in calls buildDisplays() on first request and keeps the result in memory;
// `npm run build:displays` writes the same bundle to displays/dist/ to look at.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export interface DisplayBundle {
  js: string;
  map: string;
  builtAt: number;
  ms: number;
}

export async function buildDisplays(opts: { minify?: boolean } = {}): Promise<DisplayBundle> {
  const t0 = performance.now();
  const result = await build({
    entryPoints: [join(here, 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: opts.minify ?? true,
    sourcemap: 'external',
    outfile: 'app.js',
    write: false,
    logLevel: 'silent',
    tsconfig: join(here, '..', 'tsconfig.json'),
    legalComments: 'none',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'))?.text ?? '';
  return { js, map, builtAt: Date.now(), ms: Math.round(performance.now() - t0) };
}

let cached: Promise<DisplayBundle> | undefined;

/** The bundle, built once per process; a failed build is retried on the next request. */
export function displayBundle(): Promise<DisplayBundle> {
  cached ??= buildDisplays().catch((err) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const b = await buildDisplays();
  const out = join(here, 'dist');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'app.js'), b.js);
  await writeFile(join(out, 'app.js.map'), b.map);
  console.log(`displays/dist/app.js ${(b.js.length / 1024).toFixed(0)} KiB in ${b.ms} ms`);
}

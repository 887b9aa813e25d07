// Bundles the pages (lit elements in TypeScript) into one browser script with esbuild.
// The server plug-in builds it in the background at start and keeps it in memory (displays/bundle.ts);
// `npm run build:displays` writes the same bundle to displays/dist/ to look at.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, bundle, type Bundle, type BundleSpec } from './bundle.ts';

const here = dirname(fileURLToPath(import.meta.url));

export type DisplayBundle = Bundle;

const SPEC: BundleSpec = { entry: join(here, 'app.ts'), outfile: 'app.js', sourcemap: true };

export function buildDisplays(opts: { minify?: boolean } = {}): Promise<DisplayBundle> {
  return buildBundle({ ...SPEC, minify: opts.minify ?? true });
}

/** The bundle, built once per process (displays/bundle.ts); a failed build is retried on the next request. */
export function displayBundle(): Promise<DisplayBundle> {
  return bundle(SPEC);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const b = await buildDisplays();
  const out = join(here, 'dist');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'app.js'), b.js);
  await writeFile(join(out, 'app.js.map'), b.map);
  console.log(`displays/dist/app.js ${(b.js.length / 1024).toFixed(0)} KiB in ${b.ms} ms`);
}

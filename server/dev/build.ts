// `npm run build`: the production form of a node (docs/deploy.md, "Memory"), in dist/:
//   dist/server, dist/displays, …  the TypeScript compiled by tsc (tsconfig.build.json), run by plain
//                                  `node dist/server/main.js`: no tsx loader in the running node
//   dist/assets/                   every page bundle, built once here, served as files (no esbuild
//                                  in the running node; displays/bundle.ts reads them)
//   the files the compiled code reads next to itself: the Redis scripts and the default knowledge base.
// Run it again after every update of the sources (the deploy steps do).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, type BundleSpec } from '../../displays/bundle.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');

/**
 * Every bundle a node serves, by the output name its page asks for (displays/build.ts, the dashboard,
 * the rating device, the feature pages, the demo's virtual printer). A page missing here answers 500 with "run npm run build";
 * test/process/production-start.test.ts loads each of them from the built node.
 */
export const BUNDLES: BundleSpec[] = [
  { entry: 'displays/app.ts', outfile: 'app.js', sourcemap: true },
  { entry: 'displays/metrics/dashboard/app.ts', outfile: 'dashboard.js' },
  { entry: 'displays/ratings/entry.ts', outfile: 'ratings.js' },
  { entry: 'displays/appointments/entry.ts', outfile: 'appointments.js' },
  { entry: 'displays/assist/entry.ts', outfile: 'assist.js' },
  { entry: 'displays/applications/entry.ts', outfile: 'applications.js' },
  { entry: 'displays/printer/entry.ts', outfile: 'printer.js' },
];

/** Files the compiled code reads relative to its own location. */
const COPIED = ['server/store/redis/scripts', 'config/kb'];

function compile(dist: string) {
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  const r = spawnSync(tsc, ['-p', join(ROOT, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`tsc failed (exit ${r.status})`);
}

async function writeBundles(dir: string) {
  mkdirSync(dir, { recursive: true });
  for (const spec of BUNDLES) {
    const b = await buildBundle(spec);
    writeFileSync(join(dir, spec.outfile), b.js);
    if (b.map) writeFileSync(join(dir, `${spec.outfile}.map`), b.map);
  }
}

/**
 * Builds dist/ (or `dist`, which must lie inside the repository so the compiled code finds
 * node_modules) afresh: the compiled server, the files it reads beside itself, and every bundle.
 */
export async function buildDist(dist = DIST): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  compile(dist);
  for (const path of COPIED) cpSync(join(ROOT, path), join(dist, path), { recursive: true });
  await writeBundles(join(dist, 'assets'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  await buildDist();
  console.log(`dist/ built in ${((Date.now() - t0) / 1000).toFixed(0)} s: start it with \`npm run start:prod\``);
}

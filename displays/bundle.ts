// One way to bundle a browser entry for the server: esbuild once per process, in memory, started
// in the background when the server starts (`warm`) so the first page load does not wait; a failed
// build is retried on the next request. Used by the hall pages (displays/build.ts), the dashboard
// (displays/metrics/dashboard/build.ts) and the feature pages (displays/feature-pages.ts).
// The production build (`npm run build`, server/dev/build.ts) writes every bundle to dist/assets/ and the
// compiled server (a .js file) serves those files instead: esbuild is then never loaded, which keeps
// its module and the build's memory out of the node (docs/deploy.md, "Memory").
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../server/log.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Where prebuilt bundles are read from: ASSETS_DIR, or the compiled server's own dist/assets/ (this
 * file then is dist/displays/bundle.js); none when running the TypeScript sources (`npm start`).
 */
export function prebuiltDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ASSETS_DIR || (import.meta.url.endsWith('.js') ? join(root, 'assets') : undefined);
}

function readPrebuilt(dir: string, spec: BundleSpec): Bundle {
  const file = join(dir, spec.outfile);
  if (!existsSync(file)) throw new Error(`the prebuilt bundle ${file} is missing: run \`npm run build\``);
  const mapFile = `${file}.map`;
  const js = readFileSync(file, 'utf8');
  const builtAt = Date.now();
  // The source map is read when asked for (rarely: a developer's tools), not held in memory.
  return {
    js,
    get map() {
      return spec.sourcemap && existsSync(mapFile) ? readFileSync(mapFile, 'utf8') : '';
    },
    builtAt,
    ms: 0,
  };
}

export interface Bundle {
  js: string;
  /** The external source map, when asked for ('' otherwise). */
  map: string;
  builtAt: number;
  ms: number;
}

export interface BundleSpec {
  /** The entry file, absolute or relative to the repository root. */
  entry: string;
  /** The output name esbuild uses for the file (and its map). */
  outfile: string;
  sourcemap?: boolean;
  minify?: boolean;
}

/** Builds one entry now (no cache): the command-line build writes this to disk. */
export async function buildBundle(spec: BundleSpec): Promise<Bundle> {
  const t0 = performance.now();
  // Loaded only when building: the production server never needs it.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [spec.entry.startsWith('/') ? spec.entry : join(root, spec.entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: spec.minify ?? true,
    ...(spec.sourcemap ? { sourcemap: 'external' as const } : {}),
    outfile: spec.outfile,
    write: false,
    logLevel: 'silent',
    tsconfig: join(root, 'tsconfig.json'),
    legalComments: 'none',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'))?.text ?? '';
  return { js, map, builtAt: Date.now(), ms: Math.round(performance.now() - t0) };
}

const cache = new Map<string, Promise<Bundle>>();
/** Every bundle this process was asked for, by output name: the build's list is checked against it. */
const asked = new Map<string, BundleSpec>();

export function bundlesAsked(): BundleSpec[] {
  return [...asked.values()];
}

/** The bundle of an entry, built once per process and kept in memory. */
export function bundle(spec: BundleSpec): Promise<Bundle> {
  const key = `${spec.entry}\0${spec.outfile}\0${spec.sourcemap ?? false}\0${spec.minify ?? true}`;
  asked.set(spec.outfile, spec);
  let p = cache.get(key);
  if (!p) {
    const dir = prebuiltDir();
    p = (dir ? Promise.resolve().then(() => readPrebuilt(dir, spec)) : buildBundle(spec)).catch((err) => {
      cache.delete(key);
      throw err;
    });
    cache.set(key, p);
  }
  return p;
}

/** Starts the build in the background (at server start); a failure is logged and retried on first use. */
export function warm(log: Logger, name: string, get: () => Promise<unknown>): void {
  // Prebuilt files are read on first use: nothing to build, and nothing held until a page asks.
  if (prebuiltDir()) return;
  get().catch((err) => log.error({ err, bundle: name }, 'building the page bundle failed; the first request for it tries again'));
}

/** Answers a request for a bundle's script: no-cache with an etag, so a new build is picked up at once. */
export function sendBundle(ctx: { type: string; body: unknown; status: number; set(k: string, v: string): void; get(k: string): string }, b: Bundle, trailer = ''): void {
  const etag = `"${b.builtAt}"`;
  ctx.type = 'application/javascript; charset=utf-8';
  ctx.set('cache-control', 'no-cache');
  ctx.set('etag', etag);
  if (ctx.get('if-none-match') === etag) {
    ctx.status = 304;
    return;
  }
  ctx.body = b.js + trailer;
}

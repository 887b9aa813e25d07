// The production form of a node (docs/deploy.md, "Memory"): `npm run build` compiles the server
// to plain JavaScript and prebuilds every page bundle, and `npm run start:prod`'s command runs it
// under plain node. A real build and a real process: the wall loads in Chromium from the prebuilt
// bundle and shows a call live, every bundle a page asks for is there, the API issues and counts tickets, and systemd's
// stop (SIGTERM) shuts it down cleanly.
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlesAsked } from '../../displays/bundle.ts';
import { BUNDLES, buildDist } from '../../server/dev/build.ts';
import { defaultPlugins } from '../../server/plugins.ts';
import { virtualPrinterPagePlugin } from '../../ticket-printer/virtual-printer-plugin.ts';
import { startTestServer } from '../helpers/server.ts';
import { PRODUCTION_NODE, freePort } from '../../server/dev/process.ts';
import { launchChromium } from '../browser/browser.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where a page asks for each bundle (the dashboard's has a path of its own). */
const scriptUrl = (outfile: string) => (outfile === 'dashboard.js' ? '/dashboard/app.js' : `/assets/${outfile}`);

test('the build holds every bundle a node serves: each page script a full node asks for is in BUNDLES, from the same entry', async (t) => {
  // The TypeScript node (npm start's form) bundles at start whatever its plug-ins serve.
  const server = await startTestServer({ plugins: [...defaultPlugins(), virtualPrinterPagePlugin()], env: { VOICE_ENGINE: 'none' } });
  t.teardown(() => server.close());
  const built = new Map(BUNDLES.map((b) => [b.outfile, b]));
  const served = bundlesAsked();
  t.true(served.length >= 5, `the node asked for its bundles: ${served.map((b) => b.outfile).join(', ')}`);
  for (const spec of served) {
    const entry = relative(ROOT, resolve(ROOT, spec.entry));
    t.is(built.get(spec.outfile)?.entry, entry, `${spec.outfile} (from ${entry}) is missing from server/dev/build.ts BUNDLES`);
  }
});

async function waitHealthy(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) throw new Error(`the built node did not become healthy:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('the built node (npm run build, start:prod) serves the pages from prebuilt bundles and the API, and stops cleanly', async (t) => {
  t.timeout(300_000);
  // Inside the repository, so the compiled code finds node_modules; not dist/, which a bench may be using.
  const dist = join(ROOT, 'test', 'artifacts', `dist-${process.pid}`);
  const data = mkdtempSync(join(tmpdir(), 'onewindow-prod-'));
  t.teardown(() => {
    rmSync(dist, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });
  await buildDist(dist);

  const port = await freePort();
  const args = PRODUCTION_NODE.args.map((a) => (a === 'dist/server/main.js' ? join(dist, 'server', 'main.js') : a));
  t.true(args.includes(join(dist, 'server', 'main.js')), `start:prod runs dist/server/main.js: ${PRODUCTION_NODE.args.join(' ')}`);
  let out = '';
  const node = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...PRODUCTION_NODE.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: data, VOICE_ENGINE: 'none', LOG_LEVEL: 'info', METRICS_PREWARM_DAYS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  node.stdout!.on('data', (d) => (out += d));
  node.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => node.once('exit', (code) => resolve(code)));
  t.teardown(() => void (node.exitCode === null && node.kill('SIGKILL')));
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, () => out);

  for (const { outfile } of BUNDLES) {
    const res = await fetch(url + scriptUrl(outfile));
    t.is(res.status, 200, `${scriptUrl(outfile)}: ${out.slice(-1000)}`);
    t.regex(res.headers.get('content-type') ?? '', /javascript/, scriptUrl(outfile));
    t.true((await res.text()).length > 1000, `${scriptUrl(outfile)} holds a bundle`);
  }
  const map = await fetch(`${url}/assets/app.js.map`);
  t.is(map.status, 200);
  t.true(Array.isArray((await map.json()).sources), 'the source map is a source map');

  const issue = await fetch(`${url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-triage', 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'business', lane: 'normal' }),
  });
  t.is(issue.status, 201);
  const ticket = (await issue.json()) as { number: string };
  const state = (await (await fetch(`${url}/api/state`)).json()) as { waiting: Record<string, number> };
  t.is(state.waiting.business, 1);

  // The wall page runs the prebuilt bundle in a browser: it renders the hall, and shows the call live.
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/wall`);
  await page.getByText('示范区政务服务中心').first().waitFor({ timeout: 20_000 });
  const call = await fetch(`${url}/api/windows/1/next`, { method: 'POST', headers: { authorization: 'Bearer demo-clerk-1' } });
  t.is(call.status, 200);
  await page.getByText(ticket.number).first().waitFor({ timeout: 20_000 });
  t.deepEqual(errors, []);

  node.kill('SIGTERM');
  t.is(await exited, 0, out.slice(-2000));
  t.regex(out, /stopped/, 'the node finished its own shutdown');
});

// Issue and next-call throughput and latency on the embedded store, next to a bare Koa JSON route
// measured in the same run. Each server runs in its own process; wrk (bench/lib.ts) sends the load.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { load, printTable, ROOT, startProcess, type BenchRequest, type NodeForm, type Row } from './lib.ts';

// Seconds per scenario. The burst of issues leaves thousands waiting (more than a busy district
// hall issues in a day, far more than it ever holds at once) for the next-call run to take; 26
// services of 999 numbers a day bound how long it may run.
const ISSUE_SECONDS = Number(process.env.BENCH_ISSUE_SECONDS ?? 2);
const NEXT_SECONDS = Number(process.env.BENCH_NEXT_SECONDS ?? 1);

/** The demo hall with 26 services, so a run does not exhaust a service's 999 numbers a day. */
export function benchHallFile(dir: string): string {
  const hall = parse(readFileSync(join(ROOT, 'config/demo-hall.yaml'), 'utf8'));
  const letters = 'HIJKLMNOPQRSTUVWXYZ';
  for (const letter of letters)
    hall.services.push({ id: `bench-${letter}`, prefix: letter, name: { zh: `测试${letter}`, en: `Bench ${letter}` }, targetWaitMinutes: 10 });
  for (const w of hall.windows.slice(0, 7)) w.services.push(...letters.split('').map((l) => `bench-${l}`));
  const file = join(dir, 'bench-hall.yaml');
  writeFileSync(file, stringify(hall));
  return file;
}

export function serviceIds(file: string): string[] {
  return parse(readFileSync(file, 'utf8')).services.map((s: { id: string }) => s.id);
}

// Speech rendering (an espeak-ng process per new phrase) is measured apart: it is the voice
// device's cost, and a deployment may leave it to the voice agent's PC.
const VARIANTS = [
  { entry: 'bench/core-node.ts', voice: 'none', label: 'engine only, no plug-ins' },
  { entry: 'server/main.ts', voice: 'none', label: 'all plug-ins, speech off' },
  { entry: 'server/main.ts', voice: 'espeak', label: 'all plug-ins, speech rendered' },
];

export async function runEngineBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-'));
  const config = benchHallFile(dir);
  const services = serviceIds(config);
  const rows: Row[] = [];
  try {
    rows.push(await bareKoaBaseline());
    for (const [n, variant] of VARIANTS.entries()) {
      const env = { CONFIG: config, DATA_DIR: join(dir, `data-${n}`), VOICE_ENGINE: variant.voice };
      rows.push(...(await nodeScenarios(variant.entry, env, variant.label, services)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** A bare Koa JSON POST in its own process: the floor the engine's figures are read against.
 * `form`: run as the server it is read against runs (bench/issue-cost.ts's production form). */
export async function bareKoaBaseline(form?: NodeForm): Promise<Row> {
  const bare = await startProcess('bench/bare-koa.ts', {}, '/', form);
  const row = await load({
    url: bare.url,
    title: 'bare Koa JSON POST (baseline)',
    seconds: ISSUE_SECONDS,
    warmupSeconds: 1,
    requests: [{ method: 'POST', path: '/x', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'business' }) }],
  });
  await bare.stop();
  return row;
}

/** One node: issue + next in a steady state, then a burst of issues, then next calls on the queue it left. */
async function nodeScenarios(entry: string, env: Record<string, string>, label: string, services: string[]): Promise<Row[]> {
  const node = await startProcess(entry, env, '/healthz');
  const issues = issueRequests(services);
  const nexts = nextRequests();
  const rows: Row[] = [];
  // A hall in a steady state: every issue is followed by a press of next, so the queue stays
  // short, as in a real hall (the burst runs below leave thousands waiting).
  rows.push(
    await load({
      url: node.url,
      title: `issue + next, short queue (SQLite, ${label})`,
      seconds: ISSUE_SECONDS,
      requests: issues.flatMap((issue, i) => [issue, nexts[i % nexts.length]!]),
    }),
  );
  // The steady run above has warmed the node up.
  rows.push(await load({ url: node.url, title: `issue a durable ticket (SQLite, ${label})`, seconds: ISSUE_SECONDS, requests: issues }));
  rows.push(await load({ url: node.url, title: `next call (SQLite, ${label})`, seconds: NEXT_SECONDS, connections: 14, requests: nexts }));
  await node.stop();
  return rows;
}

/** One issue per service at the triage desk, in turn. */
function issueRequests(services: string[]): BenchRequest[] {
  return services.map((service) => ({
    method: 'POST',
    path: '/api/tickets',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-triage' },
    body: JSON.stringify({ service, lane: 'normal' }),
  }));
}

/** A press of next at each of the seven windows, in turn. */
function nextRequests(): BenchRequest[] {
  return ['1', '2', '3', '4', '5', '6', '7'].map((windowId) => ({
    method: 'POST',
    path: `/api/windows/${windowId}/next`,
    headers: { authorization: `Bearer demo-clerk-${windowId}` },
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runEngineBench();
  printTable('Hall engine on the embedded store', rows, rows[0]);
}

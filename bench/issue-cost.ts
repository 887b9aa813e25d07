// What issuing a ticket costs next to a bare Koa route, with 10 and with 10,000 tickets waiting
// (issue 15: "with 10k tickets waiting as with 10"). One server with every plug-in on (speech off,
// SQLite) holds three halls of 20 services and 200 windows: `warm` takes the warm-up load, `small`
// starts with 10 waiting and `big` with 10,000, written to the log before the server starts.
// The hall file names no printers and the demo's virtual printer (a fake device `npm start` runs
// outside production) is off: the printing plug-in is on, as in a hall whose desks have none.
// Each measured run stops after ISSUES answers, so the big hall stays under 999 numbers a service
// (the small hall ends the run with about ISSUES waiting). The bare route runs before and after.
// The warm-up ends with a run in a second hall of 10 waiting, counted apart: the first run after the
// warm-up cost more server CPU an issue whichever hall it was in (0.20–0.33 ms against 0.14–0.25 for
// the runs after it, seven runs with the small and big halls' order swapped), so the small hall,
// which had that place, read as dearer than the big one (4.0× against 3.0× the bare route).
// Each row notes the server's CPU time an issue, which a shared machine disturbs less than req/s.
// The server and the bare route run as `npm start` does (tsx, node's default flags) unless
// ISSUE_COST_NODE=prod: then both run as `npm run start:prod` does (built JavaScript in dist/, built
// first unless ISSUE_COST_BUILT=1, with its node flags and malloc settings), so the ratio still
// compares like with like. The production form is not the default because it cost more server CPU an
// issue, not less: median 0.178 ms (0.157–0.263) against 0.151 (0.134–0.205) for tsx, 7 alternating
// pairs of servers, the 10 and the 10,000 rows of each (1 Dec 2026 09:56–10:06 UTC, a busy machine);
// the built server under node's default flags read as tsx did (0.127–0.156), so the cost is in
// start:prod's flags and malloc settings (for the RSS aim), not in the built code.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseDeployment } from '../server/config/load.ts';
import { HallEngine } from '../server/engine/hall-engine.ts';
import { SqliteEventStore } from '../server/store/sqlite.ts';
import { bareKoaBaseline } from './engine.ts';
import { times, type Aim } from './aims.ts';
import { transform } from 'esbuild';
import { buildDist } from '../server/dev/build.ts';
import { PRODUCTION_NODE } from '../server/dev/process.ts';
import { load, printTable, ROOT, startProcess, type BenchRequest, type NodeForm, type Row } from './lib.ts';
import { cpuMsOf } from './scale/clerk-run.ts';

const SERVICES = 20;
const WINDOWS = 200;
// 8,000 a run: 4,000 took half a second, and one stall of the shared machine moved the ratio by a third.
const ISSUES = Number(process.env.BENCH_COST_ISSUES ?? 8000);
const SECONDS = Number(process.env.BENCH_COST_SECONDS ?? 6);
interface Hall {
  id: string;
  waiting: number;
}
const HALLS: Hall[] = [
  { id: 'warm', waiting: 0 },
  { id: 'warm-2', waiting: 10 },
  { id: 'small', waiting: 10 },
  { id: 'big', waiting: 10_000 },
  // Not issued to: its public snapshot is read (bounded at ≤ 50 KB with 20k waiting; 20 × 989 is
  // as near 20k as 999 numbers a service a day allow).
  { id: 'full', waiting: 19_780 },
];
const [SMALL, BIG, FULL] = ['small', 'big', 'full'].map((id) => HALLS.find((h) => h.id === id)!) as [Hall, Hall, Hall];

/** The demo hall grown to 20 services and 200 comprehensive windows of three services each. */
function benchHall(id: string): Record<string, unknown> {
  const hall = parse(readFileSync(join(ROOT, 'config/demo-hall.yaml'), 'utf8'));
  delete hall.tokens;
  const services: { id: string }[] = hall.services;
  for (let i = services.length; i < SERVICES; i++)
    services.push({ id: `bench-${i}`, prefix: String.fromCharCode(65 + i), name: { zh: `测试${i}`, en: `Bench ${i}` }, targetWaitMinutes: 10 } as { id: string });
  const ids = services.map((s) => s.id);
  const windows: unknown[] = hall.windows;
  for (let i = windows.length; i < WINDOWS; i++)
    windows.push({ id: String(i + 1), number: i + 1, name: { zh: `${i + 1}号综合窗口`, en: `Window ${i + 1}` }, services: [...new Set([ids[i % SERVICES], ids[(i + 3) % SERVICES], ids[(i + 11) % SERVICES]])] });
  return { ...hall, id };
}

export function writeDeployment(dir: string) {
  const raw = { halls: HALLS.map((h) => benchHall(h.id)), tokens: [{ token: 'demo-admin', role: 'admin', name: 'bench' }] };
  const file = join(dir, 'issue-cost-halls.yaml');
  writeFileSync(file, stringify(raw));
  return { file, deployment: parseDeployment(raw) };
}

/** Writes the waiting tickets into the log through the hall engine (no HTTP, no forecast). */
export async function fillQueues(dataDir: string, deployment: ReturnType<typeof parseDeployment>): Promise<void> {
  const store = new SqliteEventStore(join(dataDir, 'onewindow.sqlite'));
  try {
    for (const { id, waiting } of HALLS) {
      const hall = deployment.halls.find((h) => h.id === id)!;
      const engine = new HallEngine(hall, store);
      await engine.start();
      for (let i = 0; i < waiting; i++) await engine.execute({ type: 'issue', serviceId: hall.services[i % SERVICES]!.id, lane: 'normal', source: 'bench' }, { role: 'triage', name: 'bench' });
    }
  } finally {
    await store.close();
  }
}

/** How the server and the bare route run: tsx (`npm start`), or as `npm run start:prod` runs the server. */
export type Form = { name: string; server?: NodeForm; bare?: NodeForm };

export async function nodeForm(kind = process.env.ISSUE_COST_NODE ?? 'tsx'): Promise<Form> {
  if (kind === 'tsx') return { name: 'tsx, node defaults (npm start)' };
  if (kind !== 'prod') throw new Error(`ISSUE_COST_NODE: tsx or prod, not ${kind}`);
  if (process.env.ISSUE_COST_BUILT !== '1') await buildDist();
  // The bare route compiled the same way as the server (no tsx loader), beside it in dist/ so that
  // it finds node_modules; the flags and environment are start:prod's, read from package.json.
  const bare = join(ROOT, 'dist/bench/bare-koa.js');
  mkdirSync(join(ROOT, 'dist/bench'), { recursive: true });
  writeFileSync(bare, (await transform(readFileSync(join(ROOT, 'bench/bare-koa.ts'), 'utf8'), { loader: 'ts', format: 'esm' })).code);
  const flags = PRODUCTION_NODE.args.filter((a) => a.startsWith('-'));
  return {
    name: 'built, npm run start:prod flags',
    server: { args: PRODUCTION_NODE.args, env: PRODUCTION_NODE.env },
    bare: { args: [...flags, bare], env: PRODUCTION_NODE.env },
  };
}

export function issueRequests(hallId: string, serviceIds: string[]): BenchRequest[] {
  return serviceIds.map((service) => ({
    method: 'POST',
    path: `/api/halls/${hallId}/tickets`,
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-admin' },
    body: JSON.stringify({ service, lane: 'normal' }),
  }));
}

export async function runIssueCostBench(form: Form = { name: 'tsx, node defaults (npm start)' }): Promise<{ rows: Row[]; baseline: Row; aims: Aim[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-issue-cost-'));
  try {
    const { file, deployment } = writeDeployment(dir);
    const dataDir = join(dir, 'data');
    await fillQueues(dataDir, deployment);
    const before = await bareKoaBaseline(form.bare);
    const node = await startProcess('server/main.ts', { CONFIG: file, DATA_DIR: dataDir, VOICE_ENGINE: 'none', VIRTUAL_PRINTER: 'off', LOG_LEVEL: 'warn' }, '/healthz', form.server);
    const serviceIds = deployment.halls[0]!.services.map((s) => s.id);
    const rows: Row[] = [];
    let snapshotBytes = NaN;
    try {
      snapshotBytes = (await (await fetch(`${node.url}/api/halls/full/state`)).arrayBuffer()).byteLength;
      for (const id of ['warm', 'warm-2']) await load({ url: node.url, title: 'warm-up', seconds: SECONDS, maxRequests: ISSUES, requests: issueRequests(id, serviceIds) });
      for (const { id, waiting } of [SMALL, BIG]) {
        const cpu0 = cpuMsOf(node.pid);
        const row = await load({
          url: node.url,
          title: `issue, ${waiting.toLocaleString('en')} waiting at start (all plug-ins, speech off, SQLite)`,
          seconds: SECONDS,
          maxRequests: ISSUES,
          requests: issueRequests(id, serviceIds),
        });
        const cpu = (cpuMsOf(node.pid) - cpu0) / row.requests;
        rows.push({ ...row, note: [row.note, `server CPU ${cpu.toFixed(3)} ms an issue`].filter(Boolean).join('; ') });
      }
    } finally {
      await node.stop();
    }
    // The machine is shared: the bare route again after, and the faster of the two as the baseline.
    const after = await bareKoaBaseline(form.bare);
    const baseline = before.rps >= after.rps ? before : after;
    const issueAim = (row: Row, waiting: number): Aim => {
      const cost = baseline.rps / row.rps;
      return { aim: `issue, ${waiting.toLocaleString('en')} waiting (all plug-ins, speech off, SQLite)`, measured: `${row.rps} req/s = ${times(cost)}`, baseline: `bare Koa ${baseline.rps} req/s`, target: '≤ 3×', met: cost <= 3 };
    };
    const aims: Aim[] = [
      issueAim(rows[0]!, SMALL.waiting),
      issueAim(rows[1]!, BIG.waiting),
      { aim: `public snapshot (/api/state), ${FULL.waiting.toLocaleString('en')} waiting`, measured: `${(snapshotBytes / 1024).toFixed(1)} KB`, baseline: '', target: '≤ 50 KB', met: snapshotBytes <= 50 * 1024 },
    ];
    return { rows: [{ ...before, scenario: 'bare Koa JSON POST, before' }, { ...after, scenario: 'bare Koa JSON POST, after' }, ...rows], baseline, aims };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const form = await nodeForm();
  const { rows, baseline, aims } = await runIssueCostBench(form);
  const { printAims } = await import('./aims.ts');
  printTable(`Issue cost with 10 and 10,000 waiting (${SERVICES} services, ${WINDOWS} windows; at most ${ISSUES} issues a run; server and bare Koa: ${form.name})`, rows, baseline);
  printAims('Aims', aims);
}

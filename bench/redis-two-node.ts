// Scale-out bench: issue and next throughput, and call-to-display latency, for two server nodes on
// one Redis — next to one node on Redis, one node on the embedded store and a bare Koa route, all
// measured in the same run for the same seconds (shared noisy machines: read the ratios).
// Run alone with `npx tsx bench/redis-two-node.ts`; bench/run.ts calls runRedisBench().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { startRedisServer } from '../server/dev/redis-server.ts';
import { benchHallFile, serviceIds } from './engine.ts';
import { load, printTable, startProcess, type BenchRequest, type Proc, type Row } from './lib.ts';

const ISSUE_SECONDS = Number(process.env.BENCH_ISSUE_SECONDS ?? 2);
const NEXT_SECONDS = Number(process.env.BENCH_NEXT_SECONDS ?? 1);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);

// Speech rendering (espeak-ng per call) would dominate "next" and is the same for every store: off,
// so the rows compare the stores.
const NODE_ENV_VARS = { VOICE_ENGINE: 'none' };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Loads every url at once for the same seconds (one wrk per node, connections split) and adds the
 * rates up. p50/p99 are the worst node's: wrk reports percentiles per run, not raw latencies.
 */
async function loadNodes(urls: string[], title: string, seconds: number, connections: number, requests: BenchRequest[], warmupSeconds = 1): Promise<Row> {
  const rows = await Promise.all(
    urls.map((url) => load({ url, title, seconds, warmupSeconds, connections: Math.max(1, Math.round(connections / urls.length)), requests })),
  );
  const notes = rows.map((r) => r.note).filter(Boolean);
  return {
    scenario: title,
    requests: rows.reduce((n, r) => n + r.requests, 0),
    rps: rows.reduce((n, r) => n + r.rps, 0),
    p50ms: Math.max(...rows.map((r) => r.p50ms)),
    p99ms: Math.max(...rows.map((r) => r.p99ms)),
    errors: rows.reduce((n, r) => n + r.errors, 0),
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}

/**
 * A clerk on `clerkUrl` presses next, one press at a time; a wall display is connected to
 * `displayUrl`. Latency = from sending the press to the display receiving that ticket:called.
 */
async function callToDisplay(clerkUrl: string, displayUrl: string, title: string): Promise<Row> {
  const socket = io(displayUrl, { transports: ['websocket'], forceNew: true, reconnection: false });
  const arrived = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  socket.on('ticket:called', (e) => {
    arrived.set(e.ticket.id, performance.now());
    waiters.get(e.ticket.id)?.();
  });
  await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  try {
    for (let i = 0; i < CALLS; i++) {
      const windowId = String((i % 7) + 1);
      const t0 = performance.now();
      const res = await fetch(`${clerkUrl}/api/windows/${windowId}/next`, {
        method: 'POST',
        headers: { authorization: `Bearer demo-clerk-${windowId}` },
      });
      if (res.status !== 200) {
        errors++;
        await res.arrayBuffer();
        continue;
      }
      const id = ((await res.json()) as { ticket: { id: string } }).ticket.id;
      if (!arrived.has(id)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${title}: ticket ${id} never reached the display`)), 10_000);
          waiters.set(id, () => (clearTimeout(timer), resolve()));
        });
        waiters.delete(id);
      }
      latencies.push(arrived.get(id)! - t0);
    }
  } finally {
    socket.close();
  }
  latencies.sort((a, b) => a - b);
  return {
    scenario: title,
    requests: latencies.length,
    rps: Math.round(latencies.length / ((performance.now() - started) / 1000)),
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
    errors,
    note: 'one press at a time',
  };
}

/** issue, next and call-to-display against a set of nodes of one deployment. */
async function scenarios(nodes: Proc[], label: string, services: string[]): Promise<Row[]> {
  const urls = nodes.map((n) => n.url);
  const issue = await loadNodes(
    urls,
    `issue (${label})`,
    ISSUE_SECONDS,
    20,
    services.map((service) => ({
      method: 'POST',
      path: '/api/tickets',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-triage' },
      body: JSON.stringify({ service, lane: 'normal' }),
    })),
  );
  const next = await loadNodes(
    urls,
    `next (${label})`,
    NEXT_SECONDS,
    14,
    ['1', '2', '3', '4', '5', '6', '7'].map((windowId) => ({ method: 'POST', path: `/api/windows/${windowId}/next`, headers: { authorization: `Bearer demo-clerk-${windowId}` } })),
    0, // warm-up presses would take the tickets the call→display run needs
  );
  // The presses below need tickets waiting whatever the next run left.
  for (let i = 0; i < CALLS; i++)
    await fetch(`${urls[0]}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-triage' },
      body: JSON.stringify({ service: services[i % services.length], lane: 'normal' }),
    }).then((r) => r.arrayBuffer());
  const across = nodes.length > 1 ? 'press on node A, display on node B' : 'same node';
  const display = await callToDisplay(urls[0]!, urls[urls.length - 1]!, `call→display (${label}, ${across})`);
  return [issue, next, display];
}

export async function runRedisBench(): Promise<{ rows: Row[]; baseline: Row }> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-redis-'));
  const config = benchHallFile(dir);
  const services = serviceIds(config);
  const rows: Row[] = [];
  const running: Proc[] = [];
  const redisServers: { destroy(): Promise<void> }[] = [];
  const start = async (entry: string, env: Record<string, string>, ready: string) => {
    const p = await startProcess(entry, env, ready);
    running.push(p);
    return p;
  };
  const stopAll = async () => {
    for (const p of running.splice(0)) await p.stop();
    for (const r of redisServers.splice(0)) await r.destroy();
  };
  try {
    const bare = await start('bench/bare-koa.ts', {}, '/');
    const baseline = await loadNodes([bare.url], 'bare Koa JSON POST (baseline)', ISSUE_SECONDS, 20, [
      { method: 'POST', path: '/x', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'business' }) },
    ]);
    rows.push(baseline);
    await stopAll();

    const embedded = await start('server/main.ts', { ...NODE_ENV_VARS, CONFIG: config, DATA_DIR: join(dir, 'sqlite') }, '/healthz');
    rows.push(...(await scenarios([embedded], 'SQLite, 1 node', services)));
    await stopAll();

    for (const count of [1, 2]) {
      const redis = await startRedisServer();
      redisServers.push(redis);
      const nodes: Proc[] = [];
      for (let n = 0; n < count; n++)
        nodes.push(await start('server/main.ts', { ...NODE_ENV_VARS, CONFIG: config, DATA_DIR: join(dir, `redis-${count}-${n}`), STORE: 'redis', REDIS_URL: redis.url }, '/healthz'));
      rows.push(...(await scenarios(nodes, `Redis, ${count} node${count > 1 ? 's' : ''}`, services)));
      await stopAll();
    }
    return { rows, baseline };
  } finally {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, baseline } = await runRedisBench();
  printTable('Scale-out: two nodes on one Redis, voice off (cost = baseline req/s ÷ scenario req/s)', rows, baseline);
  const by = (s: string) => rows.find((r) => r.scenario.startsWith(s));
  const ratio = (a?: Row, b?: Row) => (a && b && b.rps ? (a.rps / b.rps).toFixed(2) : 'n/a');
  console.log(`\nthroughput, 2 Redis nodes ÷ 1 SQLite node: issue ${ratio(by('issue (Redis, 2'), by('issue (SQLite'))}×, next ${ratio(by('next (Redis, 2'), by('next (SQLite'))}×`);
  console.log(`throughput, 2 Redis nodes ÷ 1 Redis node:  issue ${ratio(by('issue (Redis, 2'), by('issue (Redis, 1'))}×, next ${ratio(by('next (Redis, 2'), by('next (Redis, 1'))}×`);
}

// Scale-out bench: issue and next throughput, and call-to-display latency, for two server nodes on
// one Redis — next to one node on Redis, one node on the embedded store and a bare Koa route, all
// measured in the same run with the same amounts (shared noisy machines: read the ratios).
// Run alone with `npx tsx bench/redis-two-node.ts`; bench/run.ts calls runRedisBench().
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { startRedisServer } from '../test/helpers/redis-server.ts';
import { benchHallFile, serviceIds } from './engine.ts';
import { printTable, startProcess, type Proc, type Row } from './lib.ts';

const ISSUES = Number(process.env.BENCH_REDIS_ISSUES ?? 4000);
const NEXTS = Number(process.env.BENCH_REDIS_NEXTS ?? 2000);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);

// Speech rendering (espeak-ng per call) would dominate "next" and is the same for every store: off,
// so the rows compare the stores.
const NODE_ENV_VARS = { VOICE_ENGINE: 'none' };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Runs autocannon against every url at once, `amount` requests split evenly, and merges the
 * per-response latencies so p50/p99 are over all requests, not an average of per-node figures.
 */
async function loadNodes(
  urls: string[],
  title: string,
  amount: number,
  connections: number,
  request: (node: number) => autocannon.Request,
): Promise<Row> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    urls.map(
      (url, n) =>
        new Promise<void>((resolve, reject) => {
          const inst = autocannon(
            { url, connections: Math.max(1, Math.round(connections / urls.length)), amount: Math.round(amount / urls.length), requests: [request(n)], timeout: 10 },
            (err) => (err ? reject(err) : resolve()),
          );
          inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
            latencies.push(ms);
            if (status >= 300) errors++;
          });
          inst.on('reqError', () => errors++);
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    scenario: title,
    requests: latencies.length,
    rps: Math.round(latencies.length / seconds),
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
    errors,
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
  let i = 0;
  const issue = await loadNodes(urls, `issue (${label})`, ISSUES, 20, () => ({
    method: 'POST',
    path: '/api/tickets',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-triage' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ service: services[i++ % services.length], lane: 'normal' }) }),
  }));
  let w = 0;
  const next = await loadNodes(urls, `next (${label})`, NEXTS, 14, () => ({
    method: 'POST',
    setupRequest: (req) => {
      const windowId = String((w++ % 7) + 1);
      return { ...req, path: `/api/windows/${windowId}/next`, headers: { authorization: `Bearer demo-clerk-${windowId}` } };
    },
  }));
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
    const baseline = await loadNodes([bare.url], 'bare Koa JSON POST (baseline)', ISSUES, 20, () => ({
      method: 'POST',
      path: '/x',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'business' }),
    }));
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

// City-scale bench: how many halls a OneWindow node and a Redis master carry. A deployment of N
// halls (the demo hall copied, each with its own clerks) takes issue + next from every hall's
// clerks at once, on one node over one Redis, one node over a 3-master Redis Cluster, and two
// nodes over that cluster — next to a bare Koa route in the same run (shared noisy machine: read
// the ratios). Per Redis master it reports the script calls (appends) it ran and the CPU they
// cost (INFO cpu), so a master's capacity is appends per CPU-second; per node, the memory it holds
// with every hall folded (each node serves every hall). docs/scale-out.md turns these into halls.
// Run alone with `npx tsx bench/redis-cluster.ts`; bench/run.ts calls runRedisClusterBench().
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { startNodeProcess, type NodeProcess } from '../server/dev/process.ts';
import { startRedisCluster } from '../server/dev/redis-cluster.ts';
import { startRedisServer } from '../server/dev/redis-server.ts';
import { RedisEventStore } from '../server/store/redis.ts';
import { streams } from '../server/store/streams.ts';
import { load, printTable, ROOT, startProcess, type BenchRequest, type Row } from './lib.ts';

const exec = promisify(execFile);
const HALLS = Number(process.env.BENCH_CITY_HALLS ?? 24);
const SECONDS = Number(process.env.BENCH_CITY_SECONDS ?? 3);
const CONNECTIONS = 24;
/** Appenders straight on the store in the masters' run, each on its own hall's log. */
const WRITERS = Number(process.env.BENCH_CITY_WRITERS ?? 48);
/** Tickets issued before a node's memory is read again (a day's worth for a few halls). */
const MEMORY_TICKETS = Number(process.env.BENCH_CITY_TICKETS ?? 3000);
/** Windows 1-7 of the demo hall take the five services below. */
const WINDOWS = ['1', '2', '3', '4', '5', '6', '7'];
const SERVICES = ['business', 'social', 'estate', 'tax', 'medical'];

const hallId = (i: number) => `hall-${String(i + 1).padStart(3, '0')}`;

/** N copies of the demo hall (next guard off: the bench's clerks press as fast as they can), each with its own triage and clerk tokens. */
function cityConfig(dir: string, halls: number): string {
  const { tokens: _demoTokens, ...demo } = parse(readFileSync(join(ROOT, 'config/demo-hall.yaml'), 'utf8'));
  const ids = Array.from({ length: halls }, (_, i) => hallId(i));
  const tokens = ids.flatMap((id) => [
    { token: `${id}-triage`, role: 'triage', hall: id },
    ...WINDOWS.map((w) => ({ token: `${id}-clerk-${w}`, role: 'clerk', hall: id, windows: [w] })),
  ]);
  const file = join(dir, `city-${halls}.yaml`);
  writeFileSync(file, stringify({ halls: ids.map((id) => ({ ...demo, id, policy: { ...demo.policy, nextGuardSeconds: 0 } })), tokens }));
  return file;
}

const issueRequest = (hall: string, service: string): BenchRequest => ({
  method: 'POST',
  path: `/api/halls/${hall}/tickets`,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${hall}-triage` },
  body: JSON.stringify({ service, lane: 'normal' }),
});

/** Every hall's triage issues and one of its clerks presses next, hall after hall: one issue per next. */
function cityMix(halls: number): BenchRequest[] {
  return Array.from({ length: halls }, (_, i) => hallId(i)).flatMap((hall, i) => {
    const w = WINDOWS[i % WINDOWS.length]!;
    return [
      issueRequest(hall, SERVICES[i % SERVICES.length]!),
      { method: 'POST', path: `/api/halls/${hall}/windows/${w}/next`, headers: { authorization: `Bearer ${hall}-clerk-${w}` } },
    ];
  });
}

interface MasterStats {
  cpuSeconds: number;
  scriptCalls: number;
  usedMemory: number;
}

/** A master's CPU used so far and the scripts it has run (EVALSHA and EVAL), from INFO. */
async function masterStats(port: number): Promise<MasterStats> {
  const { stdout } = await exec('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'INFO', 'all']);
  const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? 0);
  return {
    cpuSeconds: num(/used_cpu_user:([\d.]+)/) + num(/used_cpu_sys:([\d.]+)/),
    scriptCalls: num(/cmdstat_evalsha:calls=(\d+)/) + num(/cmdstat_eval:calls=(\d+)/),
    usedMemory: num(/used_memory:(\d+)/),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(node: NodeProcess): number {
  const status = readFileSync(`/proc/${node.child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

/** A few tickets waiting in every hall first, so next finds one from the start. */
async function prefill(url: string, halls: number) {
  for (let i = 0; i < halls; i++)
    for (const service of SERVICES) {
      const r = issueRequest(hallId(i), service);
      await fetch(url + r.path, { method: r.method, headers: r.headers, body: r.body }).then((res) => res.arrayBuffer());
    }
}

/** The city mix on every node at once (connections split). Besides req/s (which a busy machine
 * bends), what each request cost in CPU: the nodes' (from /proc) and the Redis masters' (INFO cpu). */
async function cityLoad(nodes: NodeProcess[], masterPorts: number[], label: string): Promise<Row> {
  await prefill(nodes[0]!.url, HALLS);
  // Warm (JIT, connections) before the CPU counters are read: a cold node costs more per request.
  await Promise.all(nodes.map((n) => load({ url: n.url, title: 'warm-up', seconds: 1, connections: Math.round(CONNECTIONS / nodes.length), requests: cityMix(HALLS) })));
  const pids = nodes.map((n) => n.child.pid!);
  const [nodeCpu0, redis0] = [pids.map(processCpuSeconds), await Promise.all(masterPorts.map(masterStats))];
  const runs = await Promise.all(
    nodes.map((n) => load({ url: n.url, title: label, seconds: SECONDS, connections: Math.round(CONNECTIONS / nodes.length), requests: cityMix(HALLS) })),
  );
  const [nodeCpu1, redis1] = [pids.map(processCpuSeconds), await Promise.all(masterPorts.map(masterStats))];
  const requests = runs.reduce((s, r) => s + r.requests, 0);
  const nodeCpu = nodeCpu1.reduce((s, c, i) => s + c - nodeCpu0[i]!, 0);
  const redisCpu = redis1.reduce((s, r, i) => s + r.cpuSeconds - redis0[i]!.cpuSeconds, 0);
  const appends = redis1.reduce((s, r, i) => s + r.scriptCalls - redis0[i]!.scriptCalls, 0);
  const redisBytes = redis1.reduce((s, r, i) => s + r.usedMemory - redis0[i]!.usedMemory, 0);
  const perCpuSecond = (cpu: number) => (cpu > 0 ? Math.round(requests / cpu) : 'n/a');
  return {
    scenario: `issue+next, ${label}`,
    requests,
    rps: runs.reduce((s, r) => s + r.rps, 0),
    p50ms: Math.max(...runs.map((r) => r.p50ms)),
    p99ms: Math.max(...runs.map((r) => r.p99ms)),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    note: [
      `${perCpuSecond(nodeCpu)} req per node CPU-s`,
      `${perCpuSecond(redisCpu)} req per Redis CPU-s`,
      `${appends ? Math.round(redisBytes / appends) : 'n/a'} Redis bytes per script call`,
      `RSS ${nodes.map(rssMb).join(' / ')} MB`,
      ...runs.map((r) => r.note).filter(Boolean),
    ].join('; '),
  };
}

/**
 * What a master carries when Redis, not the nodes, is the limit: WRITERS appenders straight on the
 * store (no HTTP), each on its own hall's log, for SECONDS; per master, the appends it ran and the
 * CPU they cost, so its capacity is appends per CPU-second.
 */
async function mastersUnderAppends(): Promise<Row[]> {
  const cluster = await startRedisCluster();
  const store = await RedisEventStore.open(cluster.url, { prefix: 'bench' });
  try {
    const ports = cluster.masters.map((m) => m.port);
    const before = await Promise.all(ports.map(masterStats));
    const deadline = Date.now() + SECONDS * 1000;
    const writer = async (w: number) => {
      const stream = streams.hall(hallId(w));
      for (let seq = 0; Date.now() < deadline; seq++)
        await store.append(stream, seq, [{ type: 'ticket:cancelled', hallId: stream.hallId, at: Date.now(), actor: { role: 'clerk', name: '3号窗口综窗人员' }, data: { ticketId: `t-${w}-${seq}` } }]);
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    const after = await Promise.all(ports.map(masterStats));
    const total = after.reduce((s, a, i) => s + a.scriptCalls - before[i]!.scriptCalls, 0);
    const head: Row = { scenario: `appends straight on the store, ${WRITERS} writers, 3-master cluster`, requests: total, rps: Math.round(total / SECONDS), p50ms: 0, p99ms: 0, errors: 0, note: 'one writer per hall log, no HTTP' };
    return [head, ...ports.map((port, i) => {
      const calls = after[i]!.scriptCalls - before[i]!.scriptCalls;
      const cpu = after[i]!.cpuSeconds - before[i]!.cpuSeconds;
      const bytes = calls > 0 ? Math.round((after[i]!.usedMemory - before[i]!.usedMemory) / calls) : 0;
      const row: Row = { scenario: `  appends on master :${port}`, requests: calls, rps: Math.round(calls / SECONDS), p50ms: 0, p99ms: 0, errors: 0 };
      return { ...row, note: `CPU ${Math.round((100 * cpu) / SECONDS)}% of a core; ${cpu > 0 ? Math.round(calls / cpu) : 'n/a'} appends per CPU-second; ${bytes} bytes of Redis memory per event` };
    })];
  } finally {
    await store.close();
    await cluster.destroy();
  }
}

const nodeEnv = (config: string, dataDir: string, redisUrl: string) => ({
  CONFIG: config,
  DATA_DIR: dataDir,
  STORE: 'redis',
  REDIS_URL: redisUrl,
  VOICE_ENGINE: 'none',
  REDIS_COMMAND_TIMEOUT_MS: '5000',
});

/** RSS of a node with `halls` halls, idle on a fresh Redis, and (tickets > 0) after issuing that many tickets spread over the halls. */
async function nodeMemory(dir: string, config: string, halls: number, tickets: number): Promise<Row> {
  const redis = await startRedisServer();
  try {
    const node = await startNodeProcess(nodeEnv(config, join(dir, `mem-${halls}`), redis.url));
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const idle = rssMb(node);
      const issuers = Array.from({ length: 8 }, async (_, k) => {
        for (let i = k; i < tickets; i += 8) {
          const r = issueRequest(hallId(i % halls), SERVICES[i % SERVICES.length]!);
          await fetch(node.url + r.path, { method: r.method, headers: r.headers, body: r.body }).then((res) => res.arrayBuffer());
        }
      });
      await Promise.all(issuers);
      const loaded = rssMb(node);
      const perTicket = tickets ? `; ${Math.round(((loaded - idle) * 1024) / tickets)} KB per ticket` : '';
      const note = tickets ? `RSS ${idle} MB idle, ${loaded} MB after ${tickets} tickets${perTicket}` : `RSS ${idle} MB idle`;
      return { scenario: `node memory, ${halls} hall${halls > 1 ? 's' : ''}`, requests: tickets, rps: 0, p50ms: 0, p99ms: 0, errors: 0, note };
    } finally {
      await node.kill('SIGTERM');
    }
  } finally {
    await redis.destroy();
  }
}

async function onOneRedis(dir: string, config: string): Promise<Row[]> {
  const redis = await startRedisServer();
  const nodes: NodeProcess[] = [];
  try {
    nodes.push(await startNodeProcess(nodeEnv(config, join(dir, 'single-0'), redis.url)));
    return [await cityLoad(nodes, [redis.port], `${HALLS} halls, 1 node, one Redis`)];
  } finally {
    for (const n of nodes) await n.kill('SIGTERM');
    await redis.destroy();
  }
}

async function onRedisCluster(dir: string, config: string, nodeCount: number): Promise<Row[]> {
  const cluster = await startRedisCluster();
  const nodes: NodeProcess[] = [];
  try {
    for (let i = 0; i < nodeCount; i++) nodes.push(await startNodeProcess(nodeEnv(config, join(dir, `cluster-${nodeCount}-${i}`), cluster.url)));
    const label = `${HALLS} halls, ${nodeCount} node${nodeCount > 1 ? 's' : ''}, 3-master cluster`;
    return [await cityLoad(nodes, cluster.masters.map((m) => m.port), label)];
  } finally {
    for (const n of nodes) await n.kill('SIGTERM');
    await cluster.destroy();
  }
}

export async function runRedisClusterBench(): Promise<{ rows: Row[]; baseline: Row }> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-city-'));
  try {
    const bare = await startProcess('bench/bare-koa.ts', {}, '/');
    let baseline: Row;
    try {
      baseline = await load({ url: bare.url, title: 'bare Koa JSON POST (baseline)', seconds: SECONDS, warmupSeconds: 1, connections: CONNECTIONS, requests: [{ method: 'POST', path: '/x', headers: { 'content-type': 'application/json' }, body: '{"service":"business"}' }] });
    } finally {
      await bare.stop();
    }
    const config = cityConfig(dir, HALLS);
    const rows = [baseline];
    rows.push(...(await onOneRedis(dir, config)));
    rows.push(...(await onRedisCluster(dir, config, 1)));
    rows.push(...(await onRedisCluster(dir, config, 2)));
    rows.push(...(await mastersUnderAppends()));
    rows.push(await nodeMemory(dir, cityConfig(dir, 1), 1, 0));
    rows.push(await nodeMemory(dir, config, HALLS, MEMORY_TICKETS));
    return { rows, baseline };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, baseline } = await runRedisClusterBench();
  printTable(`A city on Redis Cluster: ${HALLS} halls, every hall's clerks issuing and calling (cost = baseline req/s ÷ scenario req/s)`, rows, baseline);
}

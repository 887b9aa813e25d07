// A OneWindow deployment for scale-out tests: one real redis-server (or a real 3-master Redis
// Cluster) and several real server processes (server/main.ts) with STORE=redis on it, plus small
// HTTP helpers the tests share.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startNodeProcess, type NodeProcess } from '../../server/dev/process.ts';
import { startRedisCluster, type RedisCluster, type RedisClusterOptions } from '../../server/dev/redis-cluster.ts';
import { startRedisServer, type RedisServer, type RedisServerOptions } from '../../server/dev/redis-server.ts';

/** Server nodes on a shared Redis (one redis-server, or a Redis Cluster). */
export interface Deployment {
  nodes: NodeProcess[];
  /** REDIS_URL the nodes were given. */
  redisUrl: string;
  /** Starts one more node on the same Redis (e.g. to replace a killed one). */
  addNode(): Promise<NodeProcess>;
  close(): Promise<void>;
}

/** Nodes on one redis-server, which tests may stop, restart or pause. */
export interface Cluster extends Deployment {
  redis: RedisServer;
}

/** Nodes on a 3-master Redis Cluster, with or without replicas (REDIS_URL lists every node). */
export interface OnRedisCluster extends Deployment {
  redisCluster: RedisCluster;
}

/** The demo hall with the next guard off: these clerks press next as fast as the machine goes, and
 * the human-speed guard (policy.nextGuardSeconds) would refuse most presses. */
function fastClerksConfig(dir: string): string {
  const demo = parse(readFileSync(new URL('../../config/demo-hall.yaml', import.meta.url), 'utf8'));
  demo.policy = { ...demo.policy, nextGuardSeconds: 0 };
  const file = join(dir, 'demo-hall-fast-clerks.yaml');
  writeFileSync(file, stringify(demo));
  return file;
}

interface NodesOptions {
  nodes?: number;
  config?: string;
  /** More environment for every node (e.g. REDIS_WAIT_REPLICAS). */
  env?: Record<string, string>;
}

/** Starts `options.nodes` server processes on the Redis at `redisUrl`; `destroyRedis` runs on close or failure. */
async function startNodes(redisUrl: string, destroyRedis: () => Promise<void>, options: NodesOptions): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-scale-'));
  const nodes: NodeProcess[] = [];
  const env = (i: number): Record<string, string> => ({
    STORE: 'redis',
    REDIS_URL: redisUrl,
    // Each node gets its own DATA_DIR: nothing may be shared through the file system.
    DATA_DIR: join(dir, `node-${i}`),
    // Speech rendering spawns espeak-ng per call: CPU these tests need for the nodes themselves.
    VOICE_ENGINE: 'none',
    // On a loaded 2-core machine a healthy Redis may be slow to answer; a spurious timeout (503)
    // is not what these tests look for. A hung Redis still fails within this.
    REDIS_COMMAND_TIMEOUT_MS: '5000',
    CONFIG: options.config ?? fastClerksConfig(dir),
    ...options.env,
  });
  const addNode = async () => {
    const node = await startNodeProcess(env(nodes.length));
    nodes.push(node);
    return node;
  };
  const close = async () => {
    for (const n of nodes) await n.kill('SIGKILL');
    await destroyRedis();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // One at a time: both would otherwise start the first service day at once (one retries).
    for (let i = 0; i < (options.nodes ?? 2); i++) await addNode();
  } catch (err) {
    await close();
    throw err;
  }
  return { nodes, redisUrl, addNode, close };
}

export async function startCluster(options: NodesOptions & { redis?: RedisServerOptions } = {}): Promise<Cluster> {
  const redis = await startRedisServer(options.redis);
  return { ...(await startNodes(redis.url, () => redis.destroy(), options)), redis };
}

export async function startOnRedisCluster(options: NodesOptions & { redisCluster?: RedisClusterOptions } = {}): Promise<OnRedisCluster> {
  const redisCluster = await startRedisCluster(options.redisCluster);
  return { ...(await startNodes(redisCluster.url, () => redisCluster.destroy(), options)), redisCluster };
}

export interface ApiResponse {
  status: number;
  body: any;
}

export async function api(base: string, method: string, path: string, token?: string, body?: unknown): Promise<ApiResponse> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const hallPath = (hall?: string) => (hall ? `/api/halls/${hall}` : '/api');

export const issue = (base: string, service: string, opts: { hall?: string; token?: string; lane?: string } = {}) =>
  api(base, 'POST', `${hallPath(opts.hall)}/tickets`, opts.token ?? 'demo-triage', { service, lane: opts.lane ?? 'normal' });

export const pressNext = (base: string, windowId: string, opts: { hall?: string; token?: string } = {}) =>
  api(base, 'POST', `${hallPath(opts.hall)}/windows/${windowId}/next`, opts.token ?? `demo-clerk-${windowId}`);

export const pressFinish = (base: string, windowId: string, opts: { hall?: string; token?: string } = {}) =>
  api(base, 'POST', `${hallPath(opts.hall)}/windows/${windowId}/finish`, opts.token ?? `demo-clerk-${windowId}`);

export const hallState = async (base: string, hall?: string) => (await api(base, 'GET', `${hallPath(hall)}/state`)).body;

/** Polls until check() holds; for conditions that other processes make true. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Both nodes have folded the same log up to the same event id. */
export async function converged(nodes: { url: string }[], hall?: string): Promise<number> {
  let id = -1;
  await waitUntil(async () => {
    const ids = await Promise.all(nodes.map(async (n) => (await hallState(n.url, hall)).eventId as number));
    id = ids[0]!;
    return ids.every((x) => x === id);
  }, 'the nodes to converge on one event id');
  return id;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Starts a real Redis Cluster for tests and the bench: `masters` redis-servers (default 3), each
// with `replicas` replicas (default 0), with --cluster-enabled on free loopback ports, each in its
// own temp dir, joined by `redis-cli --cluster create … --cluster-replicas <replicas>`, ready once
// every node says cluster_state:ok and every replica's link to its master is up.
// Also answers, from Redis itself (CLUSTER KEYSLOT, CLUSTER SLOTS), which master holds a key: the
// oracle tests use to show that halls are spread over the masters, and to find the master to kill
// in a failover test.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startRedisServer, type RedisServer } from './redis-server.ts';

const exec = promisify(execFile);
const CLI_TIMEOUT_MS = 10_000;

export interface RedisCluster {
  /** REDIS_URL for the store: every node (masters and replicas), comma-separated. */
  url: string;
  /** The masters as the cluster was created (a failover later promotes a replica). */
  masters: RedisServer[];
  /** Every redis-server of the cluster, masters and replicas. */
  servers: RedisServer[];
  /** The port of the master that owns `key`'s slot, as the cluster reports it (asked of a live node). */
  ownerOf(key: string): Promise<number>;
  /** The port of the replica of the master at `port`, as the cluster reports it. */
  replicaOf(port: number): Promise<number>;
  /** Runs one command on the master at `port` with redis-cli; its raw output. */
  cli(port: number, ...args: string[]): Promise<string>;
  destroy(): Promise<void>;
}

async function cli(port: number, ...args: string[]): Promise<string> {
  // A stopped (SIGSTOP) node never answers: give up on it rather than hang the caller.
  const { stdout } = await exec('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: CLI_TIMEOUT_MS });
  return stdout;
}

/** Every node knows every other, the cluster serves, and every replica is in sync with its master. */
async function waitForClusterOk(ports: number[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const infos = await Promise.all(ports.map(async (p) => (await cli(p, 'CLUSTER', 'INFO')) + (await cli(p, 'INFO', 'replication'))));
    const ok = (i: string) =>
      /cluster_state:ok/.test(i) && /cluster_known_nodes:(\d+)/.exec(i)?.[1] === String(ports.length) && (/role:master/.test(i) || /master_link_status:up/.test(i));
    if (infos.every(ok)) return;
    if (Date.now() > deadline) throw new Error(`the Redis Cluster on ${ports.join(', ')} did not reach cluster_state:ok`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The slot ranges of each master, from CLUSTER SLOTS (redis-cli prints one value per line). */
async function slotRanges(port: number): Promise<{ from: number; to: number; port: number }[]> {
  const lines = (await exec('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--json', 'CLUSTER', 'SLOTS'], { timeout: CLI_TIMEOUT_MS })).stdout;
  const slots = JSON.parse(lines) as [number, number, [string, number, string, ...unknown[]], ...unknown[]][];
  return slots.map(([from, to, master]) => ({ from, to, port: master[1] }));
}

/** CLUSTER NODES as `port` sees it: per node its id, port, whether it is a master, and its master's id. */
async function clusterNodes(port: number): Promise<{ id: string; port: number; master: boolean; masterId: string }[]> {
  const lines = (await cli(port, 'CLUSTER', 'NODES')).trim().split('\n');
  // <id> <ip:port@cport> <flags> <master id or -> …; flags include "master" or "slave" (maybe after "myself,").
  return lines
    .map((l) => l.split(' '))
    .map((f) => ({ id: f[0]!, port: Number(/:(\d+)@/.exec(f[1]!)![1]), master: /(^|,)master(,|$)/.test(f[2]!), masterId: f[3]! }));
}

async function masterPorts(port: number): Promise<Set<number>> {
  return new Set((await clusterNodes(port)).filter((n) => n.master).map((n) => n.port));
}

export interface RedisClusterOptions {
  masters?: number;
  /** Replicas per master (default 0). */
  replicas?: number;
  /** cluster-node-timeout: how long a master may be unreachable before its replica takes over (default 5000). */
  nodeTimeoutMs?: number;
}

export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const servers: RedisServer[] = [];
  const destroy = async () => {
    for (const s of servers) await s.destroy();
  };
  const replicas = options.replicas ?? 0;
  const args = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', String(options.nodeTimeoutMs ?? 5000)];
  let masters: RedisServer[];
  try {
    // The node's cluster state file lives in its own dir (redis-server --dir).
    for (let i = 0; i < (options.masters ?? 3) * (1 + replicas); i++) servers.push(await startRedisServer({ extraArgs: args }));
    const ports = servers.map((m) => m.port);
    await exec('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes']);
    await waitForClusterOk(ports);
    // Which nodes redis-cli made masters: asked of the cluster, not assumed from the order.
    const roles = await masterPorts(ports[0]!);
    masters = servers.filter((s) => roles.has(s.port));
  } catch (err) {
    await destroy();
    throw err;
  }
  /** Runs `ask` on the first node that answers: after a kill, some do not. */
  const anyNode = async <T>(ask: (port: number) => Promise<T>): Promise<T> => {
    let lastErr: unknown;
    for (const s of servers) {
      try {
        return await ask(s.port);
      } catch (err) {
        lastErr = err;
      }
    }
    throw lastErr;
  };
  return {
    url: servers.map((m) => m.url).join(','),
    masters,
    servers,
    cli,
    replicaOf: (port) =>
      anyNode(async (asked) => {
        const nodes = await clusterNodes(asked);
        const master = nodes.find((n) => n.port === port);
        const replica = master && nodes.find((n) => !n.master && n.masterId === master.id);
        if (!replica) throw new Error(`no replica of the master at port ${port}`);
        return replica.port;
      }),
    ownerOf: (key) =>
      anyNode(async (port) => {
        const slot = Number((await cli(port, 'CLUSTER', 'KEYSLOT', key)).trim());
        const range = (await slotRanges(port)).find((r) => r.from <= slot && slot <= r.to);
        if (!range) throw new Error(`no master owns slot ${slot} of ${key}`);
        return range.port;
      }),
    destroy,
  };
}

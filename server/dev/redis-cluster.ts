// Starts a real Redis Cluster for tests and the bench: `masters` redis-servers (default 3) with
// --cluster-enabled on free loopback ports, each in its own temp dir, joined by
// `redis-cli --cluster create … --cluster-replicas 0`, ready once every node says cluster_state:ok.
// Also answers, from Redis itself (CLUSTER KEYSLOT, CLUSTER SLOTS), which master holds a key: the
// oracle tests use to show that halls are spread over the masters.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startRedisServer, type RedisServer } from './redis-server.ts';

const exec = promisify(execFile);

export interface RedisCluster {
  /** REDIS_URL for the store: every master, comma-separated. */
  url: string;
  masters: RedisServer[];
  /** The port of the master that owns `key`'s slot, as the cluster reports it. */
  ownerOf(key: string): Promise<number>;
  /** Runs one command on the master at `port` with redis-cli; its raw output. */
  cli(port: number, ...args: string[]): Promise<string>;
  destroy(): Promise<void>;
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await exec('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]);
  return stdout;
}

async function waitForClusterOk(ports: number[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const infos = await Promise.all(ports.map((p) => cli(p, 'CLUSTER', 'INFO')));
    if (infos.every((i) => /cluster_state:ok/.test(i) && /cluster_known_nodes:(\d+)/.exec(i)?.[1] === String(ports.length))) return;
    if (Date.now() > deadline) throw new Error(`the Redis Cluster on ${ports.join(', ')} did not reach cluster_state:ok`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The slot ranges of each master, from CLUSTER SLOTS (redis-cli prints one value per line). */
async function slotRanges(port: number): Promise<{ from: number; to: number; port: number }[]> {
  const lines = (await exec('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--json', 'CLUSTER', 'SLOTS'])).stdout;
  const slots = JSON.parse(lines) as [number, number, [string, number, string, ...unknown[]], ...unknown[]][];
  return slots.map(([from, to, master]) => ({ from, to, port: master[1] }));
}

export async function startRedisCluster(options: { masters?: number } = {}): Promise<RedisCluster> {
  const masters: RedisServer[] = [];
  const destroy = async () => {
    for (const m of masters) await m.destroy();
  };
  try {
    for (let i = 0; i < (options.masters ?? 3); i++) {
      // The node's cluster state file lives in its own dir (redis-server --dir).
      masters.push(await startRedisServer({ extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000'] }));
    }
    const ports = masters.map((m) => m.port);
    await exec('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    await waitForClusterOk(ports);
  } catch (err) {
    await destroy();
    throw err;
  }
  return {
    url: masters.map((m) => m.url).join(','),
    masters,
    cli,
    ownerOf: async (key) => {
      const port = masters[0]!.port;
      const slot = Number((await cli(port, 'CLUSTER', 'KEYSLOT', key)).trim());
      const range = (await slotRanges(port)).find((r) => r.from <= slot && slot <= r.to);
      if (!range) throw new Error(`no master owns slot ${slot} of ${key}`);
      return range.port;
    },
    destroy,
  };
}

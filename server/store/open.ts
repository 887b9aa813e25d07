// Picks the event store from the environment: the embedded SQLite file by default,
// Redis with STORE=redis and REDIS_URL (one URL, or a Redis Cluster's nodes separated by commas).
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import type { EventStore } from './port.ts';
import { SqliteEventStore } from './sqlite.ts';

export interface StoreEnv {
  STORE?: string;
  DATA_DIR?: string;
  /** One Redis (redis://host:port), or the nodes of a Redis Cluster separated by commas. */
  REDIS_URL?: string;
  /** Key prefix in Redis (default "ow"), so deployments can share one Redis. */
  REDIS_PREFIX?: string;
  /** A Redis command not answered within this many ms fails with 503 (default 2000). */
  REDIS_COMMAND_TIMEOUT_MS?: string;
  SQLITE_SYNC?: string;
  /** Redis only: how far (ms) an event time may run ahead of Redis TIME before the append is refused (default 5000). */
  MAX_CLOCK_AHEAD_MS?: string;
  /** Answer an append only once this many replicas have it (Redis WAIT); default 0, no wait. */
  REDIS_WAIT_REPLICAS?: string;
  /** How long an append waits for those replicas before it is answered 503 (default 1000 ms). */
  REDIS_WAIT_TIMEOUT_MS?: string;
}

export async function openStore(env: StoreEnv, log?: Logger): Promise<EventStore> {
  const kind = env.STORE ?? 'sqlite';
  if (kind === 'sqlite') {
    const file = join(env.DATA_DIR ?? './data', 'onewindow.sqlite');
    return new SqliteEventStore(file, { synchronous: env.SQLITE_SYNC === 'full' ? 'full' : 'normal' });
  }
  if (kind === 'redis') {
    if (!env.REDIS_URL)
      throw new Error('STORE=redis needs REDIS_URL, e.g. redis://127.0.0.1:6379, or for a Redis Cluster its nodes: redis://10.0.0.1:7000,redis://10.0.0.2:7000,redis://10.0.0.3:7000');
    const timeout = Number(env.REDIS_COMMAND_TIMEOUT_MS);
    const commandTimeoutMs = Number.isFinite(timeout) && timeout > 0 ? timeout : 2000;
    const replication = replicationSetting(env, commandTimeoutMs);
    // Loaded only here: a node on SQLite never loads ioredis.
    const { RedisEventStore } = await import('./redis.ts');
    return RedisEventStore.open(env.REDIS_URL, { prefix: env.REDIS_PREFIX, commandTimeoutMs, maxClockAheadMs: maxClockAheadOf(env), log, ...replication });
  }
  throw new Error(`STORE=${kind}: unknown store (use sqlite or redis)`);
}

/** MAX_CLOCK_AHEAD_MS as a whole number of ms; a malformed value stops the start rather than being ignored. */
function maxClockAheadOf(env: StoreEnv): number | undefined {
  if (env.MAX_CLOCK_AHEAD_MS === undefined || env.MAX_CLOCK_AHEAD_MS === '') return undefined;
  const ms = Number(env.MAX_CLOCK_AHEAD_MS);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`MAX_CLOCK_AHEAD_MS=${env.MAX_CLOCK_AHEAD_MS}: expected a whole number of milliseconds, e.g. 5000`);
  return ms;
}

/** REDIS_WAIT_REPLICAS / REDIS_WAIT_TIMEOUT_MS, checked: a typo must not silently turn the wait off. */
function replicationSetting(env: StoreEnv, commandTimeoutMs: number): { waitReplicas: number; waitTimeoutMs: number } {
  const waitReplicas = Number(env.REDIS_WAIT_REPLICAS ?? 0);
  if (!Number.isInteger(waitReplicas) || waitReplicas < 0) throw new Error(`REDIS_WAIT_REPLICAS=${env.REDIS_WAIT_REPLICAS}: give a whole number of replicas, 0 or more`);
  const waitTimeoutMs = Number(env.REDIS_WAIT_TIMEOUT_MS ?? Math.min(1000, Math.floor(commandTimeoutMs / 2)));
  if (waitReplicas === 0) return { waitReplicas, waitTimeoutMs };
  // The WAIT is a command like any other: it must be answered before the command timeout drops the connection.
  if (!Number.isInteger(waitTimeoutMs) || waitTimeoutMs <= 0 || waitTimeoutMs >= commandTimeoutMs)
    throw new Error(`REDIS_WAIT_TIMEOUT_MS=${env.REDIS_WAIT_TIMEOUT_MS}: give a whole number of ms, above 0 and below REDIS_COMMAND_TIMEOUT_MS (${commandTimeoutMs})`);
  return { waitReplicas, waitTimeoutMs };
}

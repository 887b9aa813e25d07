// REDIS_URL → the store's two connections (commands, subscriptions): one URL is one Redis, a
// comma-separated list of URLs is the seed nodes of a Redis Cluster (ioredis Cluster: it learns the
// slot map from any node it reaches, follows MOVED/ASK redirections, and reloads the map when the
// cluster changes). Credentials and TLS (rediss://) come from the first URL that has them and
// apply to every node, as a cluster has one password.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

export type RedisTarget = { kind: 'single'; url: string } | { kind: 'cluster'; nodes: { host: string; port: number }[]; node: RedisOptions };

/** Parses REDIS_URL; throws a message that names the bad part. */
export function parseRedisUrl(value: string): RedisTarget {
  const urls = value.split(',').map((u) => u.trim()).filter(Boolean);
  if (urls.length === 0) throw new Error('REDIS_URL is empty');
  if (urls.length === 1) return { kind: 'single', url: urls[0]! };
  const parsed = urls.map((u) => {
    let url: URL;
    try {
      url = new URL(u);
    } catch {
      throw new Error(`REDIS_URL: "${redact(u)}" is not a URL; list cluster nodes as redis://host:port,redis://host:port,…`);
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`REDIS_URL: "${redact(u)}" is not redis:// or rediss://`);
    if (url.pathname.length > 1 && url.pathname !== '/0') throw new Error(`REDIS_URL: "${redact(u)}" names database ${url.pathname.slice(1)}; a Redis Cluster has only database 0`);
    return url;
  });
  const withAuth = parsed.find((u) => u.password || u.username);
  const node: RedisOptions = {
    ...(withAuth?.username ? { username: decodeURIComponent(withAuth.username) } : {}),
    ...(withAuth?.password ? { password: decodeURIComponent(withAuth.password) } : {}),
    ...(parsed.some((u) => u.protocol === 'rediss:') ? { tls: {} } : {}),
  };
  return { kind: 'cluster', nodes: parsed.map((u) => ({ host: u.hostname, port: Number(u.port || 6379) })), node };
}

/**
 * Per-connection behaviour, the same for one Redis and for each cluster node: commands are never
 * queued while Redis is away and time out after commandTimeout, so a request fails fast with 503.
 */
export function connectionOptions(commandTimeoutMs: number): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // An append that timed out was answered 503; it must not be sent again later behind the
    // caller's back (the conditional append would make it harmless, but it would be a surprise).
    autoResendUnfulfilledCommands: false,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(commandTimeoutMs, 1000),
    // Reconnect forever, at most every 500 ms: the node serves again soon after Redis is back.
    retryStrategy: (times) => Math.min(50 * times, 500),
  };
}

/** A client for the target, not yet connected (call connect()). */
export function createClient(target: RedisTarget, options: RedisOptions): Redis | Cluster {
  if (target.kind === 'single') return new Redis(target.url, options);
  const { lazyConnect, enableOfflineQueue, retryStrategy, ...perNode } = options;
  const cluster: ClusterOptions = {
    lazyConnect,
    // While the cluster is not ready (slot map unknown, every seed down) a command fails at once.
    enableOfflineQueue,
    clusterRetryStrategy: retryStrategy ? (times) => retryStrategy(times) ?? null : () => null,
    // A node lost to a failover is found again through the reloaded slot map, not per connection.
    redisOptions: { ...perNode, ...target.node },
    slotsRefreshTimeout: Math.max(options.connectTimeout ?? 1000, 1000),
  };
  return new Cluster(target.nodes, cluster);
}

/** REDIS_URL for logs and errors: passwords replaced. */
export function redact(url: string): string {
  return url.replace(/\/\/[^@/,]*@/g, '//***@');
}

// Event store on Redis, for several server nodes sharing one store. Each event stream's log is a
// Redis stream (entry id = seq; keys in ./redis/keys.ts); appends and snapshot saves are Lua scripts (./redis/scripts), so the check of
// the expected seq and the write are one atomic step. The lane policy stays in TypeScript: the
// engine decides, the script only appends conditionally.
//
// Availability: commands are never queued while Redis is away (enableOfflineQueue false) and
// time out after commandTimeout, so a request fails fast with StoreUnavailable instead of hanging;
// the client reconnects forever in the background and the store serves again once Redis is back.
// Other nodes' appends arrive by pub/sub (published by the append script), with a slow poll as a
// safety net. After a reconnect the store checks that Redis still has the newest event it saw, and
// refuses to go on if not (Redis lost acknowledged writes): building on it would fork the log.
//
// Redis Cluster: REDIS_URL listing several nodes opens an ioredis Cluster (./redis/connect.ts). Every
// key of one call carries the stream's hash tag, and every key a script touches is in its KEYS, so
// each call goes whole to the master owning the stream's slot; no command spans two slots.
import type { Cluster, Redis } from 'ioredis';
import { fallbackLogger, type Logger } from '../log.ts';
import { numbered, StoreUnavailable, type AnyStream, type ClockAhead, type Envelope, type EventStore, type Snapshot, type Stored, type Stream, UNVERSIONED_SNAPSHOT } from './port.ts';
import { connectionOptions, createClient, parseRedisUrl, redact } from './redis/connect.ts';
import { appendOutcome, ScriptCode, toStoreError } from './redis/errors.ts';
import { DAY_MS, dayBucket, streamKeys, streamOfChannel, type StreamKeys } from './redis/keys.ts';
import { confirmReplicated, type Replication } from './redis/replication.ts';
import { rewriteLog } from './redis/rewrite.ts';
import { withScripts, type ScriptCommands } from './redis/scripts.ts';

export interface RedisStoreOptions {
  /** Key prefix, so several deployments (or tests) can share one Redis. */
  prefix?: string;
  /** A command not answered within this many ms fails with StoreUnavailable. */
  commandTimeoutMs?: number;
  /** Safety net under pub/sub: how often to compare watched streams' last seq, ms. */
  pollMs?: number;
  /** Most entries one command of read, readRange or the purge's rewrite touches (default 1000). */
  rangeChunk?: number;
  /** Where background failures go (subscriptions, watchers, a lost history). */
  log?: Logger;
  /** How far an event time may be after Redis TIME before the append is refused with ClockAhead, ms (default 5000). */
  maxClockAheadMs?: number;
  /** Answer an append only once this many replicas of the stream's master have it (WAIT); 0: do not wait. */
  waitReplicas?: number;
  /** How long an append waits for the replicas, ms (below commandTimeoutMs). */
  waitTimeoutMs?: number;
}

/** Default bound on an event time ahead of Redis TIME: above NTP's usual error and one slow request, far below a wrong clock. */
export const DEFAULT_MAX_CLOCK_AHEAD_MS = 5000;

/** One Redis, or a Redis Cluster (REDIS_URL listing several nodes): the store uses both alike. */
type Connection = Redis | Cluster;
type Client = Connection & ScriptCommands;

/** Most entries one step of rewriteBefore copies: a script call short enough not to hold up other nodes' appends. */
const REWRITE_CHUNK = 500;

export class RedisEventStore implements EventStore {
  readonly kind = 'redis';
  private readonly prefix: string;
  private readonly watchers = new Map<string, Set<(seq: number) => void>>();
  private readonly seen = new Map<string, number>();
  private poller?: NodeJS.Timeout;
  private closed = false;
  /** Per stream id, the newest entry this node has seen (seq and raw body), to recognise a lost tail. */
  private readonly lastSeen = new Map<string, { seq: number; body: string }>();
  /** Set once Redis came back without history this node has seen; every operation then fails. */
  private historyLost?: string;
  private verifying?: Promise<void>;
  private readonly rangeChunk: number;
  private readonly log: Logger;
  /** The bound append-n.lua checks event times against, after Redis TIME. */
  readonly maxClockAheadMs: number;
  private readonly replication: Replication;
  private readonly clockAheadListeners = new Set<(refusal: ClockAhead) => void>();

  private constructor(
    private readonly client: Client,
    private readonly subscriber: Connection,
    options: RedisStoreOptions,
  ) {
    this.prefix = options.prefix ?? 'ow';
    this.rangeChunk = Math.max(1, options.rangeChunk ?? 1000);
    this.log = options.log ?? fallbackLogger();
    this.maxClockAheadMs = options.maxClockAheadMs ?? DEFAULT_MAX_CLOCK_AHEAD_MS;
    this.replication = { replicas: options.waitReplicas ?? 0, timeoutMs: options.waitTimeoutMs ?? 1000 };
    subscriber.on('message', (channel: string, message: string) => {
      const streamId = streamOfChannel(this.prefix, channel);
      if (streamId) this.notify(streamId, Number(message));
    });
    // After a reconnect, subscriptions are gone and appends may have been missed: subscribe again
    // and wake every watcher, who reads from where it was.
    subscriber.on('ready', () => void this.resubscribe());
    // The client is connected already; every later 'ready' is a reconnect, maybe to a Redis that
    // restarted from an older AOF. Commands wait until the history this node built on is checked.
    client.on('ready', () => {
      this.verifying = this.verifyHistory();
    });
    this.poller = setInterval(() => void this.poll(), options.pollMs ?? 1000);
    this.poller.unref();
  }

  /** The store's connection and key prefix, for small counters every node must share next to the
   * log (the public booking rate limits); nothing else of the log's keys is to be touched through it. */
  get shared(): { client: Connection; prefix: string } {
    return { client: this.client, prefix: this.prefix };
  }

  /**
   * Connects and registers the scripts; rejects with StoreUnavailable if Redis is not there.
   * `url` is one redis:// URL, or several separated by commas: the nodes of a Redis Cluster.
   */
  static async open(url: string, options: RedisStoreOptions = {}): Promise<RedisEventStore> {
    const timeout = options.commandTimeoutMs ?? 2000;
    const target = parseRedisUrl(url);
    const client = withScripts(createClient(target, connectionOptions(timeout)));
    // The subscriber holds no request: it may wait for Redis as long as it takes.
    const subscriber = createClient(target, { ...connectionOptions(timeout), commandTimeout: undefined, autoResubscribe: false });
    // ioredis emits 'error' on every failed reconnect; without a listener Node would crash.
    client.on('error', () => {});
    subscriber.on('error', () => {});
    try {
      await client.connect();
      await subscriber.connect();
    } catch (err) {
      client.disconnect();
      subscriber.disconnect();
      throw new StoreUnavailable(`cannot reach Redis at ${redact(url)}: ${(err as Error).message}`, { cause: err });
    }
    return new RedisEventStore(client, subscriber, options);
  }

  /** Reads in XRANGE pages of at most `rangeChunk` entries: a node folding a long log at start never
   * asks a (shared) Redis for the whole log in one reply. */
  async read<E extends Envelope>(stream: Stream<E, unknown>, afterSeq: number, limit?: number): Promise<Stored<E>[]> {
    const k = this.keys(stream.id);
    const out: Stored<E>[] = [];
    for (let after = afterSeq; ; ) {
      const want = limit === undefined ? this.rangeChunk : Math.min(this.rangeChunk, limit - out.length);
      if (want <= 0) return out;
      const entries = await this.run(() => this.client.xrange(k.log, `${after + 1}-0`, '+', 'COUNT', want));
      for (const [, fields] of entries) out.push(decode<Stored<E>>(fields[1]!));
      const last = entries.at(-1);
      if (last) {
        after = Number(last[0].split('-')[0]);
        this.remember(stream.id, after, last[1][1]!);
      }
      if (entries.length < want) return out;
    }
  }

  async append<E extends Envelope>(stream: Stream<E, unknown>, expectedSeq: number, events: E[]): Promise<Stored<E>[]> {
    if (events.length === 0) return [];
    const k = this.keys(stream.id);
    const stored = numbered(events, expectedSeq);
    // Every key the script touches goes in KEYS (append-n.lua): the log, the days, each event's day index.
    const keys = [k.log, k.days];
    const argv: (string | number)[] = [expectedSeq, k.channel, this.maxClockAheadMs];
    let body = '';
    let latestAt = -Infinity;
    for (const e of stored) {
      latestAt = Math.max(latestAt, e.at);
      const day = dayBucket(e.at);
      body = JSON.stringify(e);
      keys.push(k.at(day.name));
      argv.push(e.at, day.name, day.start, body);
    }
    const reply = await this.run(() => this.client.append(keys.length, ...keys, ...argv));
    if (reply[0] === ScriptCode.VersionConflict && reply[1] < (this.lastSeen.get(stream.id)?.seq ?? 0)) this.refuseShorterLog(stream.id, reply[1]);
    appendOutcome(stream.id, expectedSeq, reply, { latestAt, maxAheadMs: this.maxClockAheadMs, refused: this.clockAheadListeners });
    if (this.replication.replicas > 0)
      await confirmReplicated(this.client, (op) => this.run(op), this.replication, { streamId: stream.id, log: k.log, seq: stored.at(-1)!.seq });
    this.remember(stream.id, stored.at(-1)!.seq, body);
    return stored;
  }

  /** Called with each append refused for this node's clock (the clock monitor marks the node ahead at once). */
  onClockAhead(listener: (refusal: ClockAhead) => void): () => void {
    this.clockAheadListeners.add(listener);
    return () => void this.clockAheadListeners.delete(listener);
  }

  /** Redis's clock (TIME), epoch ms: the time authority the append script checks against. */
  async storeTime(): Promise<number> {
    const [seconds, micros] = await this.run(() => this.client.time());
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  }

  async lastSeq(stream: AnyStream): Promise<number> {
    return this.lastSeqOf(stream.id);
  }

  private lastSeqOf(streamId: string): Promise<number> {
    return this.run(() => this.client.xlen(this.keys(streamId).log));
  }

  /**
   * Reads in bounded steps, never one call over the whole range (a Lua script over a year of
   * events would block Redis for every node, and their appends would time out): the day buckets
   * that overlap [from, to), each bucket's seqs in pages of `rangeChunk`, then the bodies in XRANGE
   * runs of at most `rangeChunk` entries.
   */
  async readRange<E extends Envelope>(stream: Stream<E, unknown>, from: number, to: number): Promise<Stored<E>[]> {
    if (!(from < to)) return [];
    const k = this.keys(stream.id);
    const bound = (n: number) => (n === Infinity ? '+inf' : n === -Infinity ? '-inf' : String(n));
    // A day bucket starting at s covers [s, s + DAY): it overlaps [from, to) iff from - DAY < s < to.
    const days = await this.run(() => this.client.zrangebyscore(k.days, `(${bound(from - DAY_MS)}`, `(${bound(to)}`));
    const seqs = new Set<number>();
    for (const day of days) {
      // Offsets only move right when another node appends meanwhile: a seq may come twice (the
      // set keeps one), none is skipped.
      for (let offset = 0; ; offset += this.rangeChunk) {
        const page = await this.run(() => this.client.zrangebyscore(k.at(day), bound(from), `(${bound(to)}`, 'LIMIT', offset, this.rangeChunk));
        for (const s of page) seqs.add(Number(s));
        if (page.length < this.rangeChunk) break;
      }
    }
    // Event times from different nodes' clocks need not rise with seq: order by seq, the log order.
    return this.bodiesOf<E>(k.log, [...seqs].sort((a, b) => a - b));
  }

  /** The events with these seqs (ascending), read in XRANGE runs of at most `rangeChunk` entries. */
  private async bodiesOf<E>(log: string, seqs: number[]): Promise<Stored<E>[]> {
    const out: Stored<E>[] = [];
    let i = 0;
    while (i < seqs.length) {
      const first = seqs[i]!;
      const last = seqs[Math.min(i + this.rangeChunk, seqs.length) - 1]!;
      const wanted = new Set(seqs.slice(i, i + this.rangeChunk));
      const entries = await this.run(() => this.client.xrange(log, `${first}-0`, `${last}-0`, 'COUNT', this.rangeChunk));
      let reached = first;
      for (const [id, fields] of entries) {
        const seq = Number(id.split('-')[0]);
        if (wanted.has(seq)) out.push(decode<Stored<E>>(fields[1]!));
        reached = seq;
      }
      while (i < seqs.length && seqs[i]! <= reached) i++;
    }
    return out;
  }

  async loadSnapshot<S>(stream: Stream<unknown, S>, format = UNVERSIONED_SNAPSHOT): Promise<Snapshot<S> | null> {
    const [seq, state] = await this.run(() => this.client.hmget(this.keys(stream.id).snapshot(format), 'seq', 'state'));
    return seq && state ? { seq: Number(seq), state: decode<S>(state) } : null;
  }

  async saveSnapshot<S>(stream: Stream<unknown, S>, snapshot: Snapshot<S>, encoded?: Buffer, format = UNVERSIONED_SNAPSHOT): Promise<void> {
    await this.run(() => this.client.saveSnapshot(this.keys(stream.id).snapshot(format), snapshot.seq, encoded ?? JSON.stringify(snapshot.state)));
  }

  async deleteSnapshot(stream: AnyStream, format: number): Promise<void> {
    await this.run(() => this.client.del(this.keys(stream.id).snapshot(format)));
  }

  /** The visitor-data purge's rewrite of one stream's log: see redis/rewrite.ts. */
  async rewriteBefore<E extends Envelope>(stream: Stream<E, unknown>, before: number, scrub: (e: Stored<E>) => Stored<E> | undefined): Promise<number> {
    const scrubbed = (body: string) => {
      const e = decode<Stored<E>>(body);
      return e.at < before ? scrub(e) : undefined;
    };
    const log = { client: this.client, keys: this.keys(stream.id), streamId: stream.id, chunk: Math.min(this.rangeChunk, REWRITE_CHUNK), run: <T>(op: () => Promise<T>) => this.run(op) };
    const { changed, newBodies } = await rewriteLog(log, scrubbed);
    // This node's check after a reconnect compares the newest entry it saw: it has the new body now.
    const seen = this.lastSeen.get(stream.id);
    const body = seen && newBodies.get(seen.seq);
    if (body) this.lastSeen.set(stream.id, { seq: seen.seq, body });
    return changed;
  }

  watch(stream: AnyStream, onAppend: (lastSeq: number) => void): () => void {
    const id = stream.id;
    let set = this.watchers.get(id);
    if (!set) {
      this.watchers.set(id, (set = new Set()));
      // A failed subscribe is covered by the poll (and a reconnect subscribes again); worth a warning.
      if (this.subscriber.status === 'ready')
        void this.subscriber.subscribe(this.keys(id).channel).catch((err) => this.log.warn({ err, stream: id }, 'subscribing to appends failed; polling covers it'));
    }
    set.add(onAppend);
    return () => {
      set!.delete(onAppend);
      if (set!.size === 0 && this.watchers.get(id) === set) {
        this.watchers.delete(id);
        this.seen.delete(id);
        // Nobody watches this stream any more: a failed unsubscribe only costs messages nobody reads.
        if (this.subscriber.status === 'ready') void this.subscriber.unsubscribe(this.keys(id).channel).catch(() => {});
      }
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.poller);
    this.watchers.clear();
    await Promise.all([quit(this.client), quit(this.subscriber)]);
  }

  private keys(streamId: string): StreamKeys {
    return streamKeys(this.prefix, streamId);
  }

  private async run<T>(op: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailable('the Redis store is closed');
    if (this.verifying) await this.verifying;
    if (this.historyLost) throw new StoreUnavailable(this.historyLost);
    try {
      return await op();
    } catch (err) {
      // A Redis that holds the connection open but stops answering (a hung host, a partition)
      // would make every queued request wait its own timeout. Drop the connection instead: until
      // Redis answers a fresh one, commands fail at once, and ioredis keeps trying to reconnect.
      if ((err as Error)?.message === 'Command timed out' && this.client.status === 'ready') this.client.disconnect(true);
      throw toStoreError(err);
    }
  }

  /**
   * The log ends before the newest event this node has seen of it (read or appended): a failover
   * promoted a replica that had not received it (without REDIS_WAIT_REPLICAS, or an event read
   * before it was confirmed). The cluster client stays ready through a failover, so this, not
   * verifyHistory, is where a node on a Redis Cluster notices; it refuses to build on the shorter
   * log, as verifyHistory does.
   */
  private refuseShorterLog(streamId: string, length: number): never {
    const seen = this.lastSeen.get(streamId)!.seq;
    this.historyLost =
      `stream ${streamId} ends at event ${length} but this node has seen event ${seen} ` +
      `(Redis lost writes, e.g. in a failover); restart this node to continue from the log as it is`;
    this.log.fatal({ stream: streamId, seq: seen, length }, this.historyLost);
    throw new StoreUnavailable(this.historyLost);
  }

  private remember(streamId: string, seq: number, body: string) {
    const prev = this.lastSeen.get(streamId);
    if (!prev || seq >= prev.seq) this.lastSeen.set(streamId, { seq, body });
  }

  /**
   * After a reconnect: is the newest entry this node saw still there, unchanged? If Redis lost it
   * (a crash between fsyncs, an older AOF restored), this node's in-memory streams hold events the
   * log no longer has, and building on them would fork the history. Refuse every operation from
   * then on; a restarted node folds the log as it now is.
   */
  private async verifyHistory(): Promise<void> {
    for (const [streamId, seen] of this.lastSeen) {
      let entries: [string, string[]][];
      try {
        const log = this.keys(streamId).log;
        entries = await this.client.xrange(log, `${seen.seq}-0`, `${seen.seq}-0`);
      } catch {
        return; // connection lost again: the next 'ready' checks again
      }
      if (entries[0]?.[1][1] !== seen.body) {
        this.historyLost =
          `Redis came back without event ${seen.seq} of stream ${streamId} that this node had seen ` +
          `(Redis lost acknowledged writes); restart this node to continue from the log as it is`;
        this.log.fatal({ stream: streamId, seq: seen.seq }, this.historyLost);
        return;
      }
    }
  }

  private notify(streamId: string, seq: number) {
    if (!Number.isFinite(seq)) return;
    for (const fn of this.watchers.get(streamId) ?? []) {
      try {
        fn(seq);
      } catch (err) {
        this.log.error({ err, stream: streamId, seq }, 'store watcher failed');
      }
    }
  }

  private async resubscribe() {
    const channels = [...this.watchers.keys()].map((h) => this.keys(h).channel);
    if (channels.length)
      await this.subscriber.subscribe(...channels).catch((err) => this.log.warn({ err, channels: channels.length }, 'subscribing again after a reconnect failed; polling covers it'));
    await this.poll(true);
  }

  /**
   * Pub/sub loses messages while a connection is down; this compares each watched stream's last seq
   * with the last poll's and wakes watchers when it moved (always, when forced after a reconnect).
   */
  private async poll(force = false) {
    if (this.closed || this.client.status !== 'ready') return;
    for (const streamId of [...this.watchers.keys()]) {
      // Redis away between the status check and this read: the next poll (or 'ready') tries again.
      const seq = await this.lastSeqOf(streamId).catch(() => undefined);
      if (seq === undefined || (!force && seq === this.seen.get(streamId))) continue;
      this.seen.set(streamId, seq);
      this.notify(streamId, seq);
    }
  }
}

async function quit(client: Connection) {
  try {
    if (client.status === 'ready') await client.quit();
    else client.disconnect();
  } catch {
    client.disconnect();
  }
}

/**
 * The adapter's one cast: an entry or snapshot holds what append (or saveSnapshot) wrote for this
 * stream, so it parses back to the type the stream descriptor names. Nothing else here asserts a type.
 */
function decode<T>(json: string): T {
  return JSON.parse(json) as T;
}

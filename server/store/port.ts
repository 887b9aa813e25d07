// The event log port. Adapters: sqlite.ts (embedded default), redis.ts (scale-out).
// The log is a set of streams keyed by stream id: the hall's own and each feature's, all named in
// ./streams.ts. Every method takes a typed stream descriptor, so what comes back is typed by the
// stream asked for — no cast at the call site. Several server processes may share one store:
// append is atomic and conditional on the stream still ending at expectedSeq, so a stale writer
// re-reads and decides again.
import type { Envelope, Stored } from '../domain/envelope.ts';
import type { AnyStream, Stream } from './streams.ts';
import type { RedisEventStore } from './redis.ts';

export type { Envelope, Stored } from '../domain/envelope.ts';
export type { AnyStream, Stream } from './streams.ts';

/** A stream's state folded up to seq, saved so a restart folds only the tail. */
export interface Snapshot<S> {
  seq: number;
  state: S;
}

/**
 * The snapshot format of nodes that knew no format: kept where they look (the Redis hash
 * `…:snapshot`, the SQLite row named by the stream id). Every other format has its own place
 * (`…:snapshot:v<format>`), so a node only ever finds snapshots of a format it asked for, and a node
 * of an older version never reads a newer shape (docs/scale-out.md, "Upgrading node by node").
 */
export const UNVERSIONED_SNAPSHOT = 1;

/**
 * A store shared through Redis (its client serves the shared rate limits). A check by kind, not
 * instanceof, so a node on SQLite never loads ioredis (docs/deploy.md, "Memory").
 */
export function isRedisStore(store: EventStore): store is RedisEventStore {
  return store.kind === 'redis';
}

export interface EventStore {
  readonly kind: string;
  /** Events of a stream with seq > afterSeq, in order; at most `limit` when given. */
  read<E extends Envelope>(stream: Stream<E, unknown>, afterSeq: number, limit?: number): Promise<Stored<E>[]>;
  /**
   * Appends events as one atomic step iff the stream's last seq is expectedSeq; they get
   * seq expectedSeq+1, +2, ... Throws VersionConflict otherwise. Resolves only once durable.
   */
  append<E extends Envelope>(stream: Stream<E, unknown>, expectedSeq: number, events: NoInfer<E>[]): Promise<Stored<E>[]>;
  /** Last seq of a stream (0 when empty). */
  lastSeq(stream: AnyStream): Promise<number>;
  /** Events of a stream with at in [from, to), in seq order: reports, records, idempotency marks. */
  readRange<E extends Envelope>(stream: Stream<E, unknown>, from: number, to: number): Promise<Stored<E>[]>;
  /** The stream's snapshot of that format (default: UNVERSIONED_SNAPSHOT), or null. */
  loadSnapshot<S>(stream: Stream<unknown, S>, format?: number): Promise<Snapshot<S> | null>;
  /**
   * Saves a snapshot of that format (default: UNVERSIONED_SNAPSHOT) unless the stored one of that
   * format is at the same or a later seq; other formats' snapshots are left as they are. `encoded`:
   * the state as UTF-8 JSON (JSON.stringify's bytes) when the caller has encoded it already (the
   * engine encodes a big hall's state in slices between requests: ../engine/sliced-json.ts); saved
   * as given.
   */
  saveSnapshot<S>(stream: Stream<unknown, S>, snapshot: Snapshot<NoInfer<S>>, encoded?: Buffer, format?: number): Promise<void>;
  /** Deletes the stream's snapshot of that format, if any (the visitor-data purge: no stale snapshot may keep what it masked). */
  deleteSnapshot(stream: AnyStream, format: number): Promise<void>;
  /**
   * Calls onAppend(lastSeq) when any process may have appended to the stream; the listener then
   * reads. Best effort: a missed wake-up is made up by the next one. Returns an unsubscribe.
   */
  watch(stream: AnyStream, onAppend: (lastSeq: number) => void): () => void;
  /**
   * The one exception to append-only, for the visitor-data purge (server/privacy/): rewrites the
   * events with at < before that `scrub` changes (undefined: leave it), in place, keeping seq, type
   * and at, so that no copy of the old body stays in the file. Returns how many changed. A store
   * that cannot rewrite leaves it out.
   */
  rewriteBefore?<E extends Envelope>(stream: Stream<E, unknown>, before: number, scrub: (e: Stored<E>) => Stored<E> | undefined): Promise<number>;
  close(): Promise<void>;
}

/**
 * The events as appended after expectedSeq: the same objects when they carry those seqs already (the
 * engine's do: it numbers them when it plans the batch), else copies with their seq set.
 */
export function numbered<E extends Envelope>(events: readonly E[], expectedSeq: number): Stored<E>[] {
  if (events.every((e, i) => (e as E & { seq?: number }).seq === expectedSeq + i + 1)) return events as Stored<E>[];
  return events.map((e, i) => ({ ...e, seq: expectedSeq + i + 1 }));
}

export class VersionConflict extends Error {
  override name = 'VersionConflict';
  constructor(
    readonly streamId: string,
    readonly expectedSeq: number,
    readonly actualSeq: number,
  ) {
    super(`stream ${streamId}: expected seq ${expectedSeq}, stream is at ${actualSeq}`);
  }
}

/**
 * The store refused a batch whose event time is too far after its own clock (Redis TIME): this
 * node's clock runs ahead. Nothing was written; the HTTP layer answers 503 clock_skew. A node never
 * moves the hall's time forward on its own clock alone (docs/scale-out.md, "Clocks").
 */
export class ClockAhead extends Error {
  override name = 'ClockAhead';
  constructor(
    readonly streamId: string,
    /** The batch's latest event time, from this node's clock (epoch ms). */
    readonly eventAt: number,
    /** The store's clock when it refused (epoch ms). */
    readonly storeNow: number,
    readonly maxAheadMs: number,
  ) {
    super(`stream ${streamId}: event time ${new Date(eventAt).toISOString()} is ${eventAt - storeNow} ms after the store's clock (at most ${maxAheadMs} ms allowed)`);
  }
}

/** The store cannot be reached (Redis down): the HTTP layer answers 503. */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
}

// The event log port. Adapters: sqlite.ts (embedded default), redis.ts (scale-out).
// Several server processes may share one store: append is atomic and conditional on the
// hall's stream still ending at expectedSeq, so a stale writer re-reads and decides again.
import type { DomainEvent, StoredEvent } from '../domain/events.ts';
import type { HallState } from '../domain/types.ts';

export interface Snapshot {
  seq: number;
  state: HallState;
}

export interface EventStore {
  readonly kind: string;
  /** Events of a hall with seq > afterSeq, in order; at most `limit` when given. */
  read(hallId: string, afterSeq: number, limit?: number): Promise<StoredEvent[]>;
  /**
   * Appends events as one atomic step iff the hall's last seq is expectedSeq; they get
   * seq expectedSeq+1, +2, ... Throws VersionConflict otherwise. Resolves only once durable.
   */
  append(hallId: string, expectedSeq: number, events: DomainEvent[]): Promise<StoredEvent[]>;
  /** Last seq of a hall's stream (0 when empty). */
  lastSeq(hallId: string): Promise<number>;
  /** Events of a hall with at in [from, to), in order: reports and metrics over past days. */
  readRange(hallId: string, from: number, to: number): Promise<StoredEvent[]>;
  loadSnapshot(hallId: string): Promise<Snapshot | null>;
  saveSnapshot(hallId: string, snapshot: Snapshot): Promise<void>;
  /**
   * Calls onAppend(lastSeq) when any process may have appended to the hall; the listener then
   * reads. Best effort: a missed wake-up is made up by the next one. Returns an unsubscribe.
   */
  watch(hallId: string, onAppend: (lastSeq: number) => void): () => void;
  close(): Promise<void>;
}

export class VersionConflict extends Error {
  override name = 'VersionConflict';
  constructor(
    readonly hallId: string,
    readonly expectedSeq: number,
    readonly actualSeq: number,
  ) {
    super(`hall ${hallId}: expected seq ${expectedSeq}, stream is at ${actualSeq}`);
  }
}

/** The store cannot be reached (Redis down): the HTTP layer answers 503. */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
}

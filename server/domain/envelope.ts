// The envelope every event of every stream is stored in — the hall's own events and each feature's
// (bookings, assist, cases): what happened (type, data), in which hall, when, by whom, and, on the
// first event of an append caused by a command sent with an Idempotency-Key, that key's mark
// (server/engine/idempotency.ts reads it). The store adds seq, the event's place in its stream.
import type { Actor } from './types.ts';

export interface Envelope<T extends string = string, D = unknown> {
  type: T;
  hallId: string;
  /** Epoch ms from the clock handed to decide. */
  at: number;
  actor?: Actor;
  data: D;
  /** On the first event of an append caused by a command sent with an Idempotency-Key. */
  idempotency?: IdempotencyMark;
}

/** Stored on the first event of the append a keyed command caused. */
export interface IdempotencyMark {
  key: string;
  /** Hash of the command, to tell a retry from a different command under a reused key. */
  fingerprint: string;
  /** Events the keyed command caused (its part of the append: a group commit holds several), this one included. */
  count: number;
  /** What the command produced (ExecuteResult.result), when it produced something: a retry on any
   * node answers with it, without re-deriving it from the events. */
  result?: unknown;
}

/** An event as the log holds it: with its place in its stream (1, 2, 3, ...). */
export type Stored<E> = E & { seq: number };

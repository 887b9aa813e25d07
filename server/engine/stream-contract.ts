// What a stream's engine (./stream-engine.ts) is built from and hands back: the decider a stream
// supplies, the options and snapshot policy, the result of a command and the listeners' shapes.
import type { DecideContext, Decision } from '../domain/decision.ts';
import type { Envelope, Stored } from '../domain/envelope.ts';
import type { Logger } from '../log.ts';

export type Clock = () => number;

/** An event of a feature stream: the envelope every stream's events share (../domain/envelope.ts). */
export type StreamEvent<T extends string = string, D = unknown> = Envelope<T, D>;
export type { Stored };

export { noResult, type DecideContext, type Decision } from '../domain/decision.ts';

/** Pure: the state a stream folds to and what a command turns into. R: what a command produces
 * (features whose callers read the state afterwards use `void`: see noResult). */
export interface Decider<S, C, E extends StreamEvent, R = unknown> {
  initial: () => S;
  /** Returns the event bodies (type + data; the engine adds hallId, at and actor) and the command's
   * result. Throws to refuse. */
  decide: (state: S, command: C, ctx: DecideContext) => Decision<Pick<E, 'type' | 'data'>, R>;
  /** Pure: returns the next state and leaves `state` as it was (readers may hold it). */
  evolve: (state: S, event: Stored<E>) => S;
  /** The earliest time the next event may carry (the newest event's): the engine's clock never
   * goes back before it, whatever the node's clock says. */
  clockFloor?: (state: S) => number;
  /** A command that must run before any other when due at `now` (the hall's day roll). It is
   * decided first, the command is decided on the state after it, and both go in one append: the
   * command never acts on a stale day, and neither lands without the other. */
  dueFirst?: (state: S, now: number) => C | undefined;
  /** True when evolve never changes the state it is given (a persistent structure, the hall's): the
   * engine may then decide several commands on provisional states and append them together. Streams
   * whose evolve updates in place run one command per append. dueFirst needs this to be true. */
  persistent?: boolean;
  /** The result of a keyed command whose first run recorded none (it ran before results were
   * recorded), read from the events it caused; without it, such a replay's result is undefined. */
  recordedResult?: (command: C, events: Stored<E>[]) => R;
}

export interface ExecuteResult<S, E, R = unknown> {
  events: Stored<E>[];
  state: S;
  /** What the command produced; for a replay, what its first run produced (recorded in the log). */
  result: R;
  /** True when the idempotency key was known: these are the events its first run caused. */
  replayed?: boolean;
}

export type StreamListener<S, E> = (events: Stored<E>[], state: S) => void;
/** Called right after one event is folded, with the state as it is then (evolve may update parts of
 * the state in place, so a view of it must be built during the call, not kept for later). */
export type EventListener<S, E> = (event: Stored<E>, state: S) => void;

/** When to save the state, so a restart folds only the tail of the stream. */
export interface SnapshotPolicy<S> {
  /** Events between snapshots, plus size(state): a snapshot costs time in proportion to the state,
   * so spacing them by its size keeps their cost per event constant. */
  every: number;
  size: (state: S) => number;
  /**
   * The shape of the encoded state (JSON of S), as a number: bumped whenever that shape changes, so
   * a node of another version never misreads a snapshot (each format is stored apart: ../store/port.ts
   * UNVERSIONED_SNAPSHOT). 1 is the format of nodes that knew no format. The shape of a sample
   * state is recorded with its format (test/engine/snapshot-formats/): a test fails when the shape
   * changes and the number does not.
   */
  format: number;
  /** Older formats `restore` still mends, newest first: read when none of `format` is stored. */
  older?: readonly number[];
  /** Mends a state saved by an older version (one of `older`, or an earlier state of `format`). */
  restore?: (saved: S) => S;
}

export interface StreamEngineOptions<S> {
  clock?: Clock;
  newId?: () => string;
  maxRetries?: number;
  /** Most commands in one append (group commit); default 200. */
  maxBatch?: number;
  snapshots?: SnapshotPolicy<S>;
  /** Where failures that reach no caller go (listeners, snapshots, catch-up); child `{ stream }` added. */
  log?: Logger;
}

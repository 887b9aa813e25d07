// What every stream's decide gets and gives, the hall's and each feature's: the context a decision
// is made in (clock, id source, who asks) and its outcome (the event bodies to append, and what
// the command produced, for the caller to answer with).
import type { Actor } from './types.ts';

export interface DecideContext {
  /** The stream's time for this decision (never before its newest event). */
  now: number;
  newId: () => string;
  actor?: Actor;
}

export interface Decision<B, R> {
  /** Event bodies (type + data); the engine stamps hallId, at and actor. Empty: nothing happened. */
  events: B[];
  /** What the command produced (the called ticket, the new ticket, …); recorded with an
   * idempotency key so a retry gets the same answer. */
  result: R;
}

/** For a decider whose commands produce nothing but events (the features' streams, whose callers
 * read the state afterwards): wraps its event-body decide into a Decision with no result. */
export function noResult<S, C, B>(decide: (state: S, command: C, ctx: DecideContext) => B[]) {
  return (state: S, command: C, ctx: DecideContext): Decision<B, void> => ({ events: decide(state, command, ctx), result: undefined });
}

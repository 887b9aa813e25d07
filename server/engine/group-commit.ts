// Group commit for StreamEngine: the commands waiting for a stream are decided one after another,
// each on the state the ones before it leave (a provisional state: nothing is folded yet), and all
// their events go to the store in ONE append. An append costs far more than a decision (a SQLite
// transaction, a Redis round trip) and every listener of the stream runs once per append, so a
// burst of presses at many windows pays for one of each instead of one per press.
//
// Deciding on a provisional state needs an evolve that leaves its input as it was (the hall's:
// persistent ticket table): if the append fails, the engine's state must be untouched. Streams
// whose evolve updates the state in place (the features' streams) run one command per append.
//
// A batch is not held open to wait for more commands (PostgreSQL's commit_delay): under the issue
// bench's 20 connections a batch already takes about 9 commands (all that arrived during the one
// before), and holding the next one 1 ms when the last was shared left it at about 10 (18:25 UTC,
// 30 Nov 2026), while every command behind a shared batch would wait that millisecond.
import type { Actor } from '../domain/types.ts';
import type { DecideContext } from '../domain/decision.ts';
import type { Decider, Stored, StreamEvent } from './stream-contract.ts';

/** What the batch needs of a waiting command (the engine adds its caller's callbacks). */
export interface BatchItem<C> {
  command: C;
  actor?: Actor;
  keyed?: { key: string; fingerprint: string };
}

/** One command's part of a planned batch: its events (a slice of the batch's) or why it was refused. */
export type Outcome<S, R> =
  | { ok: true; from: number; count: number; result: R; state: S }
  | { ok: false; error: unknown };

export interface Plan<S, E, R> {
  /** Every event of the batch, seq already set (after the engine's seq), ready to append. */
  events: Stored<E>[];
  /** The state right after each event, when the decider's evolve is persistent; else undefined. */
  states?: S[];
  outcomes: Outcome<S, R>[];
}

export interface PlanInput<S, C, E extends StreamEvent, R> {
  decider: Decider<S, C, E, R>;
  state: S;
  seq: number;
  clock: () => number;
  newId: () => string;
  /** Adds hallId, at, actor and seq to an event body. */
  envelope: (body: Pick<E, 'type' | 'data'>, at: number, actor: Actor | undefined, seq: number) => Stored<E>;
}

/**
 * Decides `items` in order on a provisional state. A command whose decide throws is refused alone:
 * the provisional state stays as the command before it left it. Pure apart from clock and newId.
 */
export function planBatch<S, C, E extends StreamEvent, R>(input: PlanInput<S, C, E, R>, items: readonly BatchItem<C>[]): Plan<S, E, R> {
  const { decider } = input;
  const persistent = decider.persistent === true;
  // The second command would be decided on a state that does not hold the first one's events.
  if (!persistent && items.length > 1) throw new Error('a stream whose evolve is not persistent decides one command per append');
  let state = input.state;
  let seq = input.seq;
  const events: Stored<E>[] = [];
  const states: S[] | undefined = persistent ? [] : undefined;
  const outcomes: Outcome<S, R>[] = [];
  for (const item of items) {
    let decided: { events: Stored<E>[]; result: R };
    try {
      decided = decideOne(input, state, seq, item);
    } catch (error) {
      outcomes.push({ ok: false, error });
      continue;
    }
    for (const e of decided.events) {
      events.push(e);
      if (states) states.push((state = decider.evolve(state, e)));
    }
    seq += decided.events.length;
    outcomes.push({ ok: true, from: events.length - decided.events.length, count: decided.events.length, result: decided.result, state });
  }
  return { events, states, outcomes };
}

/** One command at `state`, after what is due first (dueFirst: the day roll), as stored events from seq + 1. */
function decideOne<S, C, E extends StreamEvent, R>(input: PlanInput<S, C, E, R>, state: S, seq: number, item: BatchItem<C>) {
  const { decider } = input;
  const now = Math.max(input.clock(), decider.clockFloor?.(state) ?? -Infinity);
  const ctx: DecideContext = { now, newId: input.newId, actor: item.actor };
  const due = decider.dueFirst?.(state, now);
  let events: Stored<E>[];
  let result: R;
  if (due === undefined) {
    // Every command but the day's first: its events alone, stamped in one loop (no closures).
    const decision = decider.decide(state, item.command, ctx);
    events = stamped(input, decision.events, now, item.actor, seq);
    result = decision.result;
  } else ({ events, result } = afterDue(input, state, seq, item, decider.decide(state, due, ctx).events, ctx));
  // The key and the result are written in the same append as what they caused: all land, or none.
  const keyed = item.keyed;
  if (keyed && events.length)
    events[0] = { ...events[0]!, idempotency: { ...keyed, count: events.length, ...(result === undefined ? {} : { result }) } };
  return { events, result };
}

/** The command decided on the state after what is due (`first`); that state is thrown away (the
 * events are folded again by planBatch, with their idempotency mark), which costs only at the day's roll. */
function afterDue<S, C, E extends StreamEvent, R>(input: PlanInput<S, C, E, R>, state: S, seq: number, item: BatchItem<C>, first: Pick<E, 'type' | 'data'>[], ctx: DecideContext) {
  const stampedFirst = stamped(input, first, ctx.now, item.actor, seq);
  let provisional = state;
  for (const e of stampedFirst) provisional = input.decider.evolve(provisional, e);
  const decision = input.decider.decide(provisional, item.command, ctx);
  return { events: stamped(input, [...first, ...decision.events], ctx.now, item.actor, seq), result: decision.result };
}

/** Event bodies as stored events numbered from seq + 1. */
function stamped<S, C, E extends StreamEvent, R>(input: PlanInput<S, C, E, R>, bodies: readonly Pick<E, 'type' | 'data'>[], at: number, actor: Actor | undefined, seq: number): Stored<E>[] {
  const events: Stored<E>[] = new Array(bodies.length);
  for (let i = 0; i < bodies.length; i++) events[i] = input.envelope(bodies[i]!, at, actor, seq + i + 1);
  return events;
}

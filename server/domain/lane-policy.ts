// Which ticket a window gets next. The only copy of this rule: stores and scripts never re-implement it.
//
// Order for one press of "next" at a window, among the waiting tickets that window may take:
//   1. overdue: waited maxWaitMinutes or more — oldest arrival first, so nothing starves;
//   2. green channel (绿色通道), strictly first;
//   3. checked-in appointments (预约), before walk-ins;
//   4. the window's preferred lane (the elderly window, 敬老专窗), when one waits;
//   5. elderly (敬老) before normal, but at most elderlyStreakMax elderly calls in a row at this
//      window while a normal ticket waits;
//   6. normal.
// Within a lane: reactivated no-shows first, then earliest arrival (transfers keep theirs).
// People ahead and call times are this rule replayed (forecast.ts), never a second ranking.
import { LANES } from '../config/schema.ts';
import { windowConfigOf } from './hall-index.ts';
import { byQueueOrder, queueKey } from './queues.ts';
import { ticketById } from './ticket-table.ts';
import type { HallConfig, HallState, Lane, LanePolicy, Ticket, WindowConfig } from './types.ts';
export { byQueueOrder } from './queues.ts';

export function windowTakes(window: WindowConfig, ticket: Ticket): boolean {
  if (ticket.targetWindowId !== undefined) return ticket.targetWindowId === window.id;
  if (!window.services.includes(ticket.serviceId)) return false;
  return !window.lanes || window.lanes.includes(ticket.lane);
}

function byArrival(a: Ticket, b: Ticket): number {
  return a.arrivedAt - b.arrivedAt || byQueueOrder(a, b);
}

/**
 * What a press of next looks at: per lane, the first ticket the window may take, and the
 * longest-waiting one. A lane with none has no entry or an undefined one: a heads object used press
 * after press empties its lanes by setting them undefined (emptyLanes), because a V8 Map emptied by
 * delete or clear() allocates a new table, once a press.
 */
export interface LaneHeads {
  first: Map<Lane, Ticket | undefined>;
  oldest: Ticket | undefined;
}

/** Empties `heads` for its next press without a new Map table (see LaneHeads). */
export function emptyLanes(heads: LaneHeads): LaneHeads {
  const first = heads.first;
  if (first.size > 0) for (let l = 0; l < LANES.length; l++) if (first.get(LANES[l]!) !== undefined) first.set(LANES[l]!, undefined);
  heads.oldest = undefined;
  return heads;
}

/** The queues a window may read: [queue key, lane] for each of its services and every lane. */
export type WindowQueueKeys = readonly (readonly [string, Lane])[];

/**
 * Per lane, the first ticket this window may take (queue order), and the longest-waiting one
 * (arrival order). Reads only queue heads: a queue is sorted with reactivated no-shows first and
 * then by arrival, so past the first plain ticket the window may take, nothing older follows.
 * `keys` (windowQueueKeys) spares a caller that presses often a look at every queue of the hall.
 */
export function laneHeads(state: HallState, window: WindowConfig, keys: WindowQueueKeys = queuesOf(state, window)): LaneHeads {
  return headsInto({ first: new Map(), oldest: undefined }, state, window, keys);
}

/** laneHeads into `heads` (empty): index loops, as pickNext runs it at every press. */
function headsInto(heads: LaneHeads, state: HallState, window: WindowConfig, keys: WindowQueueKeys): LaneHeads {
  for (let k = 0; k < keys.length; k++) {
    const [key, lane] = keys[k]!;
    const queue = state.queues[key];
    if (!queue) continue;
    scan: for (let c = 0; c < queue.chunks.length; c++) {
      const chunk = queue.chunks[c]!;
      for (let i = 0; i < chunk.length; i++) if (!seeInQueue(heads, window, lane, ticketById(state.tickets, chunk[i]!)!)) break scan;
    }
  }
  return heads;
}

/**
 * laneHeads' look at one ticket of a `lane` queue, the queue read in order from its head: updates
 * `heads`; false when nothing further in that queue can matter (past the first plain ticket the
 * window may take). The forecast's run (forecast.ts) reads its own copy of the queues with it.
 */
export function seeInQueue(heads: LaneHeads, window: WindowConfig, lane: Lane, t: Ticket): boolean {
  if (!windowTakes(window, t)) return true;
  const best = heads.first.get(lane);
  if (!best || byQueueOrder(t, best) < 0) heads.first.set(lane, t);
  if (!heads.oldest || byArrival(t, heads.oldest) < 0) heads.oldest = t;
  return Boolean(t.front);
}

/** The hall's queues of the window's services. */
function queuesOf(state: HallState, window: WindowConfig): WindowQueueKeys {
  const out: [string, Lane][] = [];
  for (const key in state.queues) {
    const [serviceId, lane] = key.split('|') as [string, Lane];
    // decide only transfers a ticket to a window that serves its service.
    if (window.services.includes(serviceId)) out.push([key, lane]);
  }
  return out;
}

/** Every queue a window may read (its services × every lane), for laneHeads. */
export function windowQueueKeys(window: WindowConfig): WindowQueueKeys {
  let keys = queueKeysOf.get(window);
  if (!keys) {
    keys = window.services.flatMap((serviceId) => LANES.map((lane) => [queueKey(serviceId, lane), lane] as const));
    queueKeysOf.set(window, keys);
  }
  return keys;
}

/** Per window config (never changed once loaded): every forecast run asks for each window's keys. */
const queueKeysOf = new WeakMap<WindowConfig, WindowQueueKeys>();

/** pickNext's lane heads: one object, emptied before and after each press, rather than a new Map
 * per press (chooseNext keeps nothing of it, and it never holds a ticket between presses). */
const pressHeads: LaneHeads = { first: new Map(), oldest: undefined };

export function pickNext(state: HallState, hall: HallConfig, windowId: string, now: number): Ticket | undefined {
  const window = windowConfigOf(hall, windowId);
  if (!window) return undefined;
  // Emptied first too: a press that threw half way must not leave its heads to the next.
  const heads = headsInto(emptyLanes(pressHeads), state, window, windowQueueKeys(window));
  const next = chooseNext(heads, window, state.windows[windowId]?.elderlyStreak ?? 0, hall.policy, now);
  emptyLanes(heads);
  return next;
}

/** The rule's one read of the clock: a ticket that has waited this long is called first, whatever its lane (the forecast's run asks it at every press). */
export function waitedTooLong(t: Ticket, policy: LanePolicy, now: number): boolean {
  return now - t.arrivedAt >= policy.maxWaitMinutes * 60_000;
}

/** The rule itself, on a window's lane heads; `streak`: the window's elderly calls in a row. */
export function chooseNext(heads: LaneHeads, window: WindowConfig, streak: number, policy: LanePolicy, now: number): Ticket | undefined {
  const { first, oldest } = heads;
  if (!oldest) return undefined;

  if (waitedTooLong(oldest, policy, now)) return oldest;

  const green = first.get('green');
  if (green) return green;
  const appointment = first.get('appointment');
  if (appointment) return appointment;
  if (window.prefersLane) {
    const preferred = first.get(window.prefersLane);
    if (preferred) return preferred;
  }
  const elderly = first.get('elderly');
  const normal = first.get('normal');
  if (elderly && (!normal || streak < policy.elderlyStreakMax)) return elderly;
  return normal ?? elderly;
}

/** Waiting tickets per service id: one frozen record, shared by the callers that ask about the same
 * queues record (copy it to change it). */
export function waitingCounts(state: HallState, hall: HallConfig): Readonly<Record<string, number>> {
  // Every live event, the metrics plug-in and each metrics scrape ask, mostly about the newest
  // state: the queues change only with a waiting ticket, and evolve gives new queues whenever they
  // change, so the counts of the last few queues records are kept and handed out as they are.
  for (let i = 0; i < KEPT; i++) {
    const k = kept[i];
    if (k && k.queues === state.queues && k.services === hall.services) return k.counts;
  }
  const counts = countedFast(state.queues, hall.services) ?? countedSlow(state.queues, hall.services);
  kept[nextSlot] = { queues: state.queues, services: hall.services, counts };
  nextSlot = (nextSlot + 1) % KEPT;
  return counts;
}

/**
 * The counts of the last KEPT queues records asked about (a few halls' newest states), strongly
 * held: a WeakMap by queues record cost ~1 µs an issued ticket for its insertion alone (V8's weak
 * tables and their collection), three times the count itself. An older state is counted again.
 */
const KEPT = 8;
const kept: ({ queues: HallState['queues']; services: HallConfig['services']; counts: Readonly<Record<string, number>> } | undefined)[] = new Array(KEPT);
let nextSlot = 0;

/**
 * The counts summed per service index and made into a record by the services' own record maker
 * (countsMaker); undefined when a queue is of a service the hall does not list (a service removed
 * by a reload), which countedSlow adds after the hall's services.
 */
function countedFast(queues: HallState['queues'], services: HallConfig['services']): Readonly<Record<string, number>> | undefined {
  const maker = makerOf(services);
  if (!maker) return undefined;
  const sums = maker.zeros.slice();
  for (const key in queues) {
    const at = maker.indexOfKey(key);
    if (at < 0) return undefined;
    sums[at] += queues[key]!.size;
  }
  return maker.make(sums);
}

/** The same counts one key at a time: any service ids, in the same order (the hall's, then others). */
function countedSlow(queues: HallState['queues'], services: HallConfig['services']): Readonly<Record<string, number>> {
  // Object.fromEntries rather than writes to {}: a service may be called "__proto__".
  const counts: Record<string, number> = Object.fromEntries(services.map((s) => [s.id, 0]));
  for (const key in queues) {
    const serviceId = key.slice(0, key.indexOf('|'));
    counts[serviceId] = (counts[serviceId] ?? 0) + queues[key]!.size;
  }
  return Object.freeze(counts);
}

/**
 * A hall's maker of frozen count records. Frozen records copied from a template ({ ...zeros }, then
 * Object.freeze) cost ~3 µs each for 20 services (V8 gives each frozen copy a map of its own), and
 * every issued ticket makes one; an object literal with the service ids written in is made from
 * one boilerplate and freezes along a cached transition: ~0.1 µs. Keys in the hall's order, as the
 * record made key by key (countedSlow) has them.
 */
interface CountsMaker {
  zeros: number[];
  /** "service|lane" → the service's index, or -1 for a service not in the hall. */
  indexOfKey: (key: string) => number;
  make: (sums: readonly number[]) => Readonly<Record<string, number>>;
}

const makers = new WeakMap<HallConfig['services'], CountsMaker | null>();

function makerOf(services: HallConfig['services']): CountsMaker | null {
  let maker = makers.get(services);
  if (maker === undefined) makers.set(services, (maker = newMaker(services.map((s) => s.id))));
  return maker;
}

/** null for a list that names a service twice (the schema refuses it; countedSlow handles it anyway). */
function newMaker(ids: string[]): CountsMaker | null {
  if (new Set(ids).size !== ids.length) return null;
  // JSON.stringify quotes any id as a valid string literal; "__proto__" as a plain key would set the
  // prototype, so it alone is written as a computed key (an own property, as fromEntries makes it).
  const fields = ids.map((id, i) => `${id === '__proto__' ? `[${JSON.stringify(id)}]` : JSON.stringify(id)}: sums[${i}]`);
  const make = new Function('sums', `return Object.freeze({ ${fields.join(', ')} });`) as CountsMaker['make'];
  const index = new Map(ids.map((id, i) => [id, i]));
  const byKey = new Map<string, number>();
  const indexOfKey = (key: string) => {
    let at = byKey.get(key);
    if (at === undefined) {
      at = index.get(key.slice(0, key.indexOf('|'))) ?? -1;
      if (byKey.size > 10_000) byKey.clear();
      byKey.set(key, at);
    }
    return at;
  };
  return { zeros: ids.map(() => 0), indexOfKey, make };
}

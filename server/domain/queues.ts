// The waiting queues: for each service and lane, the ids of waiting tickets in queue order.
// Derived from the tickets and kept in the state by evolve, so that "who is next", "people ahead"
// and waiting counts look at queue heads instead of scanning every ticket of the day.
import type { HallState, Lane, Ticket } from './types.ts';

export type Queues = Record<string, string[]>;

export const queueKey = (serviceId: string, lane: Lane) => `${serviceId}|${lane}`;

/** Queue order inside one lane: reactivated no-shows first, then earliest arrival. */
export function byQueueOrder(a: Ticket, b: Ticket): number {
  return (
    Number(!a.front) - Number(!b.front) ||
    a.arrivedAt - b.arrivedAt ||
    a.issuedAt - b.issuedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** How many tickets of a queue come before `t` (t need not be in it). */
export function countBefore(state: HallState, queue: readonly string[], t: Ticket): number {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byQueueOrder(state.tickets[queue[mid]!]!, t) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts a waiting ticket in its queue. Mutates state.queues in place (see evolve). */
export function enqueue(state: HallState, t: Ticket): void {
  const key = queueKey(t.serviceId, t.lane);
  const queue = (state.queues[key] ??= []);
  const last = queue.length ? state.tickets[queue[queue.length - 1]!] : undefined;
  // A new ticket almost always goes last; transfers and reactivations find their place.
  if (!last || byQueueOrder(last, t) < 0) queue.push(t.id);
  else queue.splice(countBefore(state, queue, t), 0, t.id);
}

/** Takes a ticket out of its queue (called, cancelled, expired). */
export function dequeue(state: HallState, t: Ticket): void {
  const queue = state.queues[queueKey(t.serviceId, t.lane)];
  if (!queue) return;
  const i = queue[0] === t.id ? 0 : queue.indexOf(t.id);
  if (i >= 0) queue.splice(i, 1);
}

/** Builds the queues from the tickets: for a state saved before queues existed. */
export function rebuildQueues(state: HallState): HallState {
  const next: HallState = { ...state, queues: {} };
  const waiting = Object.values(state.tickets).filter((t) => t.status === 'waiting').sort(byQueueOrder);
  for (const t of waiting) (next.queues[queueKey(t.serviceId, t.lane)] ??= []).push(t.id);
  return next;
}

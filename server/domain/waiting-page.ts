// A page of the waiting tickets of some services, in arrival order, read from the queue heads.
//
// Arrival order is (arrivedAt, issuedAt, id): the order the visitors came in (a transfer keeps its
// original arrival), not the order the windows will call them (that is `ahead`, forecast.ts). It is
// the order a console lists a queue in, and it makes a stable cursor: a page ends at a ticket's
// arrival key, and the next page starts after that key, so tickets called meanwhile simply drop out
// and tickets issued meanwhile (they arrive now, after every key handed out) come on a later page.
//
// Cost: per lane queue of the services, a binary search to the cursor and at most `limit` ids read,
// never a scan of the waiting tickets.
import { countBeforeIn, type Queue } from './queues.ts';
import { ticketById, type TicketTable } from './ticket-table.ts';
import type { HallState, Ticket } from './types.ts';

/** Where a page ends: the arrival key of its last ticket. */
export interface ArrivalKey {
  arrivedAt: number;
  issuedAt: number;
  id: string;
}

export interface WaitingPage {
  tickets: Ticket[];
  /** The key to pass for the next page; absent when no waiting ticket comes after this page. */
  next?: ArrivalKey;
}

export function byArrival(a: ArrivalKey, b: ArrivalKey): number {
  return a.arrivedAt - b.arrivedAt || a.issuedAt - b.issuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function arrivalKey(t: Ticket): ArrivalKey {
  return { arrivedAt: t.arrivedAt, issuedAt: t.issuedAt, id: t.id };
}

/**
 * Up to `limit` plain tickets of one lane queue after `after` in arrival order, and every reactivated
 * no-show (front) after it. A queue is in queue order: the front ones first (few, checked one by
 * one), then the plain ones in arrival order (found by binary search).
 */
function laneAfter(tickets: TicketTable, queue: Queue, after: ArrivalKey | undefined, limit: number): Ticket[] {
  const isAfter = (t: Ticket) => !after || byArrival(t, after) > 0;
  const front: Ticket[] = [];
  scan: for (const chunk of queue.chunks) {
    for (const id of chunk) {
      const t = ticketById(tickets, id)!;
      if (!t.front) break scan;
      if (isAfter(t)) front.push(t);
    }
  }
  // A plain ticket at the cursor: the front ones and the plain ones before the cursor come before it.
  const probe = after && ({ ...after, front: undefined } as unknown as Ticket);
  const rest: Ticket[] = [];
  for (const chunk of queue.chunks) {
    if (rest.length >= limit) break;
    const last = ticketById(tickets, chunk[chunk.length - 1]!)!;
    if (last.front || !isAfter(last)) continue; // nothing plain after the cursor in this chunk
    const from = probe && rest.length === 0 ? countBeforeIn(tickets, chunk, probe) : 0;
    for (let i = from; i < chunk.length && rest.length < limit; i++) {
      const t = ticketById(tickets, chunk[i]!)!;
      if (!t.front && isAfter(t)) rest.push(t);
    }
  }
  return [...front, ...rest];
}

/**
 * The waiting tickets of `serviceIds` that come after `after` (from the first when absent), in
 * arrival order, at most `limit` of them.
 */
export function waitingPage(state: HallState, serviceIds: readonly string[], after: ArrivalKey | undefined, limit: number): WaitingPage {
  const wanted = new Set(serviceIds);
  const candidates: Ticket[] = [];
  // One queue per service and lane, keyed "service|lane" (queues.ts).
  for (const key in state.queues) {
    if (wanted.has(key.slice(0, key.indexOf('|')))) candidates.push(...laneAfter(state.tickets, state.queues[key]!, after, limit + 1));
  }
  candidates.sort(byArrival);
  const tickets = candidates.slice(0, limit);
  const page: WaitingPage = { tickets };
  if (candidates.length > limit) page.next = arrivalKey(tickets[tickets.length - 1]!);
  return page;
}

// The waiting queues: for each service and lane, the ids of waiting tickets in queue order.
// Derived from the tickets and kept in the state by evolve, so that "who is next", "people ahead"
// and waiting counts look at queue heads instead of scanning every ticket of the day.
//
// Persistent like the ticket table: a queue is a list of short chunks, and a change copies the
// chunk list and the one chunk it touches (at most 2 × CHUNK ids), never the whole queue, so an
// older state keeps its queues as they were.
import { ticketById, ticketList, type TicketTable } from './ticket-table.ts';
import type { HallState, Lane, Ticket } from './types.ts';

export interface Queue {
  readonly size: number;
  readonly chunks: readonly (readonly string[])[];
}
export type Queues = Readonly<Record<string, Queue>>;

const CHUNK = 64;

/**
 * "service|lane". The same string each time for a service and lane: a key concatenated afresh
 * was looked up in the engine's string table at each read and write of the queues record
 * (~0.2 µs a read, ~0.4 µs a copy with it: every enqueue and dequeue does both).
 */
export function queueKey(serviceId: string, lane: Lane): string {
  let byLane = queueKeys.get(serviceId);
  if (!byLane) {
    // Bounded: service ids come from the hall's configuration, but a caller may pass any string.
    if (queueKeys.size > 10_000) queueKeys.clear();
    queueKeys.set(serviceId, (byLane = new Map()));
  }
  let key = byLane.get(lane);
  if (key === undefined) byLane.set(lane, (key = `${serviceId}|${lane}`));
  return key;
}

const queueKeys = new Map<string, Map<Lane, string>>();

/** Queue order inside one lane: reactivated no-shows first, then earliest arrival. */
export function byQueueOrder(a: Ticket, b: Ticket): number {
  return (
    Number(!a.front) - Number(!b.front) ||
    a.arrivedAt - b.arrivedAt ||
    a.issuedAt - b.issuedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The ids of a queue in order (a copy). */
export function queueIds(queue: Queue | undefined): string[] {
  return queue ? queue.chunks.flat() : [];
}

/** How many ids of a sorted id list come before `t` (t need not be in it). */
export function countBeforeIn(tickets: TicketTable, ids: readonly string[], t: Ticket): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byQueueOrder(ticketById(tickets, ids[mid]!)!, t) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first chunk whose last ticket does not come before `t` (the last chunk when all do), and
 * the place of `t` in it. */
function placeOf(tickets: TicketTable, queue: Queue, t: Ticket): { chunk: number; at: number } {
  const last = queue.chunks.length - 1;
  for (let c = 0; c < last; c++) {
    const chunk = queue.chunks[c]!;
    if (byQueueOrder(ticketById(tickets, chunk[chunk.length - 1]!)!, t) >= 0) return { chunk: c, at: countBeforeIn(tickets, chunk, t) };
  }
  return { chunk: last, at: countBeforeIn(tickets, queue.chunks[last]!, t) };
}

/** How many tickets of a queue come before `t` (t need not be in it). */
export function countBefore(tickets: TicketTable, queue: Queue | undefined, t: Ticket): number {
  if (!queue || queue.size === 0) return 0;
  const { chunk, at } = placeOf(tickets, queue, t);
  let n = at;
  for (let c = 0; c < chunk; c++) n += queue.chunks[c]!.length;
  return n;
}

function insert(tickets: TicketTable, queue: Queue | undefined, t: Ticket): Queue {
  if (!queue || queue.size === 0) return { size: 1, chunks: [[t.id]] };
  const chunks = queue.chunks.slice();
  const tail = chunks[chunks.length - 1]!;
  // A new ticket almost always goes last; transfers and reactivations find their place.
  if (byQueueOrder(ticketById(tickets, tail[tail.length - 1]!)!, t) < 0) {
    if (tail.length < CHUNK) chunks[chunks.length - 1] = withLast(tail, t.id);
    else chunks.push([t.id]);
    return { size: queue.size + 1, chunks };
  }
  const { chunk, at } = placeOf(tickets, queue, t);
  const grown = chunks[chunk]!.slice();
  grown.splice(at, 0, t.id);
  // Split a chunk that grew too long, so a change never copies more than 2 × CHUNK ids.
  if (grown.length > 2 * CHUNK) chunks.splice(chunk, 1, grown.slice(0, CHUNK), grown.slice(CHUNK));
  else chunks[chunk] = grown;
  return { size: queue.size + 1, chunks };
}

function remove(tickets: TicketTable, queue: Queue, t: Ticket): Queue {
  // The head is the usual case (a call); otherwise skip the chunks that all come before t.
  let c = queue.chunks[0]![0] === t.id ? 0 : placeOf(tickets, queue, t).chunk;
  let i = queue.chunks[c]!.indexOf(t.id);
  if (i < 0) {
    // Not where its order says (cannot happen while evolve keeps the order): look everywhere.
    c = queue.chunks.findIndex((chunk) => chunk.includes(t.id));
    if (c < 0) return queue;
    i = queue.chunks[c]!.indexOf(t.id);
  }
  const chunks = queue.chunks.slice();
  if (chunks[c]!.length > 1) chunks[c] = without(chunks[c]!, i);
  else chunks.splice(c, 1);
  return { size: queue.size - 1, chunks };
}

/** `ids` and `id` after them, in one array of the final length (no store grown, no spread's iterator). */
function withLast(ids: readonly string[], id: string): string[] {
  const out: string[] = new Array(ids.length + 1);
  for (let i = 0; i < ids.length; i++) out[i] = ids[i]!;
  out[ids.length] = id;
  return out;
}

/** `ids` without the one at `at`, in one array of the final length (a splice also returns the removed ids in an array). */
function without(ids: readonly string[], at: number): string[] {
  const out: string[] = new Array(ids.length - 1);
  for (let i = 0, n = 0; i < ids.length; i++) if (i !== at) out[n++] = ids[i]!;
  return out;
}

/** The queues with a waiting ticket put in its place. */
export function enqueue(queues: Queues, tickets: TicketTable, t: Ticket): Queues {
  const key = queueKey(t.serviceId, t.lane);
  return { ...queues, [key]: insert(tickets, queues[key], t) };
}

/** The queues without a ticket (called, cancelled, transferred); the same queues when it was not in one. */
export function dequeue(queues: Queues, tickets: TicketTable, t: Ticket): Queues {
  const key = queueKey(t.serviceId, t.lane);
  const queue = queues[key];
  if (!queue || queue.size === 0) return queues;
  const next = remove(tickets, queue, t);
  if (next === queue) return queues;
  const out = { ...queues };
  if (next.size) out[key] = next;
  else delete out[key];
  return out;
}

/** One queue without a ticket; undefined once empty (the forecast's run keeps its own queues record). */
export function withoutTicket(queue: Queue, tickets: TicketTable, t: Ticket): Queue | undefined {
  const next = remove(tickets, queue, t);
  return next.size ? next : undefined;
}

/** Builds the queues from the tickets: for a state saved before these queues existed. */
export function rebuildQueues(state: HallState): HallState {
  const ids = new Map<string, string[]>();
  const waiting = ticketList(state.tickets).filter((t) => t.status === 'waiting').sort(byQueueOrder);
  for (const t of waiting) {
    const key = queueKey(t.serviceId, t.lane);
    const list = ids.get(key);
    if (list) list.push(t.id);
    else ids.set(key, [t.id]);
  }
  const queues: Record<string, Queue> = {};
  for (const [key, list] of ids) {
    const chunks: string[][] = [];
    for (let i = 0; i < list.length; i += CHUNK) chunks.push(list.slice(i, i + CHUNK));
    queues[key] = { size: list.length, chunks };
  }
  return { ...state, queues };
}

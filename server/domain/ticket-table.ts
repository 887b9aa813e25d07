// Today's tickets by id, as a persistent table: adding or replacing a ticket gives a new table and
// leaves the old one as it was, so a state handed to a reader never changes under it. It is plain
// data (snapshots store it as JSON) spread over a fixed number of buckets by a hash of the id: a
// write copies the bucket list and one bucket, about 1/256 of the day, never the whole day.
import type { Ticket } from './types.ts';

export interface TicketTable {
  readonly size: number;
  readonly buckets: readonly Readonly<Record<string, Ticket>>[];
}

const BUCKETS = 256;
const EMPTY: TicketTable = Object.freeze({ size: 0, buckets: Object.freeze(Array.from({ length: BUCKETS }, () => Object.freeze({}))) });

export function emptyTickets(): TicketTable {
  return EMPTY;
}

/** FNV-1a of the id, folded to a bucket. */
function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BUCKETS;
}

/** The ticket with this id, or undefined; safe for ids that came from a request ("constructor", "__proto__"). */
export function ticketById(table: TicketTable, id: string): Ticket | undefined {
  const bucket = table.buckets[bucketOf(id)]!;
  return Object.hasOwn(bucket, id) ? bucket[id] : undefined;
}

/** A table with `t` added, or replacing the ticket of the same id. */
export function withTicket(table: TicketTable, t: Ticket): TicketTable {
  const i = bucketOf(t.id);
  const bucket = table.buckets[i]!;
  const added = Object.hasOwn(bucket, t.id) ? 0 : 1;
  const buckets = table.buckets.slice();
  // A computed key defines an own property even for "__proto__".
  buckets[i] = { ...bucket, [t.id]: t };
  return { size: table.size + added, buckets };
}

/** Every ticket, in no particular order. */
export function ticketList(table: TicketTable): Ticket[] {
  const out: Ticket[] = [];
  for (const bucket of table.buckets) for (const id in bucket) out.push(bucket[id]!);
  return out;
}

/** Builds a table from tickets (a test's fixture, a snapshot saved before tables existed). */
export function ticketTableOf(tickets: Iterable<Ticket> | Readonly<Record<string, Ticket>>): TicketTable {
  const list = Symbol.iterator in tickets ? [...(tickets as Iterable<Ticket>)] : Object.values(tickets);
  const buckets: Record<string, Ticket>[] = Array.from({ length: BUCKETS }, () => ({}));
  for (const t of list) buckets[bucketOf(t.id)]![t.id] = t;
  let size = 0;
  for (const b of buckets) size += Object.keys(b).length;
  return { size, buckets };
}

/** True for a table (a snapshot saved before tables existed holds a plain record instead). */
export function isTicketTable(x: unknown): x is TicketTable {
  return typeof x === 'object' && x !== null && Array.isArray((x as TicketTable).buckets) && (x as TicketTable).buckets.length === BUCKETS;
}

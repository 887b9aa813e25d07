// Today's tickets by id, as a persistent table: adding or replacing a ticket gives a new table and
// leaves the old one as it was, so a state handed to a reader never changes under it. It is plain
// data (snapshots store it as JSON): a two-level trie on a hash of the id, 64 branches of 64 leaves,
// each leaf a short list of tickets. A write copies the one path it changes (two lists of 64 and a
// leaf of a few tickets, whatever the day holds): about 1/4096 of a big day, and no object with a
// key per ticket, which the engine would copy and the collector would sweep.
import type { Ticket } from './types.ts';

type Leaf = readonly Ticket[];
type Branch = readonly Leaf[];

export interface TicketTable {
  readonly size: number;
  /** 64 branches of 64 leaves, by the id's hash (see slotOf). */
  readonly trie: readonly Branch[];
}

const WIDTH = 64;
const EMPTY_LEAF: Leaf = Object.freeze([]);
const EMPTY_BRANCH: Branch = Object.freeze(Array.from({ length: WIDTH }, () => EMPTY_LEAF));
const EMPTY: TicketTable = Object.freeze({ size: 0, trie: Object.freeze(Array.from({ length: WIDTH }, () => EMPTY_BRANCH)) });

export function emptyTickets(): TicketTable {
  return EMPTY;
}

/** FNV-1a of the id: its low 6 bits pick the branch, the next 6 the leaf. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The ticket with this id, or undefined; any string is safe ("constructor", "__proto__"): ids are compared, never looked up as keys. */
export function ticketById(table: TicketTable, id: string): Ticket | undefined {
  const h = hashOf(id);
  const leaf = table.trie[h & 63]![(h >>> 6) & 63]!;
  for (let i = 0; i < leaf.length; i++) if (leaf[i]!.id === id) return leaf[i];
  return undefined;
}

/** A table with `t` added, or replacing the ticket of the same id. */
export function withTicket(table: TicketTable, t: Ticket): TicketTable {
  const h = hashOf(t.id);
  const b = h & 63;
  const l = (h >>> 6) & 63;
  const branch = table.trie[b]!;
  const leaf = branch[l]!;
  const at = leaf.findIndex((x) => x.id === t.id);
  const nextLeaf = leaf.slice();
  if (at < 0) nextLeaf.push(t);
  else nextLeaf[at] = t;
  const nextBranch = branch.slice();
  nextBranch[l] = nextLeaf;
  const trie = table.trie.slice();
  trie[b] = nextBranch;
  return { size: table.size + (at < 0 ? 1 : 0), trie };
}

/** Every ticket, in no particular order. */
export function ticketList(table: TicketTable): Ticket[] {
  const out: Ticket[] = [];
  for (const branch of table.trie) for (const leaf of branch) for (const t of leaf) out.push(t);
  return out;
}

/** Builds a table from tickets (a test's fixture, a snapshot saved before tables existed). */
export function ticketTableOf(tickets: Iterable<Ticket> | Readonly<Record<string, Ticket>>): TicketTable {
  const list = Symbol.iterator in tickets ? [...(tickets as Iterable<Ticket>)] : Object.values(tickets);
  const trie: Ticket[][][] = Array.from({ length: WIDTH }, () => Array.from({ length: WIDTH }, () => []));
  let size = 0;
  for (const t of list) {
    const h = hashOf(t.id);
    const leaf = trie[h & 63]![(h >>> 6) & 63]!;
    const at = leaf.findIndex((x) => x.id === t.id);
    if (at >= 0) leaf[at] = t;
    else (leaf.push(t), size++);
  }
  return { size, trie };
}

/** True for a table (a snapshot saved by an older version holds a plain record or a bucketed table instead). */
export function isTicketTable(x: unknown): x is TicketTable {
  return typeof x === 'object' && x !== null && Array.isArray((x as TicketTable).trie) && (x as TicketTable).trie.length === WIDTH;
}

/** The table of a saved state's tickets, whichever version saved it: this table, the 256 buckets of
 * records before it, or the plain record by id before those. */
export function savedTicketTable(saved: unknown): TicketTable {
  if (isTicketTable(saved)) return saved;
  const buckets = (saved as { buckets?: unknown } | undefined)?.buckets;
  if (Array.isArray(buckets)) return ticketTableOf(buckets.flatMap((b: Record<string, Ticket>) => Object.values(b)));
  return ticketTableOf((saved ?? {}) as Record<string, Ticket>);
}

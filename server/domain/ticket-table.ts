// Today's tickets by id, as a persistent table: adding or replacing a ticket gives a new table and
// leaves the old one as it was, so a state handed to a reader never changes under it. It is plain
// data (snapshots store it as JSON): a three-level trie on a hash of the id, 16 × 16 × 16 nodes down
// to 4096 leaves, each leaf a short list of tickets. A write copies the one path it changes (three
// lists of 16 and a leaf of a few tickets, whatever the day holds): 0.4 KB, where the two lists of
// 64 of the trie before it were 1.1 KB, and every event of the day writes one ticket. No object has
// a key per ticket, which the engine would copy and the collector would sweep.
// Its JSON is part of the hall's snapshot format: a change of shape bumps HALL_SNAPSHOT_FORMAT (./restore.ts).
import type { Ticket } from './types.ts';

type Leaf = readonly Ticket[];
type Twig = readonly Leaf[];
type Branch = readonly Twig[];

export interface TicketTable {
  readonly size: number;
  /** 16 branches of 16 twigs of 16 leaves, by the id's hash (see hashOf). */
  readonly tree: readonly Branch[];
}

const WIDTH = 16;
const EMPTY_LEAF: Leaf = Object.freeze([]);
const EMPTY_TWIG: Twig = Object.freeze(Array.from({ length: WIDTH }, () => EMPTY_LEAF));
const EMPTY_BRANCH: Branch = Object.freeze(Array.from({ length: WIDTH }, () => EMPTY_TWIG));
const EMPTY: TicketTable = Object.freeze({ size: 0, tree: Object.freeze(Array.from({ length: WIDTH }, () => EMPTY_BRANCH)) });

export function emptyTickets(): TicketTable {
  return EMPTY;
}

/** FNV-1a of the id: its low 4 bits pick the branch, the next 4 the twig, the next 4 the leaf. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The ticket with this id, or undefined; any string is safe ("constructor", "__proto__"): ids are compared, never looked up as keys. */
export function ticketById(table: TicketTable, id: string): Ticket | undefined {
  const h = hashOf(id);
  const leaf = table.tree[h & 15]![(h >>> 4) & 15]![(h >>> 8) & 15]!;
  for (let i = 0; i < leaf.length; i++) if (leaf[i]!.id === id) return leaf[i];
  return undefined;
}

/** A table with `t` added, or replacing the ticket of the same id. */
export function withTicket(table: TicketTable, t: Ticket): TicketTable {
  const h = hashOf(t.id);
  const b = h & 15;
  const w = (h >>> 4) & 15;
  const l = (h >>> 8) & 15;
  const branch = table.tree[b]!;
  const twig = branch[w]!;
  const leaf = twig[l]!;
  let at = 0;
  while (at < leaf.length && leaf[at]!.id !== t.id) at++;
  // At its final length (a slice written one past its end grows its store again).
  const nextLeaf: Ticket[] = new Array(at === leaf.length ? leaf.length + 1 : leaf.length);
  for (let i = 0; i < leaf.length; i++) nextLeaf[i] = leaf[i]!;
  nextLeaf[at] = t;
  const nextTwig = twig.slice();
  nextTwig[l] = nextLeaf;
  const nextBranch = branch.slice();
  nextBranch[w] = nextTwig;
  const tree = table.tree.slice();
  tree[b] = nextBranch;
  return { size: table.size + (at === leaf.length ? 1 : 0), tree };
}

/** Every ticket, in no particular order. */
export function ticketList(table: TicketTable): Ticket[] {
  const out: Ticket[] = [];
  for (const branch of table.tree) for (const twig of branch) for (const leaf of twig) for (const t of leaf) out.push(t);
  return out;
}

/** Builds a table from tickets (a test's fixture, a snapshot saved before tables existed). */
export function ticketTableOf(tickets: Iterable<Ticket> | Readonly<Record<string, Ticket>>): TicketTable {
  const list = Symbol.iterator in tickets ? [...(tickets as Iterable<Ticket>)] : Object.values(tickets);
  const tree: Ticket[][][][] = Array.from({ length: WIDTH }, () => Array.from({ length: WIDTH }, () => Array.from({ length: WIDTH }, () => [])));
  let size = 0;
  for (const t of list) {
    const h = hashOf(t.id);
    const leaf = tree[h & 15]![(h >>> 4) & 15]![(h >>> 8) & 15]!;
    const at = leaf.findIndex((x) => x.id === t.id);
    if (at >= 0) leaf[at] = t;
    else (leaf.push(t), size++);
  }
  return { size, tree };
}

/** True for a table (a snapshot saved by an older version holds a plain record, a bucketed table or a two-level trie instead). */
export function isTicketTable(x: unknown): x is TicketTable {
  return typeof x === 'object' && x !== null && Array.isArray((x as TicketTable).tree) && (x as TicketTable).tree.length === WIDTH;
}

/** The table of a saved state's tickets, whichever version saved it: this table, the two-level trie
 * of 64 × 64 leaves before it (`trie`), the 256 buckets of records before that, or the plain record
 * by id before those. */
export function savedTicketTable(saved: unknown): TicketTable {
  if (isTicketTable(saved)) return saved;
  const trie = (saved as { trie?: unknown } | undefined)?.trie;
  if (Array.isArray(trie)) return ticketTableOf((trie as Ticket[][][]).flat(2));
  const buckets = (saved as { buckets?: unknown } | undefined)?.buckets;
  if (Array.isArray(buckets)) return ticketTableOf(buckets.flatMap((b: Record<string, Ticket>) => Object.values(b)));
  return ticketTableOf((saved ?? {}) as Record<string, Ticket>);
}

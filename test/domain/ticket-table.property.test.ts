// The ticket table against a Map kept beside it: every write, then every read, of random ids
// (request-like ones too: "__proto__", "constructor"); every older table still reads as it was;
// snapshots (JSON) and the shapes older versions saved read back as the same tickets.
import test from 'ava';
import fc from 'fast-check';
import { emptyTickets, savedTicketTable, ticketById, ticketList, withTicket, type TicketTable } from '../../server/domain/ticket-table.ts';
import type { Ticket } from '../../server/domain/types.ts';

const ticket = (id: string, n: number): Ticket => ({
  id,
  hallId: 'h',
  serviceId: 's',
  lane: 'normal',
  number: `A${String(n % 1000).padStart(3, '0')}`,
  status: 'waiting',
  serviceDay: '2026-11-30',
  issuedAt: n,
  arrivedAt: n,
  recalls: n,
});

const id = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a', 'b'));
const sorted = (list: Ticket[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.recalls - b.recalls));

test('a table answers as a Map of the same writes, and every older table as it was when made', (t) => {
  fc.assert(
    fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
      let table = emptyTickets();
      const model = new Map<string, Ticket>();
      const older: [TicketTable, Map<string, Ticket>][] = [];
      ids.forEach((x, n) => {
        older.push([table, new Map(model)]);
        table = withTicket(table, ticket(x, n));
        model.set(x, ticket(x, n));
      });
      older.push([table, model]);
      for (const [tb, m] of older) {
        if (tb.size !== m.size) return false;
        for (const x of new Set(ids)) if (ticketById(tb, x)?.recalls !== m.get(x)?.recalls) return false;
        if (JSON.stringify(sorted(ticketList(tb))) !== JSON.stringify(sorted([...m.values()]))) return false;
      }
      return true;
    }),
  );
  t.is(ticketById(emptyTickets(), '__proto__'), undefined);
  t.is(ticketById(emptyTickets(), 'constructor'), undefined);
});

/** The 256 buckets of records the table was saved as before the trie (FNV-1a of the id mod 256). */
function bucketedShape(list: Ticket[]) {
  const buckets: Record<string, Ticket>[] = Array.from({ length: 256 }, () => ({}));
  for (const x of list) {
    let h = 0x811c9dc5;
    for (let i = 0; i < x.id.length; i++) h = Math.imul(h ^ x.id.charCodeAt(i), 0x01000193);
    Object.defineProperty(buckets[(h >>> 0) % 256]!, x.id, { value: x, enumerable: true, writable: true, configurable: true });
  }
  return { size: list.length, buckets };
}

/** The two-level trie of 64 × 64 leaves the table was saved as before the three-level one (FNV-1a of the id: low 6 bits, next 6). */
function twoLevelShape(list: Ticket[]) {
  const trie: Ticket[][][] = Array.from({ length: 64 }, () => Array.from({ length: 64 }, () => []));
  for (const x of list) {
    let h = 0x811c9dc5;
    for (let i = 0; i < x.id.length; i++) h = Math.imul(h ^ x.id.charCodeAt(i), 0x01000193);
    h >>>= 0;
    trie[h & 63]![(h >>> 6) & 63]!.push(x);
  }
  return { size: list.length, trie };
}

test('a table saved as JSON, as a two-level trie, as 256 buckets, or as a plain record by id reads back as the same tickets', (t) => {
  fc.assert(
    fc.property(fc.uniqueArray(id, { maxLength: 200 }), (ids) => {
      const list = ids.map((x, n) => ticket(x, n));
      const table = list.reduce(withTicket, emptyTickets());
      const plain: Record<string, Ticket> = {};
      for (const x of list) Object.defineProperty(plain, x.id, { value: x, enumerable: true, writable: true, configurable: true });
      const saved = [JSON.parse(JSON.stringify(table)), JSON.parse(JSON.stringify(twoLevelShape(list))), JSON.parse(JSON.stringify(bucketedShape(list))), JSON.parse(JSON.stringify(plain))];
      const want = JSON.stringify(sorted(list));
      return saved.every((s) => {
        const back = savedTicketTable(s);
        return back.size === list.length && JSON.stringify(sorted(ticketList(back))) === want && list.every((x) => ticketById(back, x.id)?.recalls === x.recalls);
      });
    }),
  );
  t.pass();
});

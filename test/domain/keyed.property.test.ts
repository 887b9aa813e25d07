// The keyed records (keyed.ts) behind today's last numbers and per-window counts, against a Map
// kept beside them: every write then every read, of any keys ("__proto__" too); every older record
// still reads as it was; the same contents give the same arrays whatever the order of writes; and a
// state saved by an older version, with plain records, restores to the state folded from the log.
import test from 'ava';
import fc from 'fast-check';
import { windowCountsOf } from '../../server/domain/day-tally.ts';
import { emptyKeyed, keyedEntries, keyedGet, keyedWith, savedKeyed, type Keyed } from '../../server/domain/keyed.ts';
import { restoreState } from '../../server/domain/restore.ts';
import type { HallState } from '../../server/domain/types.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';

const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', '1', '2', 'w1', 'buckets'));
const writes = fc.array(fc.tuple(key, fc.integer()), { maxLength: 200 });
const sortedEntries = <V>(k: Keyed<V>) => keyedEntries(k).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const sortedMap = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

test('a keyed record answers as a Map of the same writes, and every older record as it was when made', (t) => {
  fc.assert(
    fc.property(writes, (ws) => {
      let k = emptyKeyed<number>();
      const model = new Map<string, number>();
      const older: [Keyed<number>, Map<string, number>][] = [];
      for (const [x, v] of ws) {
        older.push([k, new Map(model)]);
        k = keyedWith(k, x, v);
        model.set(x, v);
      }
      older.push([k, model]);
      const asked = new Set([...ws.map(([x]) => x), 'never written', '__proto__']);
      for (const [rec, m] of older) {
        for (const x of asked) if (keyedGet(rec, x) !== m.get(x)) return false;
        t.deepEqual(sortedEntries(rec), sortedMap(m));
      }
      return true;
    }),
  );
});

test('the same contents written in any order give equal records, and a plain record saved by an older version reads the same', (t) => {
  fc.assert(
    fc.property(writes, fc.nat(), (ws, seed) => {
      const last = new Map(ws);
      const inOrder = [...last].reduce((k, [x, v]) => keyedWith(k, x, v), emptyKeyed<number>());
      const shuffled = [...last].sort(([a], [b]) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7) || (a < b ? 1 : -1));
      const otherOrder = shuffled.reduce((k, [x, v]) => keyedWith(k, x, v), emptyKeyed<number>());
      t.deepEqual(otherOrder, inOrder);
      // An older snapshot: a plain record by key (defined, not assigned: "__proto__" is a key like any other).
      const plain: Record<string, number> = {};
      for (const [x, v] of last) Object.defineProperty(plain, x, { value: v, enumerable: true, writable: true, configurable: true });
      t.deepEqual(savedKeyed(JSON.parse(JSON.stringify(plain))), inOrder);
      t.deepEqual(savedKeyed(JSON.parse(JSON.stringify(inOrder))), inOrder);
      return true;
    }),
  );
});

/** The state as an older version saved it: last numbers and per-window counts as plain records. */
function savedByOlderVersion(state: HallState): HallState {
  const plain = <V>(k: Keyed<V>) => Object.fromEntries(keyedEntries(k));
  return JSON.parse(JSON.stringify({ ...state, lastNumber: plain(state.lastNumber), tally: { ...state.tally, windows: plain(state.tally.windows) } }));
}

test('a day saved with plain records by an older version restores to the state folded from the log, and numbers on from there', (t) => {
  const s = new Scenario();
  for (let i = 0; i < 30; i++) {
    s.run({ type: 'issue', serviceId: i % 3 ? 'biz' : 'soc', lane: 'normal' });
    if (i % 2) s.advance(MINUTE).run({ type: 'callNext', windowId: smallHall.windows[i % 3]!.id });
    if (i % 5 === 1) s.advance(MINUTE).run({ type: 'noShow', windowId: smallHall.windows[i % 3]!.id });
  }
  const restored = restoreState(savedByOlderVersion(s.state));
  t.is(JSON.stringify(restored), JSON.stringify(s.state));
  for (const w of smallHall.windows) t.deepEqual(windowCountsOf(restored.tally, w.id), windowCountsOf(s.state.tally, w.id));
  // The next numbers, from the restored state and from the live one, are the same.
  const live = s.run({ type: 'issue', serviceId: 'biz', lane: 'normal' });
  s.state = restored;
  s.log.pop();
  const fromRestored = s.run({ type: 'issue', serviceId: 'biz', lane: 'normal' });
  t.is(fromRestored[0]!.type === 'ticket:issued' && fromRestored[0]!.data.ticket.number, live[0]!.type === 'ticket:issued' && live[0]!.data.ticket.number);
  t.is(live[0]!.type === 'ticket:issued' && live[0]!.data.ticket.number, 'A021');
});

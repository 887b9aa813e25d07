// A big hall's snapshot is encoded a slice at a time (server/engine/sliced-json.ts): the bytes must
// be JSON.stringify's, and commands must be answered while a snapshot is being encoded.
import test from 'ava';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeInSlices } from '../../server/engine/sliced-json.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { evolve, initialState } from '../../server/domain/evolve.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { HALL_SNAPSHOT_FORMAT } from '../../server/domain/restore.ts';
import { streams } from '../../server/store/streams.ts';
import { demoHall } from '../helpers/demo.ts';

// Values as a state may hold them, and what JSON.stringify treats specially: undefined (left out of
// an object, null in an array), functions, toJSON (a Date), null-prototype objects, holes, lone
// surrogates and characters beyond the BMP (UTF-8 of four bytes).
const special = fc.constantFrom<unknown>(undefined, () => 1, new Date(0), Object.assign(Object.create(null), { a: 1 }), [, 1], '\ud800', '号😀');
const leaf = fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), special);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value')), fc.dictionary(fc.string(), tie('value'))),
}));

test('the slices together are the bytes of JSON.stringify, at any depth, even with a pause after every piece', async (t) => {
  await fc.assert(
    fc.asyncProperty(value, async (v) => {
      fc.pre(v !== undefined && typeof v !== 'function');
      const sliced = await encodeInSlices(v, 0);
      return sliced.equals(Buffer.from(JSON.stringify(v), 'utf8'));
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('a command is answered while a big hall snapshot is encoded, and a restart from that snapshot plus the tail equals a replay of the log', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-sliced-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = new SqliteEventStore(join(dir, 'log.sqlite'));
  t.teardown(() => store.close());
  const engine = new HallEngine(demoHall, store, { snapshotEvery: 1_000_000 });
  await engine.start();
  const services = demoHall.services.map((s) => s.id);
  await Promise.all(Array.from({ length: 5000 }, (_, i) => engine.execute({ type: 'issue', serviceId: services[i % services.length]!, lane: 'normal' })));
  const snapshotSeq = engine.position;

  const order: string[] = [];
  const saving = engine.saveSnapshotNow().then(() => order.push('snapshot saved'));
  const issuing = engine.execute({ type: 'issue', serviceId: services[0]!, lane: 'elderly' }).then(() => order.push('command answered'));
  await Promise.all([saving, issuing]);
  t.deepEqual(order, ['command answered', 'snapshot saved'], 'the encoding of ~1 MB of JSON took turns with the command');
  t.is((await store.loadSnapshot(streams.hall(demoHall.id), HALL_SNAPSHOT_FORMAT))!.seq, snapshotSeq, 'the snapshot holds the state when it was started');

  const restarted = new HallEngine(demoHall, store, { snapshotEvery: 1_000_000 });
  await restarted.start();
  const log = await store.read(streams.hall(demoHall.id), 0);
  const replayed = log.reduce(evolve, initialState(demoHall.id));
  t.is(restarted.position, snapshotSeq + 1);
  // States are JSON data: compare them as stored (a key set to undefined is no key).
  t.deepEqual(JSON.parse(JSON.stringify(restarted.current)), JSON.parse(JSON.stringify(replayed)));
});

// A hall engine saves snapshots of its state and a restart starts from the newest one plus the tail.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { demoHall } from '../helpers/demo.ts';
import { HALL_SNAPSHOT_FORMAT } from '../../server/domain/restore.ts';
import { streams } from '../../server/store/streams.ts';

test('a restart restores the newest snapshot and folds only the events after it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-snap-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = new SqliteEventStore(join(dir, 'log.sqlite'));
  t.teardown(() => store.close());
  const first = new HallEngine(demoHall, store, { snapshotEvery: 5 });
  await first.start();
  for (let i = 0; i < 30; i++) await first.execute({ type: 'issue', serviceId: 'social', lane: i % 3 ? 'normal' : 'elderly' });
  await first.execute({ type: 'callNext', windowId: '3' });
  const snap = await store.loadSnapshot(streams.hall(demoHall.id), HALL_SNAPSHOT_FORMAT);
  t.truthy(snap);
  t.true(snap!.seq > 1 && snap!.seq <= first.current.seq);
  await first.stop();
  t.is((await store.loadSnapshot(streams.hall(demoHall.id), HALL_SNAPSHOT_FORMAT))!.seq, first.current.seq, 'stopping saves the last state');

  const again = new HallEngine(demoHall, store);
  await again.start();
  // States are JSON data: compare them as stored (a key set to undefined is no key).
  t.deepEqual(again.current, JSON.parse(JSON.stringify(first.current)));
  const { events } = await again.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  t.is((events[0]!.data as { ticket: { number: string } }).ticket.number, 'B031');
});

test('a start that folds a log past its spacing with no snapshot saves one before it serves, not at the first command', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-snap-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = new SqliteEventStore(join(dir, 'log.sqlite'));
  t.teardown(() => store.close());
  const stream = streams.hall(demoHall.id);
  // A node that never stopped (a crash): 40 events in the log, no snapshot saved (spacing 1000).
  const crashed = new HallEngine(demoHall, store, { snapshotEvery: 1000 });
  await crashed.start();
  for (let i = 0; i < 40; i++) await crashed.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  const logEnd = (await store.read(stream, 0)).at(-1)!.seq;
  t.is(await store.loadSnapshot(stream, HALL_SNAPSHOT_FORMAT), null);

  const restarted = new HallEngine(demoHall, store, { snapshotEvery: 20 });
  await restarted.start();
  const saved = await store.loadSnapshot(stream, HALL_SNAPSHOT_FORMAT);
  t.is(saved?.seq, logEnd, 'the start saved the state it folded');
  // The next command does not save another one (the spacing counts from the start's snapshot).
  await restarted.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  t.is((await store.loadSnapshot(stream, HALL_SNAPSHOT_FORMAT))?.seq, logEnd);
  // The snapshot is the folded state: a node started from it (plus the one event after) holds what this one holds.
  const fromSnapshot = new HallEngine(demoHall, store);
  await fromSnapshot.start();
  t.deepEqual(fromSnapshot.current, JSON.parse(JSON.stringify(restarted.current)));
});

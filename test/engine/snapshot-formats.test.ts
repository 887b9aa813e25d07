// The hall's snapshot format (HALL_SNAPSHOT_FORMAT, server/domain/restore.ts) names the shape of the
// saved state: a node reads only snapshots of formats it knows, so a shape that changes while the
// number stays would be misread by nodes of the version before in a rolling upgrade. This test keeps
// the shape of a small fixed hall's encoded state (its JSON, every value replaced by its type:
// ../helpers/json-shape.ts) in snapshot-formats/hall.v<format>.json, and fails when the shape
// changes and the number does not. (The feature streams' are checked in ./feature-snapshots.test.ts.)
// After a deliberate change: bump HALL_SNAPSHOT_FORMAT (teach restoreState the old shape if it
// should still be read, and list it in the hall's SnapshotPolicy.older), then record the new shape:
//   UPDATE_SNAPSHOT_SHAPES=1 npx ava test/engine/snapshot-formats.test.ts
import test from 'ava';
import { HALL_SNAPSHOT_FORMAT } from '../../server/domain/restore.ts';
import type { HallConfig } from '../../server/domain/types.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { demoHall } from '../helpers/demo.ts';
import { assertRecordedShape } from '../helpers/json-shape.ts';

/** One window (a fixed id: window ids are keys of the state) serving social security and more. */
const window = demoHall.windows.find((w) => w.services.includes('social'))!;
const sampleHall: HallConfig = { ...demoHall, windows: [{ ...window, id: 'w1' }] };

/** A fixed morning: tickets in two lanes, one called and finished, one called and waiting at the window. */
async function sampleState(): Promise<string> {
  let now = Date.UTC(2026, 10, 30, 2, 0); // a Monday, 10:00 in Shanghai
  let ids = 0;
  const store = new SqliteEventStore(':memory:');
  const engine = new HallEngine(sampleHall, store, { clock: () => (now += 1000), newId: () => `t${++ids}` });
  await engine.start();
  for (let i = 0; i < 6; i++) await engine.execute({ type: 'issue', serviceId: 'social', lane: i % 3 ? 'normal' : 'elderly' });
  await engine.execute({ type: 'callNext', windowId: 'w1' });
  await engine.execute({ type: 'finish', windowId: 'w1' });
  await engine.execute({ type: 'callNext', windowId: 'w1' });
  const encoded = JSON.stringify(engine.current); // what the engine saves (sliced-json gives the same bytes)
  await engine.stop();
  await store.close();
  return encoded;
}

test('the shape of a saved hall state changes only with HALL_SNAPSHOT_FORMAT', async (t) => {
  assertRecordedShape(t, 'hall', HALL_SNAPSHOT_FORMAT, await sampleState(), 'HALL_SNAPSHOT_FORMAT, server/domain/restore.ts');
});

// The hall's snapshot format (HALL_SNAPSHOT_FORMAT, server/domain/restore.ts) names the shape of the
// saved state: a node reads only snapshots of formats it knows, so a shape that changes while the
// number stays would be misread by nodes of the version before in a rolling upgrade. This test keeps
// the shape of a small fixed hall's encoded state (its JSON, every value replaced by its type) in
// snapshot-formats/hall.v<format>.json, and fails when the shape changes and the number does not.
// After a deliberate change: bump HALL_SNAPSHOT_FORMAT (teach restoreState the old shape if it
// should still be read, and list it in the hall's SnapshotPolicy.older), then record the new shape:
//   UPDATE_SNAPSHOT_SHAPES=1 npx ava test/engine/snapshot-formats.test.ts
import test from 'ava';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { HALL_SNAPSHOT_FORMAT } from '../../server/domain/restore.ts';
import type { HallConfig } from '../../server/domain/types.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { demoHall } from '../helpers/demo.ts';

/** The shape of JSON data: each leaf's type; an array, the distinct shapes of its items. */
function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return { array: [...new Set(value.map((v) => JSON.stringify(shapeOf(v))))].sort().map((s) => JSON.parse(s) as unknown) };
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, shapeOf(record[k])]));
  }
  return typeof value;
}

/** One window (a fixed id: window ids are keys of the state) serving social security and more. */
const window = demoHall.windows.find((w) => w.services.includes('social'))!;
const sampleHall: HallConfig = { ...demoHall, windows: [{ ...window, id: 'w1' }] };

/** A fixed morning: tickets in two lanes, one called and finished, one called and waiting at the window. */
async function sampleState(): Promise<unknown> {
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
  return JSON.parse(encoded);
}

test('the shape of a saved hall state changes only with HALL_SNAPSHOT_FORMAT', async (t) => {
  const file = new URL(`./snapshot-formats/hall.v${HALL_SNAPSHOT_FORMAT}.json`, import.meta.url);
  const shape = shapeOf(await sampleState());
  if (process.env.UPDATE_SNAPSHOT_SHAPES) writeFileSync(file, JSON.stringify({ format: HALL_SNAPSHOT_FORMAT, shape }, null, 2) + '\n');
  t.true(existsSync(file), `no recorded shape for hall snapshot format ${HALL_SNAPSHOT_FORMAT}: record it (see this file's header)`);
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as { format: number; shape: unknown };
  t.is(recorded.format, HALL_SNAPSHOT_FORMAT);
  t.deepEqual(shape, recorded.shape, `the saved hall state changed shape: bump HALL_SNAPSHOT_FORMAT (server/domain/restore.ts), then record the new shape (see this file's header)`);
});

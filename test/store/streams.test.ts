// The stream names (server/store/streams.ts): every stream of every hall has an id of its own, the
// ids are the ones logs written by earlier versions use, and each descriptor knows its hall.
import test from 'ava';
import { defaultPlugins } from '../../server/plugins.ts';
import { deploymentStreams, streams, type AnyStream } from '../../server/store/streams.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';

const families = Object.entries(streams) as [string, (hallId: string) => AnyStream][];

test('no two streams share an id, across the streams of a hall and across halls', (t) => {
  // Hall ids are 1-32 of [A-Za-z0-9_-] (config/schema.ts); these include look-alikes of stream names.
  const halls = ['district', 'h', 'bookings', 'assist', 'cases', 'district-bookings', 'district_assist', 'A', 'a', '0', 'x'.repeat(32)];
  const seen = new Map<string, string>();
  for (const hallId of halls)
    for (const [name, of] of families) {
      const s = of(hallId);
      const other = seen.get(s.id);
      t.is(other, undefined, `${name}(${hallId}) and ${other} share the id ${s.id}`);
      seen.set(s.id, `${name}(${hallId})`);
      t.is(s.hallId, hallId);
    }
  t.is(seen.size, halls.length * families.length);
  // The deployment's own streams (staff accounts) take no hall id and collide with no hall's.
  for (const [name, of] of Object.entries(deploymentStreams)) {
    const s = of();
    t.is(seen.get(s.id), undefined, `${name} shares the id ${s.id} with ${seen.get(s.id)}`);
    t.false(halls.includes(s.hallId), `${name} names no hall`);
  }
});

test("the ids are the log's existing layout, so data written before typed streams still reads", (t) => {
  // The layout SQLite files and Redis keys in use already hold (hall_id = 'district',
  // 'district/bookings', …; ow:{district}:log, ow:{district/bookings}:log, …).
  t.is(streams.hall('district').id, 'district');
  t.is(streams.bookings('district').id, 'district/bookings');
  t.is(streams.assist('district').id, 'district/assist');
  t.is(streams.cases('district').id, 'district/cases');
});

test('the feature streams a full server owns are all named in streams.ts', async (t) => {
  // Names from the running features' claims (Contribution.streams), not from streams.ts itself.
  const server = await startTestServer({ plugins: defaultPlugins() });
  t.teardown(() => server.close());
  const hallIds = demoDeployment.halls.map((h) => h.id);
  const named = new Set([...hallIds.flatMap((h) => families.map(([, of]) => of(h).id)), ...Object.values(deploymentStreams).map((of) => of().id)]);
  const claimed = server.features.flatMap((f) => f.streams);
  t.true(claimed.length >= 3, `features claim their streams: ${claimed.join(', ')}`);
  t.deepEqual(claimed.filter((id) => !named.has(id)), []);
});

// The same capacity guarantee on the Redis store: two nodes on one real redis-server race 50
// bookings for the last 3 places; the bookings stream's conditional append lets exactly 3 through.
import test from 'ava';
import { startRedisServer } from '../../server/dev/redis-server.ts';
import { MONDAY, at, bookAs, phoneOf, startClockedServer } from './helpers.ts';
import { streams } from '../../server/store/streams.ts';

test('two nodes on Redis: 50 concurrent bookings for the last 3 places give exactly 3', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  const env = { STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: 'bookings-test' };
  const a = await startClockedServer(at(MONDAY, '08:00'), { env });
  t.teardown(() => a.close());
  const b = await startClockedServer(at(MONDAY, '08:00'), { env });
  t.teardown(() => b.close());

  for (let i = 0; i < 17; i++)
    t.is((await bookAs(a, i, { service: 'medical', date: MONDAY, time: '14:00', name: 'x', phone: phoneOf(i) })).status, 201);
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      bookAs(i % 2 ? b : a, 500 + i, { service: 'medical', date: MONDAY, time: '14:00', name: 'y', phone: phoneOf(500 + i) }),
    ),
  );
  t.is(results.filter((r) => r.status === 201).length, 3);
  t.true(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === 'slot_full'));
  const made = (await a.registry.store.read(streams.bookings('district'), 0)).filter((e) => e.type === 'booking:made');
  t.is(made.length, 20);
  // Both nodes agree on what is left (a read catches up with the other node's appends).
  for (const node of [a, b]) {
    const slot = (await node.api.get(`/api/appointments/slots?date=${MONDAY}`)).body.slots.find((s: { time: string }) => s.time === '14:00');
    t.is(slot.booked, 20);
  }
});

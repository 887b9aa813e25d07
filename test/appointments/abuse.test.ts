// Public booking abuse: one client address (no token, invented phone numbers) cannot hold more than
// the hall's per-address cap, on one node or two nodes sharing a Redis; it is rate limited with a
// Retry-After; only mainland mobile numbers are taken. The oracle is the day's figures
// (GET /api/appointments/stats), counted from the bookings, not the cap's own counter.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { Redis } from 'ioredis';
import { startRedisServer } from '../../server/dev/redis-server.ts';
import { MONDAY, addressOf, at, bookAs, phoneOf, startClockedServer } from './helpers.ts';

const TIMES = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00'];
const ATTACKER = '203.0.113.7';

function attack(node: { url: string }, i: number) {
  return fetch(`${node.url}/api/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ATTACKER },
    body: JSON.stringify({ service: 'business', date: MONDAY, time: TIMES[i % TIMES.length], name: `假${i}`, phone: phoneOf(9000 + i) }),
  });
}

async function confirmedOn(node: { api: { get: (p: string) => Promise<{ body: { booked: number; pending: number } }> } }) {
  const s = (await node.api.get(`/api/appointments/stats?date=${MONDAY}`)).body;
  return s.booked + s.pending;
}

test('one address with invented phones holds at most 3 places, then is refused with stable codes; another address still books', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => attack(server, i)));
  const bodies = await Promise.all(responses.map((r) => r.json()));
  t.is(responses.filter((r) => r.status === 201).length, 3);
  // Oracle: the day's figures count 3 places taken, by the bookings themselves.
  t.is(await confirmedOn(server), 3);
  const refused = bodies.filter((_, i) => responses[i]!.status !== 201);
  t.true(responses.filter((r) => r.status !== 201).every((r) => r.status === 429));
  t.true(refused.every((b) => b.error.code === 'address_daily_cap' || b.error.code === 'rate_limited'), JSON.stringify(refused));
  t.true(refused.some((b) => b.error.code === 'address_daily_cap'));
  // Over the rate limit (10 a minute by default): 429 rate_limited with Retry-After.
  const limited = responses.find((r, i) => bodies[i].error?.code === 'rate_limited') ?? (await attack(server, 13));
  t.is(limited.status, 429);
  t.true(Number(limited.headers.get('retry-after')) >= 1);
  // A neighbour on another address is not affected.
  const neighbour = await bookAs(server, 1, { service: 'business', date: MONDAY, time: '16:00', name: '邻居', phone: '13912340000' });
  t.is(neighbour.status, 201);
  t.is(await confirmedOn(server), 4);
  // The log keeps a keyed hash of the address, never the address itself.
  const log = JSON.stringify(await server.registry.store.read(streams.bookings('district'), 0));
  t.false(log.includes(ATTACKER));
  t.false(log.includes(addressOf(1)));
});

test('cancelling frees a place under the cap, and the cap counts holds, not attempts', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  const made = [];
  for (let i = 0; i < 3; i++) made.push(await (await attack(server, i)).json());
  t.is((await (await attack(server, 3)).json()).error.code, 'address_daily_cap');
  t.is((await server.api.post(`/api/appointments/${made[0].code}/cancel`)).status, 200);
  t.is((await attack(server, 4)).status, 201);
  t.is(await confirmedOn(server), 3);
});

test('only mainland mobile numbers are taken (+86 allowed), with a stable code', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  const book = (phone: string, i: number) => bookAs(server, i, { service: 'social', date: MONDAY, time: '09:00', name: '李四', phone });
  for (const [i, phone] of ['12345678901', '1391234567', '23912345678', '+1 2025550123', '02088886666'].entries()) {
    const res = await book(phone, i);
    t.is(res.status, 400, phone);
    t.is(res.body.error.code, 'phone_invalid');
    t.regex(res.body.error.message, /手机号/);
  }
  const ok = await book('+8613912345678', 10);
  t.is(ok.status, 201);
  t.is(ok.body.phone, '139****5678');
});

test('two nodes on one Redis count one address together: the cap and the rate limit hold across nodes', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  const env = { STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: 'abuse-test' };
  const a = await startClockedServer(at(MONDAY, '08:00'), { env });
  t.teardown(() => a.close());
  const b = await startClockedServer(at(MONDAY, '08:00'), { env });
  t.teardown(() => b.close());
  const responses = await Promise.all(Array.from({ length: 14 }, (_, i) => attack(i % 2 ? b : a, i)));
  const codes = await Promise.all(responses.map(async (r) => (r.status === 201 ? 'ok' : (await r.json()).error.code)));
  t.is(codes.filter((c) => c === 'ok').length, 3, codes.join(','));
  // The rate limit is shared: 10 requests a minute from the address across both nodes, not 10 each.
  t.is(codes.filter((c) => c === 'rate_limited').length, 4, codes.join(','));
  for (const node of [a, b]) t.is(await confirmedOn(node), 3);
  // In the Redis keys, the address appears only as its keyed hash.
  const client = new Redis(redis.url);
  const keys = await client.keys('*');
  client.disconnect();
  t.true(keys.some((k) => k.startsWith('abuse-test:ratelimit:book:')));
  t.false(keys.some((k) => k.includes(ATTACKER)));
});

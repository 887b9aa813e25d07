// Two nodes on one real redis-server with one SESSION_SECRET: a session signed in on one node works
// on the other, signing out on one ends it on both, and the sign-in limit per address counts the
// attempts on both nodes together.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { startRedisServer } from '../helpers/redis-server.ts';
import { call, signIn, startStaffServer } from './helpers.ts';

const SECRET = 'a-test-secret-that-is-at-least-32-characters-long';

test('a session from node A acts on node B, and signing out on A ends it on B', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  const env = { STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: 'staff-a', SESSION_SECRET: SECRET };
  const a = await startStaffServer({ env });
  t.teardown(() => a.close());
  const b = await startStaffServer({ env });
  t.teardown(() => b.close());

  const r = await signIn(a.url, { staffNumber: '1006', password: 'demo1234', window: '6' });
  t.is(r.status, 201);
  await b.api.issue('medical');
  const next = await call(b.url, 'POST', '/api/windows/6/next', { token: r.body.token });
  t.is(next.status, 200);
  t.is((await b.registry.store.read(streams.hall('district'), 0)).find((e) => e.type === 'ticket:called')?.actor?.staffNumber, '1006');
  // Node B shows who is at window 6 once it has read A's sign-in.
  await until(async () => (await call(b.url, 'GET', '/api/staff/on-duty')).body.windows['6']?.staffNumber === '1006');

  t.is((await call(a.url, 'DELETE', '/api/session', { token: r.body.token })).status, 204);
  await until(async () => (await call(b.url, 'POST', '/api/windows/6/pause', { token: r.body.token })).status === 401);
  // A node with another secret does not take the token at all.
  const other = await startStaffServer({ env: { ...env, REDIS_PREFIX: 'staff-other', SESSION_SECRET: 'x'.repeat(40) } });
  t.teardown(() => other.close());
  t.is((await call(other.url, 'GET', '/api/session', { token: r.body.token })).status, 401);
});

test('the per-address sign-in limit is counted across both nodes (Redis)', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  const env = { STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: 'staff-b', SESSION_SECRET: SECRET };
  const throttle = { perAddress: 4, perAccount: 100, seconds: 60 };
  const a = await startStaffServer({ env, throttle, lockAfter: 100 });
  t.teardown(() => a.close());
  const b = await startStaffServer({ env, throttle, lockAfter: 100 });
  t.teardown(() => b.close());
  const statuses: number[] = [];
  for (const [i, node] of [a, b, a, b, a, b].entries()) statuses.push((await signIn(node.url, { staffNumber: String(1001 + i), password: 'wrong-pass' }, '203.0.113.50')).status);
  t.deepEqual(statuses, [401, 401, 401, 401, 429, 429]);
  t.is((await signIn(b.url, { staffNumber: '1001', password: 'demo1234' }, '203.0.113.51')).status, 201);
});

async function until(ok: () => Promise<boolean>) {
  for (let i = 0; i < 100; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the other node never caught up');
}

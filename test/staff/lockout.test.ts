// Guessing passwords: an account locks after N wrong ones in a row until an admin unlocks it, and
// sign-in attempts are throttled per client address (another address is not slowed).
import test from 'ava';
import { deploymentStreams, streams } from '../../server/store/streams.ts';
import { call, signIn, startStaffServer } from './helpers.ts';

test('five wrong passwords in a row lock the account, even the right password is then refused, until an admin unlocks it', async (t) => {
  const server = await startStaffServer({ lockAfter: 5 });
  t.teardown(() => server.close());
  const codes: string[] = [];
  for (let i = 0; i < 5; i++) codes.push((await signIn(server.url, { staffNumber: '1001', password: `guess-${i}-x`, window: '1' })).body.error.code);
  t.deepEqual(codes, ['bad_credentials', 'bad_credentials', 'bad_credentials', 'bad_credentials', 'account_locked']);
  const right = await signIn(server.url, { staffNumber: '1001', password: 'demo1234', window: '1' });
  t.is(right.status, 403);
  t.is(right.body.error.code, 'account_locked');
  const listed = (await call(server.url, 'GET', '/api/staff', { token: 'demo-admin' })).body.staff.find((a: any) => a.staffNumber === '1001');
  t.true(listed.locked);
  // A clerk cannot unlock; the admin can.
  const clerk = (await signIn(server.url, { staffNumber: '1002', password: 'demo1234', window: '2' })).body.token;
  t.is((await call(server.url, 'POST', `/api/staff/${listed.id}/unlock`, { token: clerk })).status, 403);
  t.is((await call(server.url, 'POST', `/api/staff/${listed.id}/unlock`, { token: 'demo-admin' })).body.locked, false);
  t.is((await signIn(server.url, { staffNumber: '1001', password: 'demo1234', window: '1' })).status, 201);
  // The lock is in the log: an event of the accounts stream, with the count.
  const log = await server.registry.store.read(deploymentStreams.staffAccounts(), 0);
  t.deepEqual(log.filter((e) => e.type === 'staff:locked').map((e) => (e.data as { failures: number }).failures), [5]);
  t.is(log.filter((e) => e.type === 'staff:unlocked').length, 1);
});

test('a right password before the limit clears the count of wrong ones', async (t) => {
  const server = await startStaffServer({ lockAfter: 3 });
  t.teardown(() => server.close());
  for (let i = 0; i < 2; i++) await signIn(server.url, { staffNumber: '1004', password: 'nope-nope' });
  t.is((await signIn(server.url, { staffNumber: '1004', password: 'demo1234' })).status, 201);
  for (let i = 0; i < 2; i++) t.is((await signIn(server.url, { staffNumber: '1004', password: 'nope-nope' })).body.error.code, 'bad_credentials');
});

test('sign-in attempts are throttled per address: one address gets 429 with Retry-After, another still signs in', async (t) => {
  const server = await startStaffServer({ throttle: { perAddress: 4, perAccount: 100, seconds: 60 }, lockAfter: 100 });
  t.teardown(() => server.close());
  const statuses: number[] = [];
  // Different staff numbers, so only the address limit can be what stops them.
  for (const n of ['1001', '1002', '1003', '1004', '1005', '1006']) statuses.push((await signIn(server.url, { staffNumber: n, password: 'wrong-pass' }, '203.0.113.7')).status);
  t.deepEqual(statuses, [401, 401, 401, 401, 429, 429]);
  const limited = await signIn(server.url, { staffNumber: '1007', password: 'demo1234' }, '203.0.113.7');
  t.is(limited.status, 429);
  t.is(limited.body.error.code, 'rate_limited');
  t.true(Number(limited.headers.get('retry-after')) >= 1);
  t.is((await signIn(server.url, { staffNumber: '1007', password: 'demo1234' }, '198.51.100.9')).status, 201);
});

test('sign-in attempts are throttled per account across addresses', async (t) => {
  const server = await startStaffServer({ throttle: { perAddress: 100, perAccount: 3, seconds: 60 }, lockAfter: 100 });
  t.teardown(() => server.close());
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await signIn(server.url, { staffNumber: '1003', password: 'wrong-pass' }, `198.51.100.${i + 1}`)).status);
  t.deepEqual(statuses, [401, 401, 401, 429]);
  t.is((await signIn(server.url, { staffNumber: '1002', password: 'demo1234' }, '198.51.100.1')).status, 201);
});

// Sessions end with the hall's day (fake clock), and signing in and out, with the pauses a person
// pressed, make the attendance report.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { call, signIn, startStaffServer } from './helpers.ts';

// Asia/Shanghai is UTC+8 all year: 09:00 there is 01:00 UTC.
const shanghai = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+08:00`);

test('an API token is valid until the hall’s local midnight and refused after it; the new day signs the person out', async (t) => {
  let now = shanghai('2026-03-10', '09:00');
  const server = await startStaffServer({ engine: { clock: () => now } });
  t.teardown(() => server.close());
  const r = await signIn(server.url, { staffNumber: '1003', password: 'demo1234', window: '3' });
  t.is(r.body.expiresAt, shanghai('2026-03-11', '00:00'));
  now = shanghai('2026-03-10', '23:59');
  t.is((await call(server.url, 'POST', '/api/windows/3/pause', { token: r.body.token })).status, 200);
  now = shanghai('2026-03-11', '00:00') + 1000;
  const after = await call(server.url, 'POST', '/api/windows/3/resume', { token: r.body.token });
  t.is(after.status, 401);
  t.is(after.body.error.code, 'session_expired');
  // The new day starts with the next command; the session is then signed out in the log.
  t.is((await server.api.issue('social')).status, 201);
  const staff = server.services.get('staff')!.staff;
  for (let i = 0; i < 100 && staff.attendanceOf('district').current.atWindow['3']; i++) await new Promise((res) => setTimeout(res, 20));
  const log = await server.registry.store.read(streams.attendance('district'), 0);
  t.deepEqual(
    log.map((e) => [e.type, (e.data as { reason?: string }).reason ?? null]),
    [
      ['staff:signed-in', null],
      ['staff:signed-out', 'end_of_day'],
    ],
  );
});

test('the attendance report gives each person’s sign-in, sign-out, time signed in and pauses for the day', async (t) => {
  let now = shanghai('2026-03-10', '08:55');
  const server = await startStaffServer({ engine: { clock: () => now } });
  t.teardown(() => server.close());
  const a = (await signIn(server.url, { staffNumber: '1001', password: 'demo1234', window: '1' })).body.token;
  now = shanghai('2026-03-10', '09:05');
  const b = (await signIn(server.url, { staffNumber: '1002', password: 'demo1234', window: '2' })).body.token;
  now = shanghai('2026-03-10', '10:00');
  await call(server.url, 'POST', '/api/windows/1/pause', { token: a, body: { reason: '休息' } });
  now = shanghai('2026-03-10', '10:30');
  await call(server.url, 'POST', '/api/windows/1/resume', { token: a });
  now = shanghai('2026-03-10', '12:00');
  t.is((await call(server.url, 'DELETE', '/api/session', { token: a })).status, 204);
  now = shanghai('2026-03-10', '13:00');
  const a2 = (await signIn(server.url, { staffNumber: '1001', password: 'demo1234', window: '1' })).body.token;
  now = shanghai('2026-03-10', '17:00');
  await call(server.url, 'DELETE', '/api/session', { token: a2 });
  now = shanghai('2026-03-10', '17:30');

  const report = await call(server.url, 'GET', '/api/staff/attendance?from=2026-03-10&to=2026-03-10', { token: 'demo-admin' });
  t.is(report.status, 200);
  const rows = report.body.rows as any[];
  t.is(rows.length, 2);
  const [one, two] = rows;
  t.like(one, { date: '2026-03-10', staffNumber: '1001', windows: ['1'], sessions: 2, firstSignIn: shanghai('2026-03-10', '08:55'), lastSignOut: shanghai('2026-03-10', '17:00'), pauses: 1, pausedMinutes: 30 });
  // 08:55–12:00 and 13:00–17:00.
  t.is(one.signedInMinutes, 185 + 240);
  // Still signed in at 17:30: no sign-out yet, time counted to now.
  t.like(two, { staffNumber: '1002', lastSignOut: null, signedInMinutes: 8 * 60 + 25, pauses: 0 });
  // The manager reads it too; a clerk does not.
  const manager = (await signIn(server.url, { staffNumber: '8001', password: 'demo1234' })).body.token;
  t.is((await call(server.url, 'GET', '/api/staff/attendance?from=2026-03-10&to=2026-03-10', { token: manager })).status, 200);
  t.is((await call(server.url, 'GET', '/api/staff/attendance', { token: b })).status, 403);
  const csv = await fetch(server.url + '/api/staff/attendance?from=2026-03-10&to=2026-03-10&format=csv', { headers: { authorization: 'Bearer demo-admin' } }).then((r) => r.text());
  t.true(csv.includes('2026-03-10,1001,张伟,1,08:55,17:00,425,1,30'));
});

test('signing in at a window someone else holds signs them out (replaced), and the window shows the new person', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const first = (await signIn(server.url, { staffNumber: '1005', password: 'demo1234', window: '5' })).body.token;
  t.deepEqual((await call(server.url, 'GET', '/api/staff/on-duty')).body.windows['5'], { name: '陈静', staffNumber: '1005' });
  await signIn(server.url, { staffNumber: '9001', password: 'demo1234', window: '5' });
  t.deepEqual((await call(server.url, 'GET', '/api/staff/on-duty')).body.windows['5'], { name: '值班长', staffNumber: '9001' });
  t.is((await call(server.url, 'POST', '/api/windows/5/pause', { token: first })).body.error.code, 'session_ended');
});

// Signing in at a window with staff number and password: the cookie, the bearer for API clients,
// acting only at one's own window, signing out, and the person on every command in the log.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { call, signIn, startStaffServer, tokenOf } from './helpers.ts';

test('a clerk signs in at a window with the right password; a wrong one or an unknown number is 401 bad_credentials', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const ok = await signIn(server.url, { staffNumber: '1003', password: 'demo1234', window: '3' });
  t.is(ok.status, 201);
  t.is(ok.body.person.staffNumber, '1003');
  t.is(ok.body.window, '3');
  t.false('passwordHash' in ok.body.person);
  const wrong = await signIn(server.url, { staffNumber: '1003', password: 'demo12345', window: '3' });
  t.is(wrong.status, 401);
  t.is(wrong.body.error.code, 'bad_credentials');
  const unknown = await signIn(server.url, { staffNumber: '7777', password: 'demo1234' });
  t.is(unknown.status, 401);
  t.is(unknown.body.error.code, 'bad_credentials');
  const bad = await signIn(server.url, { staffNumber: '', password: 'x' });
  t.is(bad.status, 400);
});

test('the session cookie is httpOnly and SameSite=Strict, not Secure over plain http, and works in place of the bearer', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const r = await signIn(server.url, { staffNumber: '1002', password: 'demo1234', window: '2' });
  const cookie = r.setCookie!;
  t.truthy(cookie);
  const attrs = cookie.split(';').map((s) => s.trim().toLowerCase());
  t.true(attrs.includes('httponly'));
  t.true(attrs.includes('samesite=strict'));
  t.false(attrs.includes('secure'));
  await server.api.issue('business');
  const next = await call(server.url, 'POST', '/api/windows/2/next', { cookie: cookie.split(';')[0] });
  t.is(next.status, 200);
  t.is(next.body.ticket.number, 'A001');
});

test('behind a TLS proxy (X-Forwarded-Proto: https) the cookie is Secure', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const res = await fetch(server.url + '/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
    body: JSON.stringify({ staffNumber: '1001', password: 'demo1234', window: '1' }),
  });
  t.is(res.status, 201);
  t.true(res.headers.get('set-cookie')!.toLowerCase().split(';').map((s) => s.trim()).includes('secure'));
});

test('a clerk signed in at window 3 acts at window 3 and is refused at window 4 (403 wrong_window)', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const token = await tokenOf(server.url, '1003', '3');
  await server.api.issue('business');
  const at4 = await call(server.url, 'POST', '/api/windows/4/next', { token });
  t.is(at4.status, 403);
  t.is(at4.body.error.code, 'wrong_window');
  const at3 = await call(server.url, 'POST', '/api/windows/3/next', { token });
  t.is(at3.status, 200);
  // Signed in without a window, a clerk drives none.
  const nowhere = await tokenOf(server.url, '1005');
  t.is((await call(server.url, 'POST', '/api/windows/5/pause', { token: nowhere })).body.error.code, 'wrong_window');
});

test('only a clerk signs in at a window; a window the hall lacks is 404', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  t.is((await signIn(server.url, { staffNumber: '2001', password: 'demo1234', window: '3' })).body.error.code, 'wrong_role');
  t.is((await signIn(server.url, { staffNumber: '1001', password: 'demo1234', window: '99' })).status, 404);
});

test('every command made in a session is recorded with the person: staff id and number on the event actor', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const clerk = await tokenOf(server.url, '1001', '1');
  const triage = await tokenOf(server.url, '2001');
  for (const s of ['business', 'business']) t.is((await call(server.url, 'POST', '/api/tickets', { token: triage, body: { service: s } })).status, 201);
  for (const action of ['next', 'start', 'finish', 'next', 'no-show', 'pause', 'resume'])
    t.is((await call(server.url, 'POST', `/api/windows/1/${action}`, { token: clerk })).status, 200, action);
  const staffList = (await call(server.url, 'GET', '/api/staff', { token: 'demo-admin' })).body.staff as { id: string; staffNumber: string }[];
  const idOf = (n: string) => staffList.find((a) => a.staffNumber === n)!.id;
  const events = await server.registry.store.read(streams.hall(server.registry.defaultHallId), 0);
  const commanded = events.filter((e) => e.type !== 'day:started');
  t.true(commanded.length >= 9);
  for (const e of commanded) {
    const expected = e.type === 'ticket:issued' ? '2001' : '1001';
    t.is(e.actor?.staffNumber, expected, e.type);
    t.is(e.actor?.staffId, idOf(expected), e.type);
  }
});

test('signing out ends the session: the token and the cookie are refused afterwards (401 session_ended)', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const r = await signIn(server.url, { staffNumber: '1004', password: 'demo1234', window: '4' });
  const me = await call(server.url, 'GET', '/api/session', { token: r.body.token });
  t.is(me.body.person.name, r.body.person.name);
  t.is(me.body.window, '4');
  t.is((await call(server.url, 'DELETE', '/api/session', { token: r.body.token })).status, 204);
  const after = await call(server.url, 'POST', '/api/windows/4/pause', { token: r.body.token });
  t.is(after.status, 401);
  t.is(after.body.error.code, 'session_ended');
  t.is((await call(server.url, 'GET', '/api/session', { cookie: r.setCookie!.split(';')[0] })).status, 401);
});

test('a forged or tampered session token is 401', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const token = await tokenOf(server.url, '1006', '6');
  const [prefix, payload, mac] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const forged = `${prefix}.${Buffer.from(JSON.stringify({ ...claims, window: '7' })).toString('base64url')}.${mac}`;
  t.is((await call(server.url, 'POST', '/api/windows/7/pause', { token: forged })).status, 401);
});

test('disabling an account ends its sessions at once', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const r = await signIn(server.url, { staffNumber: '1008', password: 'demo1234', window: '8' });
  const id = r.body.person.id;
  t.is((await call(server.url, 'POST', `/api/staff/${id}/disable`, { token: 'demo-admin' })).status, 200);
  t.is((await call(server.url, 'POST', '/api/windows/8/pause', { token: r.body.token })).status, 401);
  t.is((await signIn(server.url, { staffNumber: '1008', password: 'demo1234', window: '8' })).body.error.code, 'account_disabled');
  await call(server.url, 'POST', `/api/staff/${id}/enable`, { token: 'demo-admin' });
  t.is((await signIn(server.url, { staffNumber: '1008', password: 'demo1234', window: '8' })).status, 201);
});

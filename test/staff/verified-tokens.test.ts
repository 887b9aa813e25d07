// The server keeps the tokens it has checked (server/staff/verified-tokens.ts), so a clerk's second
// press skips the signature check. These tests use each token first, so that it is kept, and then
// change what it stands for through the API: every change must bite at the very next request.
import test from 'ava';
import { VerifiedTokens } from '../../server/staff/verified-tokens.ts';
import { call, signIn, startStaffServer, tokenOf } from './helpers.ts';

// Asia/Shanghai is UTC+8 all year.
const shanghai = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+08:00`);

test('a session used many times is refused at the first request after the hall’s midnight (401 session_expired)', async (t) => {
  let now = shanghai('2026-03-10', '23:58');
  const server = await startStaffServer({ engine: { clock: () => now } });
  t.teardown(() => server.close());
  const token = await tokenOf(server.url, '1003', '3');
  for (const action of ['pause', 'resume', 'pause', 'resume']) t.is((await call(server.url, 'POST', `/api/windows/3/${action}`, { token })).status, 200);
  now = shanghai('2026-03-11', '00:00');
  const after = await call(server.url, 'POST', '/api/windows/3/pause', { token });
  t.is(after.status, 401);
  t.is(after.body.error.code, 'session_expired');
});

test('a session in use is refused at once when an admin disables the account, signs the person out, or sets a new password', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const cases = [
    { number: '1004', window: '4', change: (id: string) => call(server.url, 'POST', `/api/staff/${id}/disable`, { token: 'demo-admin' }), code: ['session_ended', 'account_disabled'] },
    { number: '1005', window: '5', change: (id: string) => call(server.url, 'POST', `/api/staff/${id}/sign-out`, { token: 'demo-admin' }), code: ['session_ended'] },
    { number: '1006', window: '6', change: (id: string) => call(server.url, 'POST', `/api/staff/${id}/password`, { token: 'demo-admin', body: { password: 'a-new-password-1' } }), code: ['session_ended'] },
  ];
  for (const c of cases) {
    const r = await signIn(server.url, { staffNumber: c.number, password: 'demo1234', window: c.window });
    const token = r.body.token as string;
    for (const action of ['pause', 'resume']) t.is((await call(server.url, 'POST', `/api/windows/${c.window}/${action}`, { token })).status, 200, c.number);
    t.is((await c.change(r.body.person.id)).status, 200, c.number);
    const after = await call(server.url, 'POST', `/api/windows/${c.window}/pause`, { token });
    t.is(after.status, 401, c.number);
    t.true(c.code.includes(after.body.error.code), `${c.number}: ${after.body.error.code}`);
  }
});

test('a role taken away from an account in use is refused at the next request (403), and one given is honoured at once', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const r = await signIn(server.url, { staffNumber: '2001', password: 'demo1234' });
  const token = r.body.token as string;
  const id = r.body.person.id as string;
  for (let i = 0; i < 2; i++) t.is((await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social' } })).status, 201);
  // The approver's queue of help requests is not a triage desk's.
  t.is((await call(server.url, 'PATCH', `/api/staff/${id}`, { token: 'demo-admin', body: { roles: ['manager'] } })).status, 200);
  const refused = await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social' } });
  t.is(refused.status, 403);
  t.is(refused.body.error.code, 'wrong_role');
  t.is((await call(server.url, 'PATCH', `/api/staff/${id}`, { token: 'demo-admin', body: { roles: ['triage'] } })).status, 200);
  t.is((await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social' } })).status, 201);
});

test('a token one character away from a session in use is 401: the server keeps whole tokens, not people', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const token = await tokenOf(server.url, '1007', '7');
  t.is((await call(server.url, 'POST', '/api/windows/7/pause', { token })).status, 200);
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  const tampered = token.slice(0, -1) + last;
  t.is((await call(server.url, 'POST', '/api/windows/7/resume', { token: tampered })).status, 401);
  t.is((await call(server.url, 'POST', '/api/windows/7/resume', { token })).status, 200);
});

test('a device token in use is refused once revoked, and a made-up device token never works', async (t) => {
  const server = await startStaffServer();
  t.teardown(() => server.close());
  const made = await call(server.url, 'POST', '/api/devices', { token: 'demo-admin', body: { name: 'desk-2', role: 'triage' } });
  const token = made.body.token as string;
  for (let i = 0; i < 3; i++) t.is((await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social' } })).status, 201);
  t.is((await call(server.url, 'POST', `/api/devices/${made.body.device.id}/revoke`, { token: 'demo-admin' })).status, 200);
  t.is((await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social' } })).status, 401);
  const madeUp = 'owd_' + 'x'.repeat(43);
  for (let i = 0; i < 2; i++) t.is((await call(server.url, 'POST', '/api/tickets', { token: madeUp, body: { service: 'social' } })).status, 401);
});

test('the memo checks a kept token once, checks a refused one every time, and keeps at most its bound, dropping the oldest', (t) => {
  const checks: string[] = [];
  const memo = new VerifiedTokens((token: string) => (checks.push(token), token.startsWith('good') ? { token } : undefined), 3);
  for (const token of ['good1', 'good1', 'bad', 'bad', 'good2', 'good3', 'good1']) memo.read(token);
  t.deepEqual(checks, ['good1', 'bad', 'bad', 'good2', 'good3']);
  t.is(memo.size, 3);
  // A fourth pushes out the oldest (good1), which is checked again when it comes back.
  memo.read('good4');
  memo.read('good2');
  memo.read('good1');
  t.deepEqual(checks.slice(5), ['good4', 'good1']);
  t.is(memo.size, 3);
  // A kept value is handed out as one frozen object; a refused token has none.
  t.is(memo.read('good3'), memo.read('good3'));
  t.true(Object.isFrozen(memo.read('good3')));
  t.is(memo.read('bad'), undefined);
});

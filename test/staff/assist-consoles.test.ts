// Signed-in people on the assist consoles: a clerk's staff session (cookie) opens the private
// consoles namespace for its window, and an approver's session token takes and answers a request
// under the approver's own name — no hall-file token involved.
import test from 'ava';
import { io } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type AssistLiveEvent } from '../../server/assist/contract.ts';
import { staffPlugin } from '../../server/staff/plugin.ts';
import { serviceFeatures } from '../helpers/features.ts';
import { startTestServer } from '../helpers/server.ts';
import { call, signIn } from './helpers.ts';

test('a clerk signed in with 工号 hears its window’s request answered by an approver signed in with 工号', async (t) => {
  const server = await startTestServer({ plugins: [staffPlugin(), ...serviceFeatures()] });
  t.teardown(() => server.close());
  const clerk = await signIn(server.url, { staffNumber: '1001', password: 'demo1234', window: '1' });
  const approver = await signIn(server.url, { staffNumber: '3001', password: 'demo1234' }, '10.0.0.2');
  t.is(clerk.status, 201);
  t.is(approver.status, 201);

  // The console's socket carries only the session cookie, as a browser page would.
  const socket = io(server.url + CONSOLE_NAMESPACE, { transports: ['websocket'], extraHeaders: { cookie: clerk.setCookie!.split(';')[0]! } });
  t.teardown(() => socket.close());
  const snapshot = await new Promise<{ you: { role: string; name: string } }>((resolve, reject) => {
    socket.on('assist:snapshot', resolve);
    socket.on('connect_error', reject);
  });
  t.is(snapshot.you.role, 'clerk');
  const answered = new Promise<AssistLiveEvent>((resolve) => socket.on('assist:answered', resolve));

  t.is((await call(server.url, 'POST', '/api/tickets', { token: 'demo-triage', body: { service: 'business' } })).status, 201);
  t.is((await call(server.url, 'POST', '/api/windows/1/next', { token: clerk.body.token })).status, 200);
  const asked = await call(server.url, 'POST', '/api/windows/1/assist', { token: clerk.body.token, body: { question: '需要法人到场吗？' } });
  t.is(asked.status, 201, JSON.stringify(asked.body));
  t.is((await call(server.url, 'POST', `/api/assist/${asked.body.id}/accept`, { token: approver.body.token })).status, 200);
  const done = await call(server.url, 'POST', `/api/assist/${asked.body.id}/answer`, { token: approver.body.token, body: { answer: '可以委托办理' } });
  t.is(done.status, 200, JSON.stringify(done.body));

  const event = await answered;
  t.is(event.request.answer, '可以委托办理');
  t.true(event.request.acceptedBy!.includes('吴刚'), event.request.acceptedBy);
  t.true(event.request.askedBy.includes(clerk.body.person.name), event.request.askedBy);
});

test('an unknown or missing credential is refused at the consoles handshake', async (t) => {
  const server = await startTestServer({ plugins: [staffPlugin(), ...serviceFeatures()] });
  t.teardown(() => server.close());
  for (const opts of [{}, { extraHeaders: { cookie: 'ow_session=s1.forged' } }, { auth: { token: 'nope' } }]) {
    const socket = io(server.url + CONSOLE_NAMESPACE, { transports: ['websocket'], reconnection: false, ...opts });
    const err = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    socket.close();
    t.is(err.message, 'unauthorized');
  }
});

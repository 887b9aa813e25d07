// One-key assist end to end on a real server with real socket.io clients: the clerk asks for the
// visitor at the counter, the approvers of that service get it live (and no one else does), one
// accepts, they talk, the approver answers, and the times are recorded for the metrics.
import test from 'ava';
import { LiveClient } from '../helpers/live-client.ts';
import { MONDAY, at, startClockedServer } from '../appointments/helpers.ts';
import { ConsoleClient } from './console-client.ts';
import { streams } from '../../server/store/streams.ts';

const COMPANY = '示范科技有限公司';

test('assist: request, accept, messages and answer reach the right consoles, and the times are recorded', async (t) => {
  const server = await startClockedServer(at(MONDAY, '10:00'));
  t.teardown(() => server.close());
  const consoles: ConsoleClient[] = [];
  const open = (token: string | undefined) => {
    const c = new ConsoleClient(server.url, token);
    consoles.push(c);
    return c;
  };
  t.teardown(() => consoles.forEach((c) => c.close()));
  const clerk3 = open('demo-clerk-3');
  const clerk1 = open('demo-clerk-1');
  const approver = open('demo-approver'); // every service
  const estateApprover = open('demo-approver-estate'); // real estate only
  const admin = open('demo-admin');
  await Promise.all([clerk3, clerk1, approver, estateApprover, admin].map((c) => c.ready));
  const wall = new LiveClient(server.url);
  t.teardown(() => wall.close());
  await wall.waitFor((r) => r.name === 'snapshot');

  // Public screens and displays cannot join the consoles.
  t.is(await open(undefined).refused(), 'unauthorized');
  t.is(await open('demo-display').refused(), 'unauthorized');
  t.is(await open('demo-kiosk').refused(), 'unauthorized');

  // A social-security visitor from a company is at window 3.
  await server.api.post('/api/tickets', { service: 'social', visitor: { name: '孙八', phone: '13300000000', company: COMPANY } }, 'demo-triage');
  t.is((await server.api.window('3', 'next')).status, 200);

  const asked = at(MONDAY, '10:05');
  server.clock.now = asked;
  t.is((await server.api.post('/api/windows/3/assist', { question: '退休人员异地转入怎么办？' }, 'demo-clerk-1')).status, 403);
  const ask = await server.api.post('/api/windows/3/assist', { question: '退休人员异地转入怎么办？' }, 'demo-clerk-3');
  t.is(ask.status, 201, JSON.stringify(ask.body));
  const id = ask.body.id;
  t.like(ask.body, { status: 'open', serviceId: 'social', windowId: '3', askedAt: asked, company: COMPANY });
  // One pending request per window.
  t.is((await server.api.post('/api/windows/3/assist', { question: '再问一次' }, 'demo-clerk-3')).body.error.code, 'assist_pending');

  const requested = await approver.waitFor((g) => g.name === 'assist:requested');
  t.like(requested.payload.request, { id, question: '退休人员异地转入怎么办？', company: COMPANY, ticketNumber: 'B001', askedBy: '3号窗口综窗人员' });
  await clerk3.waitFor((g) => g.name === 'assist:requested');
  await admin.waitFor((g) => g.name === 'assist:requested');

  // The estate approver may not take a social-security request.
  t.is((await server.api.post(`/api/assist/${id}/accept`, {}, 'demo-approver-estate')).body.error.code, 'service_not_covered');
  server.clock.now = asked + 60_000;
  const accept = await server.api.post(`/api/assist/${id}/accept`, {}, 'demo-approver');
  t.is(accept.status, 200);
  t.is((await server.api.post(`/api/assist/${id}/accept`, {}, 'demo-admin')).body.error.code, 'assist_taken');
  t.is((await clerk3.waitFor((g) => g.name === 'assist:accepted')).payload.request.acceptedBy, '后台审批');

  server.clock.now = asked + 90_000;
  t.is((await server.api.post(`/api/assist/${id}/messages`, { text: '原参保地是上海，已开转移凭证' }, 'demo-clerk-3')).status, 201);
  const toApprover = await approver.waitFor((g) => g.name === 'assist:message');
  t.deepEqual(toApprover.payload.request.messages.map((m: { from: string; text: string }) => [m.from, m.text]), [['clerk', '原参保地是上海，已开转移凭证']]);
  server.clock.now = asked + 120_000;
  await server.api.post(`/api/assist/${id}/messages`, { text: '有转移凭证即可受理' }, 'demo-approver');
  const toClerk = await clerk3.waitFor((g) => g.name === 'assist:message' && g.payload.request.messages.length === 2);
  t.is(toClerk.payload.request.messages[1].by, '后台审批');
  // Only the approver who took it talks on it.
  t.is((await server.api.post(`/api/assist/${id}/messages`, { text: '我也来' }, 'demo-approver-estate')).status, 403);

  server.clock.now = asked + 4 * 60_000;
  const answer = await server.api.post(`/api/assist/${id}/answer`, { answer: '凭转移凭证和身份证直接受理转入，无需回原地。' }, 'demo-approver');
  t.is(answer.status, 200);
  const answered = await clerk3.waitFor((g) => g.name === 'assist:answered');
  t.like(answered.payload.request, {
    status: 'answered',
    askedBy: '3号窗口综窗人员',
    acceptedBy: '后台审批',
    askedAt: asked,
    acceptedAt: asked + 60_000,
    answeredAt: asked + 4 * 60_000,
    answer: '凭转移凭证和身份证直接受理转入，无需回原地。',
  });
  await approver.waitFor((g) => g.name === 'assist:answered');
  await admin.waitFor((g) => g.name === 'assist:answered');

  // Now an estate request from window 1: the first (and only) thing the estate approver and the
  // window-1 clerk hear. Socket.io keeps order per connection, so had window 3's request reached
  // them, it would have come before this one.
  await server.api.post('/api/tickets', { service: 'estate' }, 'demo-triage');
  t.is((await server.api.window('1', 'next')).status, 200);
  const second = (await server.api.post('/api/windows/1/assist', { question: '共有人未到场能否办理？' }, 'demo-clerk-1')).body;
  await estateApprover.waitFor((g) => g.name === 'assist:requested');
  await clerk1.waitFor((g) => g.name === 'assist:requested');
  await approver.waitFor((g) => g.name === 'assist:requested' && g.payload.request.id === second.id);
  t.deepEqual(estateApprover.assistEvents(), [{ name: 'assist:requested', id: second.id, window: '1' }]);
  t.deepEqual(clerk1.assistEvents(), [{ name: 'assist:requested', id: second.id, window: '1' }]);
  // The window-3 clerk heard only its own request: no message of the other conversation either.
  t.true(clerk3.assistEvents().every((e) => e.id === id));

  // The public wall got none of it and never the company: a ticket issued now arrives after
  // anything sent to it before.
  const marker = await server.api.post('/api/tickets', { service: 'tax' }, 'demo-triage');
  await wall.waitFor((r) => r.name === 'ticket:issued' && r.payload.ticket.id === marker.body.id);
  t.false(wall.received.some((r) => r.name.startsWith('assist:')));
  t.false(JSON.stringify(wall.received).includes(COMPANY));

  // A late console gets what is still open in its snapshot.
  const lateEstate = open('demo-approver-estate');
  const snap = await lateEstate.waitFor((g) => g.name === 'assist:snapshot');
  t.deepEqual(snap.payload.requests.map((r: { id: string }) => r.id), [second.id]);

  // The figures: one answered in 4 minutes (within the 5-minute aim), one open.
  const stats = await server.api.get(`/api/assist/stats?from=${MONDAY}`, 'demo-admin');
  t.like(stats.body, { asked: 2, accepted: 1, answered: 1, open: 1, withinAim: 1 });
  t.is(stats.body.timeToAnswer.medianMs, 4 * 60_000);
  t.is(stats.body.timeToAccept.medianMs, 60_000);
  t.is(stats.body.byService.social.answered, 1);
  t.is((await server.api.get('/api/assist/stats')).status, 401);

  // The record in the event log: who asked, who answered, the company, the service, the times.
  const log = await server.registry.store.read(streams.assist('district'), 0);
  const types = log.map((e) => `${e.type}:${e.actor?.name}`);
  t.deepEqual(types.slice(0, 5), ['assist:requested:3号窗口综窗人员', 'assist:accepted:后台审批', 'assist:message:3号窗口综窗人员', 'assist:message:后台审批', 'assist:answered:后台审批']);
  const firstEvent = log[0]!;
  t.is(firstEvent.type === 'assist:requested' ? firstEvent.data.request.company : undefined, COMPANY);
});

test('assist needs a visitor at the counter and a clerk of that window', async (t) => {
  const server = await startClockedServer(at(MONDAY, '10:00'));
  t.teardown(() => server.close());
  const none = await server.api.post('/api/windows/2/assist', { question: '?' }, 'demo-clerk-2');
  t.is(none.status, 409);
  t.is(none.body.error.code, 'no_current_ticket');
  t.is((await server.api.post('/api/windows/2/assist', { question: '' }, 'demo-clerk-2')).status, 400);
  t.is((await server.api.post('/api/windows/99/assist', { question: 'x' }, 'demo-admin')).status, 404);
  t.is((await server.api.post('/api/windows/2/assist', { question: 'x' })).status, 401);
  // The core window actions still work next to these routes.
  t.is((await server.api.window('2', 'pause')).status, 200);
});

// The rules that keep the counts honest, over HTTP on a real server with a clock the test sets:
// a quick second press of next finishes nobody, the appointment lane comes only from a check-in,
// and a clerk cancels or reactivates only tickets of its own windows' services or at its window.
import test from 'ava';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const NINE = Date.parse('2026-11-27T09:00:00+08:00');

async function hall(t: import('ava').ExecutionContext): Promise<{ server: TestServer; clock: { now: number } }> {
  const clock = { now: NINE };
  const server = await startTestServer({ engine: { clock: () => clock.now } });
  t.teardown(() => server.close());
  return { server, clock };
}

const statusOf = async (server: TestServer, id: string) => (await server.api.get(`/api/tickets/${id}`)).body.status as string;

test('next pressed again within 5 s answers 409 just_called: the called visitor is not finished, nobody else is called', async (t) => {
  const { server, clock } = await hall(t);
  const a = (await server.api.issue('business')).body;
  clock.now += 1_000;
  const b = (await server.api.issue('business')).body;
  clock.now += 60_000;
  const first = await server.api.window('6', 'next');
  t.is(first.status, 200);
  t.is(first.body.ticket.number, a.number);

  clock.now += 2_000;
  const again = await server.api.window('6', 'next');
  t.is(again.status, 409);
  t.is(again.body.error.code, 'just_called');
  t.is(await statusOf(server, a.id), 'called');
  t.is(await statusOf(server, b.id), 'waiting');

  clock.now += 3_000; // 5 s after the call: next finishes A and calls B
  const later = await server.api.window('6', 'next');
  t.is(later.status, 200);
  t.is(later.body.ticket.number, b.number);
  t.is(await statusOf(server, a.id), 'done');
});

test('the appointment lane cannot be issued directly, by any token: 403 lane_not_allowed and no ticket', async (t) => {
  const { server } = await hall(t);
  for (const token of ['demo-triage', 'demo-kiosk', 'demo-admin']) {
    const res = await server.api.issue('business', 'appointment', token);
    t.is(res.status, 403, token);
    t.is(res.body.error.code, 'lane_not_allowed', token);
  }
  const state = (await server.api.get('/api/state')).body;
  t.is(state.counts?.waiting ?? 0, 0);
  t.is((await server.api.issue('business', 'normal')).body.number, 'A001', 'no number was used up');
});

test('a clerk cancels only tickets its windows take, never the visitor at another window', async (t) => {
  const { server } = await hall(t);
  const cancel = (id: string, token: string) => server.api.post(`/api/tickets/${id}/cancel`, {}, token);
  const waiting = (await server.api.issue('business')).body;
  // Window 8 only hands out finished documents (pickup): business is not its service.
  const refused = await cancel(waiting.id, 'demo-clerk-8');
  t.is(refused.status, 403);
  t.is(refused.body.error.code, 'wrong_window');
  t.is(await statusOf(server, waiting.id), 'waiting');
  t.is((await cancel(waiting.id, 'demo-clerk-1')).status, 200);
  t.is(await statusOf(server, waiting.id), 'cancelled');

  const served = (await server.api.issue('business')).body;
  t.is((await server.api.window('3', 'next')).body.ticket.id, served.id);
  // Window 1 takes business too, but the visitor stands at window 3.
  const other = await cancel(served.id, 'demo-clerk-1');
  t.is(other.status, 403);
  t.is(other.body.error.code, 'wrong_window');
  t.is(await statusOf(server, served.id), 'called');
  t.is((await cancel(served.id, 'demo-clerk-3')).status, 200);
  t.is(await statusOf(server, served.id), 'cancelled');
  const desk = (await server.api.issue('business')).body;
  t.is((await cancel(desk.id, 'demo-triage')).status, 200, 'the triage desk may cancel any ticket');
});

test('a clerk reactivates only no-shows of its windows’ services or missed at its window', async (t) => {
  const { server } = await hall(t);
  const reactivate = (id: string, token: string) => server.api.post(`/api/tickets/${id}/reactivate`, {}, token);
  const social = (await server.api.issue('social')).body;
  t.is((await server.api.window('3', 'next')).body.ticket.id, social.id);
  t.is((await server.api.window('3', 'no-show')).status, 200);
  // Window 1 takes business, tax and estate; the no-show is social and was missed at window 3.
  const refused = await reactivate(social.id, 'demo-clerk-1');
  t.is(refused.status, 403);
  t.is(refused.body.error.code, 'wrong_window');
  t.is(await statusOf(server, social.id), 'no_show');
  t.is((await reactivate(social.id, 'demo-clerk-4')).status, 200, 'window 4 takes social');
  t.is(await statusOf(server, social.id), 'waiting');
});

// People ahead over HTTP: the issue response, a ticket's public status, the queue and the hall snapshot tell
// the same number, and it is the number of tickets the clerk then calls first.
import test from 'ava';
import { startTestServer } from '../helpers/server.ts';

test('issue response, GET /api/tickets/:id, the queue and the snapshot agree, and the clerk calls that many first', async (t) => {
  const server = await startTestServer();
  t.teardown(() => server.close());
  const { api } = server;
  // Window 3 (social, medical, business) is the only open window for these services.
  for (const w of ['1', '2', '4', '5', '6', '7']) t.is((await api.window(w, 'close')).status, 200);

  const issued = [];
  for (const [service, lane] of [
    ['business', 'normal'],
    ['social', 'normal'],
    ['social', 'elderly'],
    ['medical', 'normal'],
    ['social', 'elderly'],
    ['business', 'green'],
    ['medical', 'elderly'],
  ]) {
    const res = await api.issue(service!, lane);
    t.is(res.status, 201);
    issued.push(res.body);
  }

  const status = new Map<string, number>();
  for (const ticket of issued) status.set(ticket.id, (await api.get(`/api/tickets/${ticket.id}`)).body.ahead);
  type Listed = { id: string; ahead: number };
  const queue: Listed[] = (await api.get('/api/queue?service=business,social,medical')).body.tickets;
  t.deepEqual(new Map(queue.map((q) => [q.id, q.ahead])), status, 'the queue tells each ticket what its status page tells');
  const next: Record<string, Listed[]> = (await api.get('/api/state')).body.next;
  const order = issued.map((x: { id: string }) => x.id);
  const byIssue = (q: Listed) => order.indexOf(q.id);
  const nextFew = Object.values(next).flat().sort((a, b) => byIssue(a) - byIssue(b));
  t.deepEqual(new Map(nextFew.map((q) => [q.id, q.ahead])), status, 'so do the snapshot’s next few (at most 3 per service here)');
  // Nobody arrived after the last ticket: what it was told at issue still holds.
  t.is(issued.at(-1).ahead, status.get(issued.at(-1).id));

  const calls: string[] = [];
  for (;;) {
    const res = await api.window('3', 'next');
    if (res.status === 204) break;
    t.is(res.status, 200);
    calls.push(res.body.ticket.id);
    // The visitor comes to the window: the next press finishes them (a press right after a call is refused).
    t.is((await api.window('3', 'start')).status, 200);
  }
  t.is(calls.length, issued.length);
  for (const ticket of issued) t.is(status.get(ticket.id), calls.indexOf(ticket.id), `${ticket.number} ${ticket.lane}`);
});

// Twenty clerks pressing "next" at once on a real server while tickets keep coming:
// every ticket is called exactly once, and each call is the one the lane policy picks.
import test from 'ava';
import type { DomainEvent, StoredEvent } from '../../server/domain/events.ts';
import { evolve, initialState } from '../../server/domain/evolve.ts';
import { pickNext } from '../../server/domain/lane-policy.ts';
import { startTestServer } from '../helpers/server.ts';
import { demoDeployment, demoHall, withoutNextGuard } from '../helpers/demo.ts';
import { streams } from '../../server/store/streams.ts';

// The appointment lane comes only from checking in a booking, not from POST /api/tickets.
const LANES = ['normal', 'elderly', 'green'] as const;

test('20 concurrent clerks: every ticket called exactly once, in policy order', async (t) => {
  // Presses as fast as the machine goes: the human-speed next guard is off.
  const server = await startTestServer({ deployment: withoutNextGuard(demoDeployment) });
  t.teardown(() => server.close());
  const services = demoHall.services.map((s) => s.id);
  const issueOne = async (i: number) => {
    const res = await server.api.issue(services[i % services.length]!, LANES[(i * 7) % LANES.length]);
    t.is(res.status, 201);
    return res.body.id as string;
  };

  const issued: string[] = [];
  for (let i = 0; i < 120; i++) issued.push(await issueOne(i));

  let issuing = true;
  const lateIssues = (async () => {
    for (let i = 120; i < 180; i++) issued.push(await issueOne(i));
    issuing = false;
  })();

  const windowIds = demoHall.windows.map((w) => w.id);
  const clerks = Array.from({ length: 20 }, (_, i) => windowIds[i % windowIds.length]!);
  const calledBy: Record<string, string[]> = {};
  await Promise.all(
    clerks.map(async (windowId) => {
      for (let presses = 0; presses < 500; presses++) {
        const res = await server.api.window(windowId, 'next');
        if (res.status === 204) {
          if (!issuing) return;
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        t.is(res.status, 200, JSON.stringify(res.body));
        (calledBy[res.body.ticket.id] ??= []).push(windowId);
      }
    }),
  );
  await lateIssues;
  // Tickets issued after a window's last press may still wait for it: drain with one clerk each.
  for (const windowId of windowIds) {
    while ((await server.api.window(windowId, 'next')).status === 200);
  }

  const log = await server.registry.store.read(streams.hall(demoHall.id), 0);
  const calls = log.filter((e): e is Extract<StoredEvent, { type: 'ticket:called' }> => e.type === 'ticket:called');
  const perTicket = new Map<string, number>();
  for (const c of calls) perTicket.set(c.data.ticketId, (perTicket.get(c.data.ticketId) ?? 0) + 1);
  t.is(issued.length, 180);
  t.deepEqual(
    issued.filter((id) => perTicket.get(id) !== 1),
    [],
    'every issued ticket is called exactly once',
  );
  t.is(calls.length, 180);
  for (const [id, windows] of Object.entries(calledBy)) t.is(windows.length, 1, `ticket ${id} answered to one clerk`);

  // Replay the log: each call must be the ticket the policy picks in the state just before it.
  let state = initialState(demoHall.id);
  let offPolicy = 0;
  for (const e of log) {
    if (e.type === 'ticket:called') {
      const expected = pickNext(state, demoHall, e.data.windowId, e.at);
      if (expected?.id !== e.data.ticketId) offPolicy++;
    }
    state = evolve(state, e as DomainEvent & { seq: number });
  }
  t.is(offPolicy, 0);
});

// Two server processes on one Redis behave as one hall: 50 clerks split across the nodes press
// next while tickets are issued on both; displays on one node see the other node's calls and can
// resume on the other node by their last event id. Run on one Redis (two-nodes.test.ts) and on a
// Redis Cluster (two-nodes-redis-cluster.test.ts): `start` gives the two nodes on either.
import test from 'ava';
import { LiveClient } from '../helpers/live-client.ts';
import { converged, hallState, issue, pressFinish, pressNext, sleep, waitUntil, type Deployment } from './cluster.ts';

export function twoNodeSuite(start: () => Promise<Deployment>): void {
  // Filled in by the before hook; the tests read it when they run.
  const cluster = {} as Deployment;
  test.before(async () => {
    Object.assign(cluster, await start());
  });
  test.after.always(async () => cluster.close?.());
  busyHallTest(cluster);
  liveAcrossNodesTests(cluster);
}

// Windows 1-7 take these; 8 takes pickup only, 9 complaints only.
const SERVICES = ['business', 'social', 'estate', 'tax', 'medical', 'pickup', 'complaints'];

function busyHallTest(cluster: Deployment): void {
  test.serial('50 clerks on two nodes, tickets issued on both: no double call, no lost ticket, every ticket served once', async (t) => {
    const [a, b] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const display = new LiveClient(b.url); // the wall display hangs off node B
    t.teardown(() => display.close());
    await display.waitFor((r) => r.name === 'snapshot');

    const perNode = 90;
    const issued = new Map<string, { number: string; node: string }>();
    const failures: string[] = [];
    let issuing = true;

    const issuer = async (node: typeof a, name: string) => {
      for (let i = 0; i < perNode; i++) {
        const res = await issue(node.url, SERVICES[i % SERVICES.length]!, { lane: i % 5 === 0 ? 'elderly' : 'normal' });
        if (res.status !== 201) failures.push(`issue on ${name}: ${res.status} ${JSON.stringify(res.body)}`);
        else issued.set(res.body.id, { number: `${res.body.service}:${res.body.number}`, node: name });
      }
    };

    const calls: { ticketId: string; window: string; node: string }[] = [];
    const clerk = async (i: number) => {
      const window = String((i % 9) + 1);
      const [node, name] = i % 2 === 0 ? [a, 'A'] : [b, 'B'];
      // Bounded by count, not time: stop after two empty answers once issuing is over.
      let emptyAfterIssuing = 0;
      for (let press = 0; press < 2000 && emptyAfterIssuing < 2; press++) {
        const stillIssuing = issuing;
        const res = await pressNext(node.url, window);
        if (res.status === 200) calls.push({ ticketId: res.body.ticket.id, window, node: name });
        else if (res.status === 204) {
          if (!stillIssuing) emptyAfterIssuing++;
          await sleep(20);
        } else failures.push(`next on ${name} window ${window}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    };

    const issuers = Promise.all([issuer(a, 'A'), issuer(b, 'B')]).finally(() => (issuing = false));
    await Promise.all([issuers, ...Array.from({ length: 50 }, (_, i) => clerk(i))]);

    t.deepEqual(failures, []);
    t.is(issued.size, 2 * perNode);
    t.is(new Set([...issued.values()].map((x) => x.number)).size, issued.size, 'no number issued twice');

    const calledIds = calls.map((c) => c.ticketId);
    t.is(new Set(calledIds).size, calledIds.length, 'no ticket called twice');
    t.deepEqual([...calledIds].sort(), [...issued.keys()].sort(), 'every issued ticket called, nothing else');
    t.true(calls.some((c) => c.node === 'A') && calls.some((c) => c.node === 'B'), 'both nodes called tickets');

    // Each window's last ticket is finished by its clerk: then every ticket has been served once.
    for (let w = 1; w <= 9; w++) {
      const res = await pressFinish(w % 2 ? a.url : b.url, String(w));
      t.true(res.status === 200 || res.body?.error?.code === 'no_current_ticket', `finish window ${w}: ${res.status}`);
    }
    const lastId = await converged(cluster.nodes);
    for (const node of cluster.nodes) {
      const state = await hallState(node.url);
      t.is(state.counts.issued, issued.size);
      t.is(state.counts.done, issued.size, 'every ticket done');
      t.is(state.counts.waiting, 0);
    }

    // The display on B saw every call, those made on node A included, in event order, once each.
    await display.waitFor((r) => r.payload?.eventId === lastId, 15_000);
    const seen = display.received.filter((r) => r.name === 'ticket:called').map((r) => r.payload.ticket.id as string);
    t.deepEqual([...seen].sort(), [...calledIds].sort());
    t.is(seen.length, calledIds.length);
    const ids = display.received.filter((r) => r.name !== 'snapshot').map((r) => r.payload.eventId as number);
    t.deepEqual(ids, [...ids].sort((x, y) => x - y), 'events arrive in log order');
    t.is(new Set(ids).size, ids.length, 'no event delivered twice');
    t.true(calls.filter((c) => c.node === 'A').every((c) => seen.includes(c.ticketId)));
  });
}

function liveAcrossNodesTests(cluster: Deployment): void {
  test.serial('a call made on node A reaches a socket.io client on node B', async (t) => {
    const [a, b] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const onB = new LiveClient(b.url);
    t.teardown(() => onB.close());
    await onB.waitFor((r) => r.name === 'snapshot');
    const ticket = await issue(a.url, 'tax');
    t.is(ticket.status, 201);
    const call = await pressNext(a.url, '4');
    t.is(call.status, 200);
    t.is(call.body.ticket.id, ticket.body.id);
    const seen = await onB.waitFor((r) => r.name === 'ticket:called' && r.payload.ticket.id === ticket.body.id, 10_000);
    t.is(seen.payload.ticket.number, ticket.body.number);
    t.is(seen.payload.window.id, '4');
  });

  test.serial('a display that drops off node A resumes on node B from its last event id', async (t) => {
    const [a, b] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const first = new LiveClient(a.url);
    await first.waitFor((r) => r.name === 'snapshot');
    const before = await issue(a.url, 'social');
    await first.waitFor((r) => r.name === 'ticket:issued' && r.payload.ticket.id === before.body.id);
    const lastEventId = first.lastEventId() ?? (first.received[0]!.payload.eventId as number);
    first.close();

    // While it is away, both nodes issue and call.
    const missedIssue = await issue(a.url, 'medical');
    const missedIssueB = await issue(b.url, 'business');
    const missedCall = await pressNext(b.url, '3');
    t.is(missedCall.status, 200);
    const current = await converged(cluster.nodes);
    t.true(current >= lastEventId + 3);

    const second = new LiveClient(b.url, { lastEventId });
    t.teardown(() => second.close());
    await second.waitFor((r) => r.payload?.eventId === current);
    t.false(second.received.some((r) => r.name === 'snapshot'), 'resumed, not restarted from a snapshot');
    const ids = second.received.map((r) => r.payload.eventId as number);
    t.deepEqual(ids, Array.from({ length: current - lastEventId }, (_, i) => lastEventId + 1 + i), 'exactly the missed events');
    const issuedIds = second.received.filter((r) => r.name === 'ticket:issued').map((r) => r.payload.ticket.id);
    t.true(issuedIds.includes(missedIssue.body.id) && issuedIds.includes(missedIssueB.body.id));
    t.true(second.received.some((r) => r.name === 'ticket:called' && r.payload.ticket.id === missedCall.body.ticket.id));
  });

  test.serial('numbers stay unique when both nodes issue the same service at once', async (t) => {
    const [a, b] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => issue(i % 2 ? a.url : b.url, 'estate')));
    t.true(results.every((r) => r.status === 201));
    const numbers = results.map((r) => r.body.number as string);
    t.is(new Set(numbers).size, numbers.length);
    // Consecutive: nothing skipped either.
    const n = numbers.map((x) => Number(x.slice(1))).sort((x, y) => x - y);
    t.deepEqual(n, Array.from({ length: n.length }, (_, i) => n[0]! + i));
    await waitUntil(async () => (await hallState(a.url)).eventId === (await hallState(b.url)).eventId, 'convergence');
  });
}

// The public snapshot is bounded: with 20,000 tickets waiting in the bench's hall (26 services: a
// service has 999 numbers a day; every window busy), GET /api/state and the snapshot a display gets
// on connect stay within 50 KB and still tell the waiting counts and the next few of every service
// right; and in a hall of 200 windows its size depends on the hall, not on the queue.
// In the issue's hall of 20 services and 200 windows, as full as its numbers go (20 × 999 issued), the
// same holds, with today's counts, each window's counts and the recent calls equal to the test's own
// tally of the commands it ran (windows carry only their live state; names come from GET /api/hall).
// Days are built by the real decide/evolve (the Scenario helper); the served ones are written to a
// real SQLite file and served by a real server. The oracle is the test's own issued-minus-called lists.
import test, { type ExecutionContext } from 'ava';
import type { DeploymentConfig } from '../../server/config/schema.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configuredServiceTimes, forecast } from '../../server/domain/forecast.ts';
import { hallSnapshot } from '../../server/domain/public-view.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { streams } from '../../server/store/streams.ts';
import { bigHallDeployment } from '../helpers/big-hall.ts';
import { NINE_AM, Scenario } from '../helpers/decider.ts';
import { LiveClient } from '../helpers/live-client.ts';
import { startTestServer } from '../helpers/server.ts';

const LIMIT_BYTES = 50 * 1024;
const NEXT_FEW = 5;
const bytes = (x: unknown) => Buffer.byteLength(typeof x === 'string' ? x : JSON.stringify(x));

/** A day with `waiting` tickets left after every window called one; numbers in issue order per service. */
function busyDay(windows: number, waiting: number) {
  const deployment = bigHallDeployment(windows);
  const hall = deployment.halls[0]!;
  const scenario = new Scenario(hall, NINE_AM);
  const issued = new Map<string, string[]>(hall.services.map((s) => [s.id, []]));
  for (let i = 0; i < waiting + windows; i++) {
    scenario.advance(1000);
    const service = hall.services[i % hall.services.length]!.id;
    const { ticket } = scenario.decided({ type: 'issue', serviceId: service, lane: i % 7 === 0 ? 'elderly' : 'normal' }).result;
    issued.get(service)!.push(ticket.number);
  }
  const called = new Set(hall.windows.map((w) => scenario.next(w.id)!));
  return { deployment, hall, scenario, issued, called };
}

test('with 20,000 waiting, /api/state and the live snapshot stay within 50 KB and tell counts and the next few right', async (t) => {
  const day = busyDay(9, 20_000);
  t.is(day.called.size, 9, 'every window serves someone');
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-bounded-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const store = new SqliteEventStore(join(dataDir, 'onewindow.sqlite'));
  await store.append(streams.hall(day.hall.id), 0, day.scenario.log.map(({ seq: _seq, ...e }) => e));
  await store.close();

  const server = await startTestServer({ deployment: day.deployment, dataDir, engine: { clock: () => day.scenario.now + 60_000 } });
  t.teardown(() => server.close());
  const res = await fetch(`${server.url}/api/state`);
  const text = await res.text();
  t.is(res.status, 200);
  t.true(bytes(text) <= LIMIT_BYTES, `GET /api/state is ${bytes(text)} bytes`);

  const live = new LiveClient(server.url);
  t.teardown(() => live.close());
  const snap = (await live.waitFor((r) => r.name === 'snapshot', 30_000)).payload;
  t.true(bytes(snap) <= LIMIT_BYTES, `the live snapshot is ${bytes(snap)} bytes`);

  for (const body of [JSON.parse(text), snap]) {
    t.is(body.counts.waiting, 20_000);
    t.is(body.windows.filter((w: { current?: unknown }) => w.current).length, 9);
    for (const [service, numbers] of day.issued) {
      const stillWaiting = numbers.filter((n) => !day.called.has(n));
      t.is(body.waiting[service], stillWaiting.length, service);
      // Arrival order is issue order here (no transfers, no reactivations).
      t.deepEqual(body.next[service].map((x: { number: string }) => x.number), stillWaiting.slice(0, NEXT_FEW), service);
    }
  }
});

/** Serves a built day from a real SQLite file on a real server; the clock a minute after its last command. */
async function served(t: ExecutionContext, deployment: DeploymentConfig, scenario: Scenario) {
  const hall = deployment.halls[0]!;
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-bounded-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const store = new SqliteEventStore(join(dataDir, 'onewindow.sqlite'));
  await store.append(streams.hall(hall.id), 0, scenario.log.map(({ seq: _seq, ...e }) => e));
  await store.close();
  const server = await startTestServer({ deployment, dataDir, engine: { clock: () => scenario.now + 60_000 } });
  t.teardown(() => server.close());
  return server;
}

type Call = { number: string; windowId: string; recalls: number };

/**
 * The issue's hall full for the day, with calls, finishes, no-shows and recalls; the test keeps its
 * own tally of each: counts, per-window counts and the calls in the order it made them.
 */
function fullDayOfTheIssuesHall() {
  const deployment = bigHallDeployment(200, 20);
  const hall = deployment.halls[0]!;
  let ids = 0;
  const scenario = new Scenario(hall, NINE_AM, () => `t${String(++ids).padStart(11, '0')}`); // ids as long as the server's
  const perWindow = new Map(hall.windows.map((w) => [w.id, { called: 0, done: 0, noShow: 0 }]));
  const calls: Call[] = [];
  const current = new Map<string, string>();
  const step = () => scenario.advance(6_000); // past the next guard (5 s)
  const next = (windowId: string) => {
    step();
    const number = scenario.next(windowId)!;
    current.set(windowId, number);
    calls.push({ number, windowId, recalls: 0 });
    perWindow.get(windowId)!.called++;
  };
  const recall = (windowId: string) => {
    step();
    scenario.run({ type: 'recall', windowId });
    calls.push({ number: current.get(windowId)!, windowId, recalls: 1 });
  };
  for (let i = 0; i < 999 * hall.services.length; i++) {
    scenario.advance(100);
    scenario.run({ type: 'issue', serviceId: hall.services[i % hall.services.length]!.id, lane: i % 7 === 0 ? 'elderly' : 'normal' });
  }
  const ids200 = hall.windows.map((w) => w.id);
  for (const w of ids200) next(w);
  for (const w of ids200.slice(90, 95)) recall(w);
  for (const w of ids200.slice(0, 60)) {
    step();
    scenario.run({ type: 'finish', windowId: w });
    perWindow.get(w)!.done++;
    next(w);
  }
  for (const w of ids200.slice(60, 90)) {
    step();
    scenario.run({ type: 'noShow', windowId: w });
    perWindow.get(w)!.noShow++;
    current.delete(w);
  }
  for (const w of ids200.slice(95, 100)) recall(w);
  const issued = 999 * hall.services.length;
  const called = calls.filter((c) => c.recalls === 0).length;
  const counts = { issued, called, done: 60, noShow: 30, waiting: issued - called };
  return { deployment, hall, scenario, counts, perWindow, calls, current };
}

/** The newest calls first, each ticket once (at its newest call). */
function newestCalls(calls: Call[], limit: number): Call[] {
  const seen = new Set<string>();
  const out: Call[] = [];
  for (const c of [...calls].reverse()) {
    if (seen.has(c.number)) continue;
    seen.add(c.number);
    out.push(c);
  }
  return out.slice(0, limit);
}

test("in the issue's hall (20 services, 200 windows) full for the day, the snapshot stays within 50 KB and its figures are the commands' tally", async (t) => {
  const day = fullDayOfTheIssuesHall();
  t.is(day.counts.waiting, 19_720);
  const server = await served(t, day.deployment, day.scenario);
  const res = await fetch(`${server.url}/api/state`);
  const text = await res.text();
  t.is(res.status, 200);
  t.true(bytes(text) <= LIMIT_BYTES, `GET /api/state is ${bytes(text)} bytes`);
  const live = new LiveClient(server.url);
  t.teardown(() => live.close());
  const snap = (await live.waitFor((r) => r.name === 'snapshot', 30_000)).payload;
  t.true(bytes(snap) <= LIMIT_BYTES, `the live snapshot is ${bytes(snap)} bytes`);
  t.log(`GET /api/state ${bytes(text)} bytes, live snapshot ${bytes(snap)} bytes`);

  for (const body of [JSON.parse(text), snap]) {
    t.deepEqual(body.counts, day.counts);
    t.deepEqual(body.windowCounts, Object.fromEntries(day.perWindow));
    const recent = body.recentCalls.map((c: Call & { windowNumber: number }) => ({ number: c.number, windowId: c.windowId, recalls: c.recalls }));
    t.deepEqual(recent, newestCalls(day.calls, 10));
    t.deepEqual(
      Object.fromEntries(body.windows.filter((w: { current?: unknown }) => w.current).map((w: { id: string; current: { number: string } }) => [w.id, w.current.number])),
      Object.fromEntries(day.current),
    );
  }
  // The windows' names and numbers, left out of the snapshot, are in the hall's information.
  const info = await (await fetch(`${server.url}/api/hall`)).json();
  t.is(info.windows.length, 200);
  t.deepEqual(info.windows[199], { id: '200', number: 200, name: { zh: '200号窗口', en: 'Window 200' }, services: day.hall.windows[199]!.services, lanes: day.hall.lanes });
});

test('in a hall of 200 windows, the snapshot is as big with 20,000 waiting as with 200', (t) => {
  const size = (waiting: number) => {
    const { hall, scenario } = busyDay(200, waiting);
    const f = forecast(scenario.state, hall, scenario.now, configuredServiceTimes(hall));
    return bytes(hallSnapshot(scenario.state, hall, scenario.now, f));
  };
  const few = size(200);
  const many = size(20_000);
  // Only the figures' digits may differ (counts of 200 against 20,000, longer ticket ids).
  t.true(Math.abs(many - few) < 1024, `${few} bytes with 200 waiting, ${many} with 20,000`);
});

// The public snapshot is bounded: with 20,000 tickets waiting in the bench's hall (26 services: a
// service has 999 numbers a day; every window busy), GET /api/state and the snapshot a display gets
// on connect stay within 50 KB and still tell the waiting counts and the next few of every service
// right; and in a hall of 200 windows its size depends on the hall, not on the queue.
// Days are built by the real decide/evolve (the Scenario helper); the first is written to a real
// SQLite file and served by a real server. The oracle is the test's own issued-minus-called lists.
import test from 'ava';
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

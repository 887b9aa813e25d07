// The service day in the hall's time zone, with a fake clock: numbers restart after local
// midnight in Asia/Shanghai and yesterday's open tickets are closed, by a command or by the timer.
import test from 'ava';
import sinon from 'sinon';
import { HallRegistry } from '../../server/engine/hall-registry.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { LiveClient } from '../helpers/live-client.ts';
import { startTestServer } from '../helpers/server.ts';
import { streams } from '../../server/store/streams.ts';

const shanghai = (local: string) => Date.parse(`${local}+08:00`);

test.serial('over HTTP: numbers restart after local midnight and yesterday’s tickets are gone', async (t) => {
  let now = shanghai('2026-11-27T23:50:00');
  const server = await startTestServer({ engine: { clock: () => now } });
  t.teardown(() => server.close());
  const live = new LiveClient(server.url);
  t.teardown(() => live.close());
  await live.waitFor((r) => r.name === 'snapshot');

  const a1 = await server.api.issue('business');
  const a2 = await server.api.issue('business');
  t.deepEqual([a1.body.number, a2.body.number], ['A001', 'A002']);
  await server.api.window('1', 'next');

  now = shanghai('2026-11-28T00:00:00'); // 16:00 UTC the day before
  const fresh = await server.api.issue('business');
  t.is(fresh.body.number, 'A001');
  t.is((await server.api.get(`/api/tickets/${a2.body.id}`)).status, 404);
  const state = (await server.api.get('/api/state')).body;
  t.is(state.serviceDay, '2026-11-28');
  t.is(state.counts.waiting, 1);
  t.is(state.windows[0].current, undefined, 'window 1 no longer shows yesterday’s ticket');

  const day = await live.waitFor((r) => r.name === 'day:started' && r.payload.serviceDay === '2026-11-28');
  t.true(day.payload.eventId > 0);
  await live.waitFor((r) => r.name === 'snapshot' && r.payload.serviceDay === '2026-11-28');
  const log = await server.registry.store.read(streams.hall('district'), 0);
  const started = log.filter((e) => e.type === 'day:started').at(-1)!;
  t.deepEqual([...(started.data as { expiredTicketIds: string[] }).expiredTicketIds].sort(), [a1.body.id, a2.body.id].sort());
});

test.serial('the day timer starts the new day at local midnight with nobody pressing anything', async (t) => {
  const clock = sinon.useFakeTimers({ now: shanghai('2026-11-27T23:59:00'), toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldClearNativeTimers: true });
  t.teardown(() => clock.restore());
  const store = new SqliteEventStore(':memory:');
  const registry = new HallRegistry(demoDeployment, store);
  await registry.start();
  t.teardown(async () => {
    await registry.stop();
    await store.close();
  });
  const engine = registry.get('district')!;
  await engine.execute({ type: 'issue', serviceId: 'social', lane: 'elderly' });
  t.is(engine.current.serviceDay, '2026-11-27');

  await clock.tickAsync(30_000);
  t.is(engine.current.serviceDay, '2026-11-27', 'still the same day at 23:59:30');
  await clock.tickAsync(32_000);
  t.is(engine.current.serviceDay, '2026-11-28');
  t.is(engine.current.tickets.size, 0);
  const { events } = await engine.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  t.is((events[0]!.data as { ticket: { number: string } }).ticket.number, 'B001');
});

// Presses of next at several windows in one turn of the event loop: the near-turn check runs once
// for the burst (one forecast run, not one per press), on the hall as the burst left it, and tells
// exactly the visitors then within 3 of the front.
import test from 'ava';
import { fakeSmsApi, issueWithPhone, notificationsOf, smsHall, startNotifyServer } from './helpers.ts';

const phoneOf = (i: number) => `1380000${String(1000 + i)}`;

test('two presses in one turn: one forecast run for the near-turn check, and the visitors within 3 are told', async (t) => {
  const sms = await fakeSmsApi();
  t.teardown(() => sms.close());
  const server = await startNotifyServer(smsHall({ smsUrl: sms.url }));
  t.teardown(() => server.close());
  const n = notificationsOf(server);
  const engine = server.registry.get('hall')!;

  // The test's model: numbers in the order taken, first come first served at both windows.
  const numbers: string[] = [];
  for (let i = 0; i < 8; i++) {
    const res = await issueWithPhone(server, phoneOf(i));
    t.is(res.status, 201);
    numbers.push(res.body.number);
    server.clock.now += 60_000; // one arrival a minute: queue order is the order taken
  }
  await n.settle();
  t.deepEqual(sms.received.map((r) => r.params.number).sort(), numbers.slice(0, 4).sort(), 'within 3 of the front when issued');

  const runsBefore = engine.forecasts.runs;
  const called = await Promise.all([engine.execute({ type: 'callNext', windowId: '1' }), engine.execute({ type: 'callNext', windowId: '2' })]);
  t.true(called.every((c) => c.result.calledTicketId !== undefined), 'both windows called someone');
  await n.settle();
  t.is(engine.forecasts.runs - runsBefore, 1, 'one forecast run for the burst of presses');
  // Two called: the next four (numbers 3 to 6) are within 3 of the front.
  t.deepEqual(sms.received.map((r) => r.params.number).sort(), numbers.slice(0, 6).sort());
});

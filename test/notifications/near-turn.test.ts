// "Near your turn" at the right moment of a simulated day: visitors take numbers (most leave a
// phone), clerks at two windows press next; after every press the test works out for itself who
// is how many people from being called (first come, first served: one service, both windows take
// it) and expects a message exactly for the tickets whose count first fell to 3 or fewer. Then two
// nodes on one SQLite file: each message is sent by one of them, once.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeSmsApi, issueWithPhone, next, notificationsOf, smsHall, startNotifyServer, waitUntil, MONDAY_0830 } from './helpers.ts';

const phoneOf = (i: number) => `139${String(i).padStart(8, '0')}`;

test('a visitor with a phone is told once, exactly when 3 or fewer people are before them', async (t) => {
  const sms = await fakeSmsApi();
  t.teardown(() => sms.close());
  const server = await startNotifyServer(smsHall({ smsUrl: sms.url }));
  t.teardown(() => server.close());
  const n = notificationsOf(server);

  // The test's own model of the queue: waiting numbers in the order taken.
  const waiting: { number: string; phone?: string }[] = [];
  const told = new Set<string>();
  const expectTold = new Set<string>();
  const check = async (when: string) => {
    await n.settle();
    waiting.forEach((w, ahead) => {
      if (w.phone && ahead <= 3) expectTold.add(w.number);
    });
    for (const r of sms.received) told.add(r.params.number!);
    t.deepEqual([...told].sort(), [...expectTold].sort(), when);
  };

  for (let i = 0; i < 12; i++) {
    const phone = i % 4 === 3 ? undefined : phoneOf(i); // every fourth visitor leaves no phone
    const res = await issueWithPhone(server, phone);
    t.is(res.status, 201);
    waiting.push({ number: res.body.number, ...(phone ? { phone } : {}) });
    server.clock.now += 60_000;
    await check(`after issuing ${res.body.number}`);
  }
  for (let press = 0; waiting.length > 0; press++) {
    server.clock.now += 3 * 60_000;
    const res = await next(server, press % 2 === 0 ? '1' : '2');
    t.is(res.status, 200);
    t.is(res.body.ticket.number, waiting[0]!.number, 'the model agrees with the hall on who is called');
    waiting.shift();
    await check(`after calling ${res.body.ticket.number}`);
  }
  const withPhone = 9;
  t.is(sms.received.length, withPhone, 'one message per visitor with a phone, none twice');
  for (const r of sms.received) {
    t.is(r.templateCode, 'SMS_1');
    t.true(Number(r.params.ahead) <= 3);
    t.is(r.params.hall, '测试大厅');
  }
  // The first four were within 3 of the front when they took their numbers (0, 1, 2 and 3 before them).
  t.deepEqual(
    sms.received.slice(0, 3).map((r) => r.params.ahead),
    ['0', '1', '2'],
  );
});

test('two nodes on one SQLite file: each near-turn message is sent once, by one node', async (t) => {
  const sms = await fakeSmsApi();
  t.teardown(() => sms.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-notify-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = { now: MONDAY_0830 };
  const a = await startNotifyServer(smsHall({ smsUrl: sms.url }), { clock, dataDir, node: 'node-a' });
  t.teardown(() => a.close());
  const b = await startNotifyServer(smsHall({ smsUrl: sms.url }), { clock, dataDir, node: 'node-b' });
  t.teardown(() => b.close());

  const numbers: string[] = [];
  for (let i = 0; i < 10; i++) numbers.push((await issueWithPhone(i % 2 ? a : b, phoneOf(i))).body.number);
  for (let i = 0; i < 10; i++) {
    // Half a claim's 60 s: a node's own timer may start a send after its settle() returned; that send
    // is awaited by the next settle(), before its claim could expire and the other node send again
    // (a clock that jumped a whole claim while a send was in flight made the second send legitimate).
    clock.now += 30_000;
    t.is((await next(i % 2 ? b : a, i % 2 ? '2' : '1')).status, 200);
    // Both nodes fold every call before going on, so both try to queue and send each message.
    await Promise.all([a.registry.get('hall')!.refresh(), b.registry.get('hall')!.refresh()]);
    await Promise.all([notificationsOf(a).settle(), notificationsOf(b).settle()]);
  }
  await waitUntil(() => sms.received.length >= 10, 'every message sent');
  await Promise.all([notificationsOf(a).settle(), notificationsOf(b).settle()]);
  await b.registry.get('hall')!.refresh();
  await notificationsOf(b).stream.refresh();
  await notificationsOf(b).settle();
  t.deepEqual(sms.received.map((r) => r.params.number).sort(), numbers.sort(), 'each number told once');
  t.is(sms.requests, 10);
  const log = (await b.api.get('/api/notifications', 'admin-token')).body.messages;
  t.is(log.length, 10);
  t.true(log.every((m: { status: string; attempts: number }) => m.status === 'sent' && m.attempts === 1));
});

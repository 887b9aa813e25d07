// Messages through the SMS adapter to a fake provider on a real HTTP port: each sent once (signed
// as the provider checks it), retried after the provider fails, dropped past the per-phone limit,
// and shown in the admin's send log with the phone masked.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import type { QueueRequest } from '../../server/notifications/types.ts';
import { fakeSmsApi, notificationsOf, smsHall, startNotifyServer } from './helpers.ts';

async function setup(t: import('ava').ExecutionContext, notifications: Record<string, unknown> = {}) {
  const sms = await fakeSmsApi();
  t.teardown(() => sms.close());
  const server = await startNotifyServer(smsHall({ smsUrl: sms.url, notifications }));
  t.teardown(() => server.close());
  const n = notificationsOf(server);
  const sendLog = async () => (await server.api.get('/api/notifications', 'admin-token')).body;
  return { sms, server, n, sendLog };
}

const msg = (key: string, to: string, params: Record<string, string> = { number: 'A001', ahead: '3', window: '1', hall: '测试大厅' }): QueueRequest => ({
  key,
  to,
  template: 'nearTurn',
  params,
  lang: 'zh',
  audience: 'visitor',
});

test('each message is sent once, with its template code and parameters, signed as the provider checks it', async (t) => {
  const { sms, server, n, sendLog } = await setup(t);
  await n.queue(msg('one', '13812345678'));
  await n.queue(msg('two', '13812340000', { number: 'A002', ahead: '2', window: '2', hall: '测试大厅' }));
  await n.queue(msg('one', '13812345678')); // the same key again: nothing new
  await n.settle();
  await n.settle();
  t.is(sms.requests, 2);
  t.deepEqual(
    sms.received.map((r) => [r.phone, r.templateCode, r.params.number, r.signatureValid]),
    [
      ['13812345678', 'SMS_1', 'A001', true],
      ['13812340000', 'SMS_1', 'A002', true],
    ],
  );

  const log = await sendLog();
  t.is(log.messages.length, 2);
  t.like(log.messages[0], { key: 'one', to: '138****5678', status: 'sent', attempts: 1, template: 'nearTurn' });
  t.false(JSON.stringify(log).includes('13812345678'), 'the send log shows no full phone number');
  t.is((await server.api.get('/api/notifications', 'triage-token')).status, 403);
  t.is((await server.api.get('/api/notifications?from=2026-13-01', 'admin-token')).body.error.code, 'invalid_request');
  // The provider's reference is the message id, the same on every node.
  t.deepEqual(sms.received.map((r) => r.outId).sort(), log.messages.map((m: { id: string }) => m.id).sort());
  const events = await server.registry.store.read(streams.notifications('hall'), 0);
  t.is(events.filter((e) => e.type === 'notification:sent').length, 2);
});

test('a message the provider fails is retried after the backoff and sent once; the log shows the attempts', async (t) => {
  const { sms, server, n, sendLog } = await setup(t);
  sms.failNext(500, 500);
  await n.queue(msg('retry', '13812345678'));
  await n.settle();
  t.is(sms.requests, 1);
  t.like((await sendLog()).messages[0], { status: 'queued', attempts: 1, lastError: 'SMS API answered 500 ServiceUnavailable' });

  await n.settle(); // no time has passed: the backoff holds the retry
  t.is(sms.requests, 1);
  server.clock.now += 1_000; // first backoff: 1 s
  await n.settle();
  t.is(sms.requests, 2);
  server.clock.now += 4_999; // second backoff: 5 s, one ms short
  await n.settle();
  t.is(sms.requests, 2);
  server.clock.now += 1;
  await n.settle();
  t.is(sms.requests, 3);
  t.is(sms.received.length, 1, 'delivered once');
  t.like((await sendLog()).messages[0], { status: 'sent', attempts: 3 });
  server.clock.now += 60 * 60_000;
  await n.settle();
  t.is(sms.requests, 3, 'a sent message is not sent again');
});

test('a message that fails every attempt is given up after maxAttempts', async (t) => {
  const { sms, server, n, sendLog } = await setup(t, { maxAttempts: 2 });
  sms.failNext(500, 503, 500);
  await n.queue(msg('doomed', '13812345678'));
  for (let i = 0; i < 5; i++) {
    await n.settle();
    server.clock.now += 60_000;
  }
  t.is(sms.requests, 2);
  t.like((await sendLog()).messages[0], { status: 'failed', attempts: 2, lastError: 'SMS API answered 503 ServiceUnavailable' });
});

test('past the per-phone hourly limit messages are dropped, logged, and sent again once the hour has passed', async (t) => {
  const { sms, server, n, sendLog } = await setup(t, { perPhonePerHour: 2, perPhonePerDay: 3 });
  for (const k of ['a', 'b', 'c']) await n.queue(msg(k, '13812345678'));
  await n.queue(msg('other', '13700000000')); // another phone has its own count
  await n.settle();
  t.deepEqual(sms.received.map((r) => r.phone).sort(), ['13700000000', '13812345678', '13812345678']);
  const dropped = (await sendLog()).messages.find((m: { key: string }) => m.key === 'c');
  t.like(dropped, { status: 'dropped', droppedReason: 'per_phone_hour', to: '138****5678' });

  server.clock.now += 61 * 60_000;
  await n.queue(msg('d', '13812345678'));
  await n.queue(msg('e', '13812345678')); // the day's third was d: e is over the daily limit
  await n.settle();
  t.is(sms.received.filter((r) => r.phone === '13812345678').length, 3);
  t.like((await server.api.get('/api/notifications', 'admin-token')).body.messages.find((m: { key: string }) => m.key === 'e'), { status: 'dropped', droppedReason: 'per_phone_day' });
});

test('staff messages go to every staff phone once per key (the follow-up-due hook for ratings)', async (t) => {
  const { sms, server, n } = await setup(t);
  const service = server.services.get('notifications')!;
  const first = await service.notifyStaff('hall', { template: 'followUpDue', key: 'followUpDue:case-1', params: { case: 'BC20261130001', due: '2026-12-01 17:00' } });
  await service.notifyStaff('hall', { template: 'followUpDue', key: 'followUpDue:case-1', params: { case: 'BC20261130001', due: '2026-12-01 17:00' } });
  t.is(first.length, 1);
  await n.settle();
  t.is(sms.received.length, 1);
  t.like(sms.received[0], { phone: '13900009999', templateCode: 'SMS_5', params: { case: 'BC20261130001', due: '2026-12-01 17:00', hall: '测试大厅' } });
  t.deepEqual(await service.notifyStaff('elsewhere', { template: 'followUpDue', key: 'x', params: {} }), []);
});

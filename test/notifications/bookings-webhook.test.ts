// Booking messages (confirmed with its code, a reminder before the slot, the verification code of a
// public booking through the notification port) and the webhook adapter's signature, checked by
// the test with the shared secret and its own HMAC.
import test from 'ava';
import { createHmac } from 'node:crypto';
import { appointmentsPlugin } from '../../server/appointments/plugin.ts';
import { bookingNotificationsPlugin, notificationsPlugin } from '../../server/notifications/plugin.ts';
import { streams } from '../../server/store/streams.ts';
import { fakeSmsApi, fakeWebhook, notificationsOf, smsHall, startNotifyServer, WEBHOOK_SECRET } from './helpers.ts';

const appointments = (confirmation: Record<string, unknown> = { type: 'none' }) => ({ slotMinutes: 30, hours: { mon: ['09:00-12:00'] }, capacityPerSlot: 4, confirmation });
const plugins = () => [notificationsPlugin(), appointmentsPlugin(), bookingNotificationsPlugin()];
const DATE = '2026-11-30';

test('a booking is confirmed by SMS with its code, and reminded reminderMinutesBefore its slot, once', async (t) => {
  const sms = await fakeSmsApi();
  t.teardown(() => sms.close());
  const server = await startNotifyServer(smsHall({ smsUrl: sms.url, appointments: appointments() }), { plugins: plugins() });
  t.teardown(() => server.close());
  const n = notificationsOf(server);
  const tick = () => server.services.get('bookingReminders')!.tick('hall');

  const booked = await server.api.post('/api/appointments', { service: 'soc', date: DATE, time: '10:00', name: '张三', phone: '13811112222' }, 'triage-token');
  t.is(booked.status, 201);
  await n.settle();
  t.is(sms.received.length, 1);
  t.like(sms.received[0], { phone: '13811112222', templateCode: 'SMS_2', params: { code: booked.body.code, date: DATE, time: '10:00', service: '社保' } });

  server.clock.now = Date.parse('2026-11-30T09:29:00+08:00'); // 31 minutes before: not yet
  await tick();
  await n.settle();
  t.is(sms.received.length, 1);
  server.clock.now = Date.parse('2026-11-30T09:30:00+08:00'); // 30 minutes before
  await tick();
  await tick();
  await n.settle();
  t.is(sms.received.length, 2);
  t.like(sms.received[1], { templateCode: 'SMS_3', params: { code: booked.body.code, time: '10:00' } });
  server.clock.now += 10 * 60_000;
  await tick();
  await n.settle();
  t.is(sms.received.length, 2, 'one reminder');
});

test('the verification code of a public booking goes through the notification port; the log never holds it', async (t) => {
  const sms = await fakeSmsApi();
  t.teardown(() => sms.close());
  const deployment = smsHall({
    smsUrl: sms.url,
    notifications: { verificationCode: true },
    appointments: appointments({ type: 'sms', gatewayUrl: 'http://127.0.0.1:9/unused', holdMinutes: 10 }),
  });
  const server = await startNotifyServer(deployment, { plugins: plugins() });
  t.teardown(() => server.close());
  const n = notificationsOf(server);

  const res = await server.api.post('/api/appointments', { service: 'soc', date: DATE, time: '10:00', name: '李四', phone: '13822223333' });
  t.is(res.status, 201);
  t.is(res.body.status, 'pending');
  t.is(sms.received.length, 1, 'the code is sent before the booking answers');
  const code = sms.received[0]!.params.code!;
  t.regex(code, /^\d{6}$/);
  t.like(sms.received[0], { templateCode: 'SMS_4', phone: '13822223333', params: { minutes: '10' } });

  const ok = await server.api.post(`/api/appointments/${res.body.code}/confirm`, { code });
  t.is(ok.body.status, 'booked');
  await n.settle();
  t.is(sms.received.length, 2);
  t.is(sms.received[1]!.templateCode, 'SMS_2');
  const log = JSON.stringify(await server.registry.store.read(streams.notifications('hall'), 0));
  t.false(log.includes(`"${code}"`), 'the code is not in the notifications log');
  t.like((await server.api.get('/api/notifications', 'admin-token')).body.messages[0], { template: 'verificationCode', status: 'sent', attempts: 1, to: '138****3333' });

  // A provider failure refuses the booking (sms_failed) and the message is not retried later.
  sms.failNext(500);
  const failed = await server.api.post('/api/appointments', { service: 'soc', date: DATE, time: '10:30', name: '王五', phone: '13833334444' });
  t.is(failed.body.error.code, 'sms_failed');
  server.clock.now += 60 * 60_000;
  await n.settle();
  t.is(sms.requests, 3);
});

test('webhook messages carry an HMAC signature over the timestamp and raw body that the receiver can check', async (t) => {
  const hook = await fakeWebhook();
  t.teardown(() => hook.close());
  const server = await startNotifyServer(smsHall({ webhookUrl: hook.url }));
  t.teardown(() => server.close());
  const n = notificationsOf(server);
  hook.failNext(500);
  await n.queue({ key: 'w', to: '13812345678', template: 'nearTurn', params: { number: 'A007', ahead: '2', window: '1/2', hall: '测试大厅' }, lang: 'en', audience: 'visitor' });
  await n.settle();
  server.clock.now += 1_000;
  await n.settle();
  t.is(hook.received.length, 2, 'a failed delivery is retried');
  for (const r of hook.received) {
    const ts = String(r.headers['x-onewindow-timestamp']);
    const expected = 'sha256=' + createHmac('sha256', WEBHOOK_SECRET).update(`${ts}.${r.raw}`).digest('hex');
    t.is(r.headers['x-onewindow-signature'], expected);
    t.not(r.headers['x-onewindow-signature'], 'sha256=' + createHmac('sha256', 'wrong-secret').update(`${ts}.${r.raw}`).digest('hex'));
  }
  t.is(hook.received[0]!.headers['x-onewindow-message-id'], hook.received[1]!.headers['x-onewindow-message-id'], 'the same id on a retry');
  t.deepEqual(Number(hook.received[1]!.headers['x-onewindow-timestamp']), server.clock.now);
  const body = JSON.parse(hook.received[1]!.raw);
  t.like(body, { to: '13812345678', template: 'nearTurn', lang: 'en', hall: 'hall' });
  t.is(body.text, '测试大厅: 2 people before your number A007. Please come back and watch window 1/2.');
});

test('a webhook or SMS adapter without its secret in the environment refuses to start', async (t) => {
  const err = await t.throwsAsync(startNotifyServer(smsHall({ webhookUrl: 'http://127.0.0.1:9/' }), { env: { NOTIFY_WEBHOOK_SECRET: '' } }));
  t.regex(err!.message, /NOTIFY_WEBHOOK_SECRET/);
  const err2 = await t.throwsAsync(startNotifyServer(smsHall({ smsUrl: 'http://127.0.0.1:9/' }), { env: { SMS_ACCESS_KEY_SECRET: '' } }));
  t.regex(err2!.message, /SMS_ACCESS_KEY_ID and SMS_ACCESS_KEY_SECRET/);
});

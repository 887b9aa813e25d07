// No log line the server writes while it sends notifications holds a full phone number, whether
// the provider takes the message, refuses it naming the number (as SMS gateways do), answers 500,
// or cannot be reached; nor the booking or verification code of a message body. The log is the
// server's real pino logger, read back as written; the provider is a real HTTP server.
import test from 'ava';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appointmentsPlugin } from '../../server/appointments/plugin.ts';
import { bookingNotificationsPlugin, notificationsPlugin } from '../../server/notifications/plugin.ts';
import { captureLog } from '../helpers/log-capture.ts';
import { issueWithPhone, notificationsOf, smsHall, startNotifyServer } from './helpers.ts';

const VISITOR = '13812345678';
const BOOKER = '13911112222';
const STAFF = '13900009999'; // smsHall's staff phone
const DATE = '2026-11-30';
const appointments = (confirmation: Record<string, unknown> = { type: 'none' }) => ({ slotMinutes: 30, hours: { mon: ['09:00-12:00'] }, capacityPerSlot: 4, confirmation });
const plugins = () => [notificationsPlugin(), appointmentsPlugin(), bookingNotificationsPlugin()];

type Answer = 'ok' | 'refuse' | 500;

/** An SMS gateway that answers each phone's requests in a scripted order (then OK); a refusal names the number, as real gateways' messages do. */
async function gateway(script: Record<string, Answer[]>) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const phone = new URLSearchParams(body).get('PhoneNumbers') ?? '';
      seen.push(phone);
      const answer = script[phone]?.shift() ?? 'ok';
      const reply =
        answer === 500
          ? { Code: 'InternalError', Message: `internal error sending to ${phone}` }
          : answer === 'refuse'
            ? { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: `号码 ${phone} 不合法 (invalid number ${phone})` }
            : { Code: 'OK', Message: 'OK' };
      res.writeHead(answer === 500 ? 500 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function assertNoPhone(t: import('ava').ExecutionContext, text: string, phones: string[]) {
  for (const phone of phones) t.false(text.includes(phone), `${phone} appears in full:\n${text.split('\n').filter((l) => l.includes(phone)).join('\n')}`);
}

test('SMS sent, refused naming the number, failing with 500: no log line and no send-log row holds a full phone', async (t) => {
  const sms = await gateway({ [VISITOR]: ['refuse'], [BOOKER]: [500], [STAFF]: ['refuse', 500] });
  t.teardown(() => sms.close());
  const capture = captureLog('trace');
  const server = await startNotifyServer(smsHall({ smsUrl: sms.url, appointments: appointments() }), { plugins: plugins(), logger: capture.logger });
  t.teardown(() => server.close());
  const n = notificationsOf(server);

  t.is((await issueWithPhone(server, VISITOR)).status, 201); // near its turn at once
  const booked = await server.api.post('/api/appointments', { service: 'soc', date: DATE, time: '10:00', name: '张三', phone: BOOKER }, 'triage-token');
  t.is(booked.status, 201);
  await server.services.get('notifications')!.notifyStaff('hall', { template: 'followUpDue', key: 'followUpDue:case-1', params: { case: 'BC1', due: '17:00' } });
  for (let i = 0; i < 4; i++) {
    await n.settle();
    server.clock.now += 60_000; // past each backoff
  }

  // Each phone's messages were tried, failed as scripted, and went out in the end.
  for (const phone of [VISITOR, BOOKER, STAFF]) t.true(sms.seen.filter((p) => p === phone).length >= 2, `${phone} retried: ${sms.seen.join(' ')}`);
  const failed = capture.lines().filter((l) => l.msg === 'sending a notification failed');
  t.is(failed.length, 4, 'each failure was logged');
  t.true(failed.some((l) => /MOBILE_NUMBER_ILLEGAL/.test(String(l.error))), "the provider's reason is kept");
  t.deepEqual(new Set(failed.map((l) => l.to)), new Set(['138****5678', '139****2222', '139****9999']));
  assertNoPhone(t, capture.text(), [VISITOR, BOOKER, STAFF]);
  t.false(capture.text().includes(booked.body.code), 'the booking code is not logged');
  const sendLog = await server.api.get('/api/notifications', 'admin-token');
  t.is(sendLog.body.messages.length, 3);
  assertNoPhone(t, JSON.stringify(sendLog.body), [VISITOR, BOOKER, STAFF]);
});

test('a provider that cannot be reached: the failure is logged without the phone', async (t) => {
  const sms = await gateway({});
  await sms.close(); // nothing listens there any more
  const capture = captureLog('trace');
  const server = await startNotifyServer(smsHall({ smsUrl: sms.url }), { logger: capture.logger });
  t.teardown(() => server.close());
  t.is((await issueWithPhone(server, VISITOR)).status, 201);
  await notificationsOf(server).settle();
  const failed = capture.lines().filter((l) => l.msg === 'sending a notification failed');
  t.is(failed.length, 1);
  t.is(failed[0]!.to, '138****5678');
  assertNoPhone(t, capture.text(), [VISITOR]);
});

test('the log adapter prints no phone, booking code or verification code of the message it stands in for', async (t) => {
  const capture = captureLog('trace');
  const deployment = smsHall({ notifications: { adapter: 'log', verificationCode: true }, appointments: appointments({ type: 'sms', gatewayUrl: 'http://127.0.0.1:9/unused', holdMinutes: 10 }) });
  const server = await startNotifyServer(deployment, { plugins: plugins(), logger: capture.logger });
  t.teardown(() => server.close());

  const pending = await server.api.post('/api/appointments', { service: 'soc', date: DATE, time: '10:00', name: '李四', phone: BOOKER });
  t.is(pending.status, 201);
  t.is(pending.body.status, 'pending');
  await notificationsOf(server).settle();
  const printed = capture.lines().filter((l) => l.msg === 'notification (log adapter: not sent)');
  t.is(printed.length, 1, 'the verification code went through the log adapter');
  t.like(printed[0], { to: '139****2222', template: 'verificationCode' });
  assertNoPhone(t, capture.text(), [BOOKER]);
  t.false(capture.text().includes(pending.body.code), 'the booking code is not printed');
  // The SMS code is known only to whoever got the message; the oracle is the booking itself:
  // no six-digit number in the log confirms it.
  const candidates = [...new Set(capture.text().match(/(?<!\d)\d{6}(?!\d)/g) ?? [])];
  for (const code of candidates) {
    const res = await server.api.post(`/api/appointments/${pending.body.code}/confirm`, { code });
    t.not(res.status, 200, `the code ${code} from the log confirmed the booking`);
  }
  t.is((await server.api.get(`/api/appointments/${pending.body.code}`)).body.status, 'pending');
});

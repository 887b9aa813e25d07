// Confirmation by SMS: a public booking is held pending and a 6-digit code goes to the phone through
// the SMS gateway (here a real HTTP server on a loopback port that captures what it is sent); the
// code confirms it, wrong codes are limited, and a hold that runs out frees the place.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { MONDAY, at, bookAs, startClockedServer } from './helpers.ts';

interface Sms {
  phone: string;
  code: string;
  text: string;
}

async function fakeGateway(): Promise<{ url: string; sent: Sms[]; failing: { on: boolean }; close: () => Promise<void> }> {
  const sent: Sms[] = [];
  const failing = { on: false };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failing.on) return void res.writeHead(503).end();
      sent.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/sms`, sent, failing, close: () => new Promise((r) => server.close(() => r())) };
}

async function smsHall(t: import('ava').ExecutionContext) {
  const gateway = await fakeGateway();
  t.teardown(() => gateway.close());
  const deployment = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname);
  deployment.halls[0]!.appointments!.confirmation = { type: 'sms', gatewayUrl: gateway.url, holdMinutes: 10, maxAttempts: 3 };
  const server = await startClockedServer(at(MONDAY, '08:00'), { deployment });
  t.teardown(() => server.close());
  const nine = async () => (await server.api.get(`/api/appointments/slots?date=${MONDAY}`)).body.slots.find((s: { time: string }) => s.time === '09:00').booked;
  const stats = async () => (await server.api.get(`/api/appointments/stats?date=${MONDAY}`)).body;
  const book = (i: number, phone: string) => bookAs(server, i, { service: 'social', date: MONDAY, time: '09:00', name: '李四', phone });
  const confirm = (code: string, sms: string) => server.api.post(`/api/appointments/${code}/confirm`, { code: sms });
  return { gateway, server, nine, stats, book, confirm };
}

test('a pending booking holds its place; the code from the SMS confirms it, a wrong code does not', async (t) => {
  const { gateway, server, nine, stats, book, confirm } = await smsHall(t);
  const res = await book(1, '13912345678');
  t.is(res.status, 201);
  t.is(res.body.status, 'pending');
  t.is(res.body.confirmBy, 'sms');
  t.is(gateway.sent.length, 1);
  t.is(gateway.sent[0]!.phone, '13912345678');
  t.regex(gateway.sent[0]!.code, /^\d{6}$/);
  t.true(gateway.sent[0]!.text.includes(gateway.sent[0]!.code));
  t.is(await nine(), 1, 'the place is held while the code is on its way');
  t.like(await stats(), { booked: 0, pending: 1 });

  const code = gateway.sent[0]!.code;
  const wrong = code === '000000' ? '111111' : '000000';
  const bad = await confirm(res.body.code, wrong);
  t.is(bad.status, 400);
  t.is(bad.body.error.code, 'confirm_code_wrong');
  t.is((await confirm(res.body.code, '12ab')).body.error.code, 'sms_code_invalid');
  const ok = await confirm(res.body.code, code);
  t.is(ok.status, 200);
  t.is(ok.body.status, 'booked');
  t.like(await stats(), { booked: 1, pending: 0 });
  t.is((await confirm(res.body.code, code)).body.error.code, 'booking_not_pending');
  // The code is never in the log, only its keyed hash.
  t.false(JSON.stringify(await server.registry.store.read(streams.bookings('district'), 0)).includes(`"${code}"`));
});

test('a hold not confirmed in time frees its place; too many wrong codes free it too', async (t) => {
  const { gateway, server, nine, stats, book, confirm } = await smsHall(t);
  const first = (await book(1, '13900000001')).body;
  const second = (await book(2, '13900000002')).body;
  t.is(await nine(), 2);

  // Three wrong codes (maxAttempts: 3): the third releases the hold.
  const wrong = (c: string) => (c === '999999' ? '888888' : '999999');
  const code2 = gateway.sent[1]!.code;
  t.is((await confirm(second.code, wrong(code2))).body.error.code, 'confirm_code_wrong');
  t.is((await confirm(second.code, wrong(code2))).body.error.code, 'confirm_code_wrong');
  const third = await confirm(second.code, wrong(code2));
  t.is(third.status, 429);
  t.is(third.body.error.code, 'confirm_attempts_exceeded');
  t.is((await confirm(second.code, code2)).body.error.code, 'booking_not_pending');
  t.is(await nine(), 1);

  // Ten minutes later the first hold runs out.
  server.clock.now += 10 * 60_000;
  t.is(await nine(), 0);
  t.is((await server.api.get(`/api/appointments/${first.code}`)).body.status, 'expired');
  t.is((await confirm(first.code, gateway.sent[0]!.code)).body.error.code, 'booking_not_pending');
  t.like(await stats(), { booked: 0, pending: 0, expired: 2 });

  // Nothing of the codes or the addresses is in the log.
  const log = JSON.stringify(await server.registry.store.read(streams.bookings('district'), 0));
  for (const sms of gateway.sent) t.false(log.includes(`"${sms.code}"`));
});

test('when the SMS gateway fails the booking is refused with sms_failed and the place is not lost', async (t) => {
  const { gateway, nine, book } = await smsHall(t);
  gateway.failing.on = true;
  const res = await book(1, '13912345678');
  t.is(res.status, 502);
  t.is(res.body.error.code, 'sms_failed');
  t.is(await nine(), 0);
  gateway.failing.on = false;
  t.is((await book(1, '13912345678')).status, 201);
});

test('a booking by the triage desk (with a token) is confirmed at once, without an SMS', async (t) => {
  const { gateway, server } = await smsHall(t);
  const res = await server.api.post('/api/appointments', { service: 'social', date: MONDAY, time: '09:00', name: '王五', phone: '13700000000' }, 'demo-triage');
  t.is(res.status, 201);
  t.is(res.body.status, 'booked');
  t.is(gateway.sent.length, 0);
});

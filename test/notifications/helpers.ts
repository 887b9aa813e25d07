// A small hall that tells visitors by SMS, a fake SMS provider on a real loopback HTTP port, and a
// server with a clock the test moves. The fake checks each request's signature with its own code
// (not the adapter's), so a request the real provider would refuse is refused here too.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDeployment } from '../../server/config/load.ts';
import type { DeploymentConfig } from '../../server/config/schema.ts';
import type { Feature } from '../../server/feature.ts';
import type { Logger } from '../../server/log.ts';
import { notificationsPlugin } from '../../server/notifications/plugin.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

export const KEY_ID = 'test-key-id';
export const KEY_SECRET = 'test-key-secret';
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
/** 2026-11-30 (a Monday) 08:30 in Asia/Shanghai. */
export const MONDAY_0830 = Date.parse('2026-11-30T08:30:00+08:00');

export interface ReceivedSms {
  phone: string;
  templateCode: string;
  params: Record<string, string>;
  outId: string;
  signatureValid: boolean;
}

/** Percent-encoding as the SMS API documents it, written apart from the adapter's. */
function enc(s: string): string {
  return encodeURIComponent(s)
    .replaceAll('!', '%21')
    .replaceAll("'", '%27')
    .replaceAll('(', '%28')
    .replaceAll(')', '%29')
    .replaceAll('*', '%2A');
}

function readBody(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/**
 * The SMS provider: answers each request with the next scripted status (then 200 { Code: OK }).
 * `received` holds the messages it accepted; `requests` counts every request.
 */
export async function fakeSmsApi() {
  const received: ReceivedSms[] = [];
  const script: number[] = [];
  let requests = 0;
  const server = createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    requests++;
    const status = script.shift() ?? 200;
    if (status !== 200) return void res.writeHead(status, { 'content-type': 'application/json' }).end('{"Code":"ServiceUnavailable"}');
    const params = Object.fromEntries([...form.entries()].filter(([k]) => k !== 'Signature'));
    const canonical = Object.keys(params)
      .sort()
      .map((k) => `${enc(k)}=${enc(params[k]!)}`)
      .join('&');
    const expected = createHmac('sha1', `${KEY_SECRET}&`).update(`POST&${enc('/')}&${enc(canonical)}`).digest('base64');
    const signatureValid = form.get('Signature') === expected && params.AccessKeyId === KEY_ID && params.Action === 'SendSms';
    if (!signatureValid) return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"Code":"SignatureDoesNotMatch"}');
    received.push({ phone: params.PhoneNumbers!, templateCode: params.TemplateCode!, params: JSON.parse(params.TemplateParam!), outId: params.OutId!, signatureValid });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: String(requests) }));
  });
  const url = await listen(server);
  return {
    url,
    received,
    /** The next answers' statuses (500: the provider fails). */
    failNext: (...statuses: number[]) => script.push(...statuses),
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A webhook receiver that keeps the raw body and headers of each request. */
export async function fakeWebhook() {
  const received: { headers: IncomingHttpHeaders; raw: string }[] = [];
  const script: number[] = [];
  const server = createServer(async (req, res) => {
    received.push({ headers: req.headers, raw: await readBody(req) });
    res.writeHead(script.shift() ?? 204).end();
  });
  const url = await listen(server);
  return { url, received, failNext: (...s: number[]) => script.push(...s), close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** One service, two windows that both take it: who is next is plain first come, first served. */
export function smsHall(opts: { smsUrl?: string; webhookUrl?: string; notifications?: Record<string, unknown>; appointments?: Record<string, unknown> } = {}): DeploymentConfig {
  const adapter = opts.webhookUrl ? { adapter: 'webhook', webhookUrl: opts.webhookUrl } : { adapter: 'sms', smsUrl: opts.smsUrl };
  return parseDeployment({
    halls: [
      {
        id: 'hall',
        name: { zh: '测试大厅', en: 'Test hall' },
        timeZone: 'Asia/Shanghai',
        policy: { nextGuardSeconds: 0 },
        services: [{ id: 'soc', prefix: 'A', name: { zh: '社保', en: 'Social security' }, targetWaitMinutes: 20 }],
        windows: [
          { id: '1', number: 1, name: { zh: '1号窗口', en: 'Window 1' }, services: ['soc'] },
          { id: '2', number: 2, name: { zh: '2号窗口', en: 'Window 2' }, services: ['soc'] },
        ],
        notifications: {
          ...adapter,
          smsTemplateCodes: { nearTurn: 'SMS_1', bookingConfirmed: 'SMS_2', bookingReminder: 'SMS_3', verificationCode: 'SMS_4', followUpDue: 'SMS_5' },
          staffPhones: ['13900009999'],
          ...opts.notifications,
        },
        ...(opts.appointments ? { appointments: opts.appointments } : {}),
      },
    ],
    tokens: [
      { token: 'admin-token', role: 'admin', name: 'admin' },
      { token: 'triage-token', role: 'triage', name: 'triage' },
      { token: 'clerk-one', role: 'clerk', windows: ['1'], name: 'clerk 1' },
      { token: 'clerk-two', role: 'clerk', windows: ['2'], name: 'clerk 2' },
    ],
  });
}

export interface NotifyServer extends TestServer {
  clock: { now: number };
}

export async function startNotifyServer(
  deployment: DeploymentConfig,
  options: { clock?: { now: number }; dataDir?: string; node?: string; plugins?: Feature[]; env?: Record<string, string>; logger?: Logger } = {},
): Promise<NotifyServer> {
  const clock = options.clock ?? { now: MONDAY_0830 };
  const server = await startTestServer({
    deployment,
    dataDir: options.dataDir,
    env: { SMS_ACCESS_KEY_ID: KEY_ID, SMS_ACCESS_KEY_SECRET: KEY_SECRET, NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET, ...options.env },
    engine: { clock: () => clock.now },
    plugins: options.plugins ?? [notificationsPlugin({ node: options.node })],
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return Object.assign(server, { clock });
}

/** The hall's notifications on a server. */
export function notificationsOf(server: TestServer) {
  const n = server.services.get('notifications')?.forHall('hall');
  if (!n) throw new Error('no notifications for the hall');
  return n;
}

export const issueWithPhone = (server: TestServer, phone?: string) =>
  server.api.post('/api/tickets', { service: 'soc', lane: 'normal', ...(phone ? { visitor: { phone } } : {}) }, 'triage-token');
export const next = (server: TestServer, window: '1' | '2') => server.api.post(`/api/windows/${window}/next`, {}, window === '1' ? 'clerk-one' : 'clerk-two');

export async function waitUntil(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

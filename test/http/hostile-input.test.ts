// Hostile input against every GET and POST route the OpenAPI document lists, on a real node with
// every plug-in: prototype names as ids, huge numbers, far dates, broken percent-encoding, very long
// ids. Nothing may answer 5xx, every /api error is {error:{code,message}}, an id that does not
// exist is never found, and no client error prints a stack trace at error level.
import test from 'ava';
import { defaultPlugins } from '../../server/plugins.ts';
import type { ServerOptions } from '../../server/server.ts';
import { captureLog, LEVEL, type CapturedLog } from '../helpers/log-capture.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
// The server's own log, read back: a real fault shows in the last test's failure message.
const log: CapturedLog = captureLog('info');
test.before(async () => {
  server = await startTestServer({ plugins: defaultPlugins(), env: { VOICE_ENGINE: 'none' } as ServerOptions['env'], logger: log.logger });
  // (no speech rendering: an espeak-ng failure is not what this test is about)
});
test.after.always(async () => {
  await server?.close();
});

const PROTO = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
/** Path segments that name nothing in any hall. */
const HOSTILE_IDS = [...PROTO, '%E0%A4%A', '%00', '..%2F..%2Fetc', 'x'.repeat(2000), '9007199254740991', '-1', '%F0%9F%92%A9'];
/** Query values; 12 names × the long one stays under Node's 16 KB header limit (past it Node answers 431 itself). */
const HOSTILE_VALUES = [...PROTO, '9999-12-31', '0000-01-01', '2026-02-30', '1e999', '9007199254740991', '-1', '%E0%A4%A', 'x'.repeat(1000)];
const QUERY_NAMES = ['from', 'to', 'date', 'q', 'status', 'groupBy', 'format', 'limit', 'service', 'company', 'phone', 'cursor'];
const DATE_QUERIES = [
  'from=9999-12-31',
  'to=9999-12-31',
  'from=0001-01-01&to=9999-12-31',
  'from=1999-12-31',
  'from=2000-01-01&to=2100-12-31',
  'from=2026-03-01&to=2026-01-01',
  'date=9999-12-31',
  'date=2026-13-01',
  'from=2026-01-01&from=2026-02-01',
  'date[]=2026-01-01',
  'from=%E0%A4%A',
];

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function send(method: string, path: string, body?: string): Promise<Answer> {
  const headers: Record<string, string> = { authorization: 'Bearer demo-admin' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, { method, headers, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

function errorShapeProblem(a: Answer): string | undefined {
  if (!a.type.startsWith('application/json')) return `content-type ${a.type}`;
  let json: any;
  try {
    json = JSON.parse(a.body);
  } catch {
    return 'body is not JSON';
  }
  const e = json?.error;
  if (!e || typeof e.code !== 'string' || !/^[a-z_]+$/.test(e.code) || typeof e.message !== 'string') return `body ${a.body.slice(0, 200)}`;
  return undefined;
}

/** Fills every {param} of an OpenAPI path template. */
const fill = (template: string, value: string) => template.replace(/\{[^}]+\}/g, value);

async function routes(): Promise<{ method: 'get' | 'post'; path: string }[]> {
  const doc = JSON.parse((await send('GET', '/api/openapi.json')).body) as { paths: Record<string, Record<string, unknown>> };
  const out: { method: 'get' | 'post'; path: string }[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const method of ['get', 'post'] as const) if (ops[method] && path.startsWith('/api/')) out.push({ method, path });
  return out;
}

/** Runs the requests a few at a time and returns every answer that breaks a rule. */
async function check(requests: { method: string; path: string; body?: string; unknownId?: boolean }[]): Promise<string[]> {
  const problems: string[] = [];
  for (let i = 0; i < requests.length; i += 8) {
    await Promise.all(
      requests.slice(i, i + 8).map(async (r) => {
        const a = await send(r.method, r.path, r.body);
        const where = `${r.method} ${r.path.slice(0, 120)}${r.body ? ` ${r.body.slice(0, 80)}` : ''} → ${a.status}`;
        if (a.status >= 500) problems.push(`${where}: server error ${a.body.slice(0, 200)}`);
        if (a.status >= 400 && errorShapeProblem(a)) problems.push(`${where}: ${errorShapeProblem(a)}`);
        if (r.unknownId && a.status < 400) problems.push(`${where}: an id that does not exist was found: ${a.body.slice(0, 100)}`);
      }),
    );
  }
  return problems;
}

test.serial('hostile ids in every path parameter: a 4xx with the error shape, never found, never a 5xx', async (t) => {
  const requests = (await routes())
    .filter((r) => r.path.includes('{'))
    .flatMap((r) =>
      HOSTILE_IDS.flatMap((id) => [
        { method: r.method.toUpperCase(), path: fill(r.path, id), body: r.method === 'post' ? '{}' : undefined, unknownId: true },
        // The same route for a named hall, the hostile value as the hall too.
        { method: r.method.toUpperCase(), path: fill(r.path.replace(/^\/api/, `/api/halls/${id}`), 'x'), body: r.method === 'post' ? '{}' : undefined, unknownId: true },
      ]),
    );
  t.true(requests.length > 300, `${requests.length} requests`);
  t.deepEqual(await check(requests), []);
});

test.serial('hostile query values and far dates on every GET route: never a 5xx, errors in the one shape', async (t) => {
  const gets = (await routes()).filter((r) => r.method === 'get').map((r) => fill(r.path, '1'));
  const queries = [...HOSTILE_VALUES.map((v) => QUERY_NAMES.map((n) => `${n}=${v}`).join('&')), ...DATE_QUERIES];
  const requests = gets.flatMap((path) => queries.map((q) => ({ method: 'GET', path: `${path}?${q}` })));
  t.deepEqual(await check(requests), []);
});

test.serial('hostile bodies on every POST route: never a 5xx, errors in the one shape', async (t) => {
  const posts = (await routes()).filter((r) => r.method === 'post').map((r) => fill(r.path, '1'));
  const fieldsWith = (v: unknown) =>
    JSON.stringify({
      service: v, lane: v, ticketId: v, window: v, code: v, phone: v, name: v, date: v, time: v, slotStart: v,
      problem: v, services: [v], text: v, answer: v, question: v, missing: [v], outcome: v, resolution: v,
      reason: v, printer: v, print: v, visitor: { phone: v, company: v },
    });
  const bodies = [
    '{}', 'null', '[]', '"text"', '1e999', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}',
    ...HOSTILE_VALUES.map(fieldsWith),
    ...[9007199254740991, -9007199254740991, 1e308, -1, 0.5].map(fieldsWith),
    JSON.stringify({ service: 'social', slotStart: 9007199254740991, name: 'x', phone: '13800001111' }),
    JSON.stringify({ service: 'social', date: '9999-12-31', time: '09:00', name: 'x', phone: '13800001111' }),
    JSON.stringify({ service: 'social', date: '1900-01-01', time: '09:00', name: 'x', phone: '13800001111' }),
  ];
  const requests = posts.flatMap((path) => bodies.map((body) => ({ method: 'POST', path, body })));
  t.deepEqual(await check(requests), []);
});

test.serial('405 and unknown routes under /api answer in the error shape; the Allow header stays', async (t) => {
  const put = await send('PUT', '/api/tickets');
  t.is(put.status, 405);
  t.is(errorShapeProblem(put), undefined);
  t.is(JSON.parse(put.body).error.code, 'method_not_allowed');
  const res = await fetch(`${server.url}/api/state`, { method: 'DELETE' });
  t.is(res.status, 405);
  t.is(res.headers.get('allow'), 'HEAD, GET');
  t.is((await res.json()).error.code, 'method_not_allowed');
  const missing = await send('GET', '/api/no/such/thing');
  t.is(missing.status, 404);
  t.is(JSON.parse(missing.body).error.code, 'not_found');
});

test.serial('no client error above printed anything at error level', (t) => {
  // Runs after the others (serial, in file order): thousands of 4xx, not one error-level line.
  const lines = log.lines();
  t.true(lines.filter((l) => l.msg === 'request completed').length > 1000, 'the requests above were logged at all');
  const errors = lines.filter((l) => l.level >= LEVEL.error);
  t.is(errors.length, 0, errors.map((l) => JSON.stringify(l).slice(0, 300)).join('\n'));
});

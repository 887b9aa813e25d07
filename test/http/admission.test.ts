// Admission control on a real server: its event loop really blocked (a busy loop in this process,
// which is the server's), or its heap threshold set below what any process uses. Deferrable reads
// are refused with 503 `overloaded` and Retry-After while a clerk's keys and issuing are served;
// at the critical level everything but health is refused, and a refused request leaves no trace in
// the event log while every acknowledged one is there. Levels are held (OVERLOAD_HOLD_MS) far
// longer than a test runs, so what a test sees after the block does not depend on timing. Serial:
// a blocked loop blocks every server in this process.
import test, { type ExecutionContext } from 'ava';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { streams } from '../../server/store/streams.ts';
import { blockEventLoop, keepBlocking } from '../helpers/blocked-loop.ts';
import { captureLog, LEVEL, type CapturedLog } from '../helpers/log-capture.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const HOUR_MS = '3600000';

async function server(t: ExecutionContext, env: Record<string, string>, plugins = [] as ReturnType<typeof metricsPlugin>[], log?: CapturedLog): Promise<TestServer> {
  const s = await startTestServer({ plugins, ...(log && { logger: log.logger }), env: { OVERLOAD_PROTECTION: 'on', OVERLOAD_SAMPLE_MS: '50', OVERLOAD_HOLD_MS: HOUR_MS, ...env } });
  t.teardown(() => s.close());
  return s;
}

async function untilReadyzRefuses(s: TestServer) {
  for (let i = 0; i < 500; i++) {
    if ((await get(s, '/readyz')).status === 503) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('/readyz never said the node is overloaded');
}

async function until(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function expectOverloaded(t: ExecutionContext, res: Response, what: string) {
  t.is(res.status, 503, what);
  t.regex(res.headers.get('retry-after') ?? '', /^[1-9]\d*$/, `${what}: Retry-After in seconds`);
  t.is(((await res.json()) as { error: { code: string } }).error.code, 'overloaded', what);
}

/**
 * fetch, tried again once when the connection failed: a kept-alive connection that sat through the
 * block is closed by the server as idle (5 s) just as it is reused; that is no answer of the server.
 */
async function call(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

const get = (s: TestServer, path: string, token?: string) => call(s.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const post = (s: TestServer, path: string, token: string, body = '{}') =>
  call(s.url + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });

test.serial('with the event loop blocked, deferrable reads get 503 overloaded while issuing and a clerk\'s keys are served', async (t) => {
  const s = await server(t, { OVERLOAD_LAG_MS: '1000', OVERLOAD_CRITICAL_LAG_MS: HOUR_MS });
  t.is((await get(s, '/api/state')).status, 200, 'served before the block');
  t.is((await get(s, '/readyz')).status, 200);

  blockEventLoop(3000);
  await untilReadyzRefuses(s);

  for (const path of ['/api/state', '/api/queue?service=tax', '/api/openapi.json', '/api/tickets/nosuch', '/api/halls/district/state'])
    await expectOverloaded(t, await get(s, path), `GET ${path}`);
  await expectOverloaded(t, await get(s, '/readyz'), '/readyz takes the node out of rotation');

  const health = await get(s, '/healthz');
  t.is(health.status, 200, 'alive: a load balancer must not restart it');
  t.deepEqual(await health.json(), { status: 'ok', load: 'shedding' });

  const issued = await post(s, '/api/tickets', 'demo-triage', JSON.stringify({ service: 'tax', lane: 'normal' }));
  t.is(issued.status, 201, 'issuing is served');
  const called = await post(s, '/api/windows/2/next', 'demo-clerk-2');
  t.is(called.status, 200, "a clerk's next is served");
  t.is(((await called.json()) as { ticket: { id: string } }).ticket.id, ((await issued.json()) as { id: string }).id);
  t.is((await get(s, '/api/hall')).status, 200, "the clerk console's hall");
  t.is((await get(s, '/api/windows/2', 'demo-clerk-2')).status, 200, 'and its window');

  const details = (await (await get(s, '/api/health', 'demo-admin')).json()) as { load: { level: string; refused: { deferrable: number; essential: number } } };
  t.is(details.load.level, 'shedding');
  t.deepEqual(details.load.refused, { deferrable: 5, essential: 0, handshake: 0 }, 'counted per class (the /readyz answers are not refusals)');
});

test.serial('at the critical level everything but health is refused, and a refused request leaves no trace in the log', async (t) => {
  const s = await server(t, { OVERLOAD_LAG_MS: '1000', OVERLOAD_CRITICAL_LAG_MS: '1000' });
  const acknowledged: string[] = [];
  for (const service of ['tax', 'social', 'estate']) {
    const r = await post(s, '/api/tickets', 'demo-triage', JSON.stringify({ service, lane: 'normal' }));
    t.is(r.status, 201);
    acknowledged.push(((await r.json()) as { id: string }).id);
  }

  blockEventLoop(3000);
  await untilReadyzRefuses(s);

  for (const service of ['tax', 'social', 'estate'])
    await expectOverloaded(t, await post(s, '/api/tickets', 'demo-triage', JSON.stringify({ service, lane: 'normal' })), `issuing ${service}`);
  await expectOverloaded(t, await post(s, '/api/windows/1/next', 'demo-clerk-1'), "a clerk's next");
  await expectOverloaded(t, await post(s, '/api/tickets', 'demo-triage', '{"service":'), 'a malformed body is refused before it is read');
  await expectOverloaded(t, await get(s, '/api/hall'), 'the hall');
  t.deepEqual(await (await get(s, '/healthz')).json(), { status: 'ok', load: 'critical' });

  const log = await s.registry.store.read(streams.hall('district'), 0);
  const issuedInLog = log.filter((e) => e.type === 'ticket:issued').map((e) => (e.data as { ticket: { id: string } }).ticket.id);
  t.deepEqual(issuedInLog.sort(), [...acknowledged].sort(), 'exactly the acknowledged tickets are in the log');
  t.false(log.some((e) => e.type === 'ticket:called'), 'the refused next called no one');
});

test.serial('a heap above its threshold sheds deferrable reads; issuing goes on', async (t) => {
  // No process uses less than a ten-thousandth of its heap limit, nor all of it.
  const s = await server(t, { OVERLOAD_HEAP_RATIO: '0.0001', OVERLOAD_CRITICAL_HEAP_RATIO: '1' });
  await untilReadyzRefuses(s);
  await expectOverloaded(t, await get(s, '/api/state'), 'the public snapshot');
  t.is((await post(s, '/api/tickets', 'demo-triage', JSON.stringify({ service: 'tax', lane: 'normal' }))).status, 201);
});

test.serial('Prometheus sees the level and the refusals while the node sheds (its scrape is not shed)', async (t) => {
  const s = await server(t, { OVERLOAD_HEAP_RATIO: '0.0001', OVERLOAD_CRITICAL_HEAP_RATIO: '1' }, [metricsPlugin()]);
  await untilReadyzRefuses(s);
  await expectOverloaded(t, await get(s, '/api/reports/summary'), 'a report');
  await expectOverloaded(t, await get(s, '/api/state'), 'the public snapshot');
  const scrape = await get(s, '/metrics');
  t.is(scrape.status, 200);
  const text = await scrape.text();
  t.regex(text, /^onewindow_overload_level 1$/m);
  t.regex(text, /^onewindow_requests_refused_overloaded_total\{class="deferrable"\} 2$/m);
  t.regex(text, /^onewindow_slow_consumers_disconnected_total 0$/m);
});

test.serial('overload protection can be switched off, and a malformed threshold stops the start with its name', async (t) => {
  const off = await server(t, { OVERLOAD_PROTECTION: 'off', OVERLOAD_HEAP_RATIO: '0.0001' });
  await new Promise((r) => setTimeout(r, 200));
  t.is((await get(off, '/api/state')).status, 200);
  t.is((await get(off, '/readyz')).status, 200);
  await t.throwsAsync(startTestServer({ env: { OVERLOAD_PROTECTION: 'on', OVERLOAD_LAG_MS: 'fast' } }), { message: /OVERLOAD_LAG_MS/ });
  await t.throwsAsync(startTestServer({ env: { OVERLOAD_PROTECTION: 'on', OVERLOAD_LAG_MS: '500', OVERLOAD_CRITICAL_LAG_MS: '100' } }), { message: /OVERLOAD_CRITICAL_LAG_MS/ });
});

/** The admission's summaries of refused requests (one a second while requests are refused). */
const shedSummaries = (log: CapturedLog) => log.lines().filter((l) => l.component === 'admission' && typeof l.refused === 'number');

/** Adds up per-key counts over lines. */
function addUp(counts: Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of counts) for (const [k, n] of Object.entries(c)) sum[k] = (sum[k] ?? 0) + n;
  return sum;
}

test.serial('the log says what was shed: a summary a second by class and route, the first few refusals one by one with the request id their 503 carries', async (t) => {
  const log = captureLog('info');
  const s = await server(t, { OVERLOAD_LAG_MS: '1000', OVERLOAD_CRITICAL_LAG_MS: HOUR_MS }, [], log);
  blockEventLoop(3000);
  await untilReadyzRefuses(s);

  // The test's own tally of what it sent and got 503 for, by route, and the request ids the answers carried.
  const sent: Record<string, number> = {};
  const answeredIds: string[] = [];
  const refuse = async (path: string, requestId?: string) => {
    const res = await call(s.url + path, { headers: requestId ? { 'x-request-id': requestId } : {} });
    await expectOverloaded(t, res, `GET ${path}`);
    const route = `GET ${path.split('?')[0]}`;
    sent[route] = (sent[route] ?? 0) + 1;
    answeredIds.push(res.headers.get('x-request-id') ?? '');
  };
  await refuse('/api/state', 'desk-report-1');
  await refuse('/api/queue?service=tax&phone=13800138000', 'desk-report-2');
  for (let i = 0; i < 10; i++) await refuse('/api/state');
  for (let i = 0; i < 4; i++) await refuse('/api/tickets/nosuch');
  t.deepEqual(answeredIds.slice(0, 2), ['desk-report-1', 'desk-report-2'], "the 503 carries the caller's request id");
  t.true(answeredIds.every((id) => id.length > 0), 'every 503 carries a request id');
  const total = answeredIds.length;
  t.is((await post(s, '/api/tickets', 'demo-triage', JSON.stringify({ service: 'tax', lane: 'normal' }))).status, 201, 'issuing is served meanwhile');

  await until(() => addUp(shedSummaries(log).map((l) => ({ n: l.refused as number }))).n === total, 'the summaries of every refusal');
  const summaries = shedSummaries(log);
  for (const l of summaries) t.like(l, { level: LEVEL.warn, load: 'shedding' });
  t.deepEqual(addUp(summaries.map((l) => l.byRoute as Record<string, number>)), sent, 'counted per route (without the query)');
  t.deepEqual(addUp(summaries.map((l) => l.byClass as Record<string, number>)), { deferrable: total, essential: 0, handshake: 0 });

  // One by one: the first few of each second, access lines with the id the person was given.
  const oneByOne = log.lines().filter((l) => l.msg === 'request refused: overloaded');
  t.true(oneByOne.length >= 2 && oneByOne.length < total, `${oneByOne.length} of ${total} logged one by one`);
  t.is(oneByOne.length + addUp(summaries.map((l) => ({ n: l.notLoggedOneByOne as number }))).n!, total, 'the summaries count the ones not logged one by one');
  t.like(oneByOne[0], { reqId: 'desk-report-1', req: { method: 'GET', url: '/api/state' }, res: { statusCode: 503 }, reason: 'overloaded', load: 'shedding' });
  t.like(oneByOne[1], { reqId: 'desk-report-2', req: { url: '/api/queue' } });
  t.true(oneByOne.every((l) => answeredIds.includes(l.reqId!)));
  t.false(log.text().includes('13800138000'), 'no query value (a phone) in the log');
  t.deepEqual(log.lines().filter((l) => l.msg === 'request failed'), [], 'no warning per refusal');
});

test.serial('/readyz logs its changes once each, ok → shedding → critical → ok, with the figures, and no warning per probe', async (t) => {
  const log = captureLog('info');
  const s = await server(t, { OVERLOAD_LAG_MS: '150', OVERLOAD_CRITICAL_LAG_MS: '1000', OVERLOAD_HOLD_MS: '1500' }, [], log);
  const probe = async (times: number, status: number) => {
    for (let i = 0; i < times; i++) t.is((await get(s, '/readyz')).status, status);
  };
  const level = async () => ((await (await get(s, '/healthz')).json()) as { load?: string }).load ?? 'ok';
  await probe(3, 200);

  // The loop blocked in chunks: 300 ms holds it at shedding (150–1000 ms), 1200 ms at critical.
  let stop = keepBlocking(300);
  t.teardown(() => stop());
  await until(async () => (await level()) === 'shedding', 'shedding');
  await probe(3, 503);
  stop();
  stop = keepBlocking(1200);
  await until(async () => (await level()) === 'critical', 'critical');
  await probe(2, 503);
  stop();
  await until(async () => (await get(s, '/readyz')).status === 200, 'ready again');
  await probe(3, 200);

  const changes = log.lines().filter((l) => l.component === 'readiness');
  t.deepEqual(
    changes.map((l) => [l.level, l.from, l.state]),
    [
      [LEVEL.warn, 'ready', 'shedding'],
      [LEVEL.warn, 'shedding', 'critical'],
      [LEVEL.info, 'critical', 'ready'],
    ],
  );
  t.true(Number(changes[0]!.lagMs) >= 150, `shedding at ${changes[0]!.lagMs} ms`);
  t.true(Number(changes[1]!.lagMs) >= 1000, `critical at ${changes[1]!.lagMs} ms`);
  const probeWarnings = log.lines().filter((l) => l.level >= LEVEL.warn && (l.req as { url?: string } | undefined)?.url === '/readyz');
  t.deepEqual(probeWarnings, [], 'the 503 answers to the probes are no warnings');
  t.true(log.lines().some((l) => (l.req as { url?: string } | undefined)?.url === '/readyz' && (l.res as { statusCode: number }).statusCode === 503), 'they are in the access log');
});

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
import { startTestServer, type TestServer } from '../helpers/server.ts';

const HOUR_MS = '3600000';

async function server(t: ExecutionContext, env: Record<string, string>, plugins = [] as ReturnType<typeof metricsPlugin>[]): Promise<TestServer> {
  const s = await startTestServer({ plugins, env: { OVERLOAD_PROTECTION: 'on', OVERLOAD_SAMPLE_MS: '50', OVERLOAD_HOLD_MS: HOUR_MS, ...env } });
  t.teardown(() => s.close());
  return s;
}

/** Holds this process's event loop, the server's too, for `ms`. */
function blockEventLoop(ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

async function untilReadyzRefuses(s: TestServer) {
  for (let i = 0; i < 500; i++) {
    if ((await get(s, '/readyz')).status === 503) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('/readyz never said the node is overloaded');
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
  t.deepEqual(details.load.refused, { deferrable: 5, essential: 0 }, 'counted per class (the /readyz answers are not refusals)');
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

// Every request gets an id, returned in X-Request-Id and carried by every line logged for it, the
// error middleware's included: an operator finds a user's failing request by the id they report.
// A real server with a test-only feature whose route throws; the log is read back as written.
import test from 'ava';
import { faultyFeature } from '../helpers/faulty-feature.ts';
import { captureLog, LEVEL } from '../helpers/log-capture.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';


const log = captureLog('info');
let server: TestServer;
test.before(async () => {
  server = await startTestServer({ plugins: [faultyFeature], logger: log.logger });
});
test.after.always(() => server?.close());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, { headers });
  return { status: res.status, id: res.headers.get('x-request-id'), body: await res.json() };
}

test.serial('a failing request: its X-Request-Id is on the error line with the stack, and on its access line', async (t) => {
  const res = await get('/api/test-faults/boom', { 'X-Request-Id': 'desk-7.2026-11-30:42' });
  t.is(res.status, 500);
  t.deepEqual(res.body.error.code, 'internal');
  t.is(res.id, 'desk-7.2026-11-30:42', 'a sane incoming id is kept');

  const access = await log.waitFor((l) => l.reqId === res.id && l.msg === 'request failed');
  t.is((access.res as { statusCode?: number }).statusCode, 500);
  t.deepEqual(access.req, { method: 'GET', url: '/api/test-faults/boom' });
  const errorLine = log.lines().find((l) => l.reqId === res.id && l.level === LEVEL.error);
  t.truthy(errorLine, JSON.stringify(log.lines()));
  t.is(errorLine!.err?.message, 'the handler broke');
  t.regex(errorLine!.err?.stack ?? '', /the handler broke\n\s+at /);
  t.is(log.lines().filter((l) => l.level >= LEVEL.error).length, 1, 'the fault is logged at error level once');
});

test.serial('without an id, or with one unsafe to echo, each request gets a fresh id of its own', async (t) => {
  const a = await get('/api/hall');
  const b = await get('/api/hall');
  const unsafe = await get('/api/hall', { 'X-Request-Id': 'x'.repeat(300) });
  const spaced = await get('/api/hall', { 'X-Request-Id': 'two words' });
  const ids = [a.id, b.id, unsafe.id, spaced.id];
  for (const id of ids) t.regex(id ?? '', /^[0-9a-f-]{36}$/);
  t.is(new Set(ids).size, 4);
  for (const id of ids) t.is((await log.waitFor((l) => l.reqId === id)).msg, 'request completed');
});

test.serial("a client's mistake (4xx) is an access line only, never a warning or an error", async (t) => {
  const before = log.lines().length;
  const res = await fetch(server.url + '/api/tickets', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-triage' }, body: '{' });
  t.is(res.status, 400);
  const id = res.headers.get('x-request-id');
  await log.waitFor((l) => l.reqId === id);
  const lines = log.lines().slice(before);
  t.deepEqual(
    lines.map((l) => [l.level, l.reqId]),
    [[LEVEL.info, id]],
  );
});

// The access log follows the logger's level: at warn (what tests and a quiet production run use) a
// request that went well writes nothing, and a failed one still writes its access line as a warning
// and its fault as an error, both with the request's id. Read back from a real server's log.
import test from 'ava';
import { faultyFeature } from '../helpers/faulty-feature.ts';
import { captureLog, LEVEL } from '../helpers/log-capture.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';


const log = captureLog('warn');
let server: TestServer;
test.before(async () => {
  server = await startTestServer({ plugins: [faultyFeature], logger: log.logger });
});
test.after.always(() => server?.close());

test.serial('at warn, answered requests and client errors write no line', async (t) => {
  const before = log.lines().length;
  for (const path of ['/api/hall', '/healthz', '/api/tickets/nosuchticket', '/api/no-such-route']) {
    const res = await fetch(server.url + path);
    await res.arrayBuffer();
    t.truthy(res.headers.get('x-request-id'), `${path} still gets a request id`);
  }
  // A failing request afterwards: its lines arrive after those of the requests above would have.
  const failed = await fetch(server.url + '/api/test-faults/boom');
  await log.waitFor((l) => l.reqId === failed.headers.get('x-request-id') && l.msg === 'request failed');
  // Every line about a request carries its reqId; lines of the server's own (none expected) are not the requests'.
  const lines = log.lines().slice(before).filter((l) => l.reqId !== undefined && l.reqId !== failed.headers.get('x-request-id'));
  t.deepEqual(lines, []);
});

test.serial('at warn, a failed request writes its access line (warn) and its fault (error), both with its id', async (t) => {
  const res = await fetch(server.url + '/api/test-faults/boom', { headers: { 'X-Request-Id': 'kiosk-2:77' } });
  t.is(res.status, 500);
  t.is(res.headers.get('x-request-id'), 'kiosk-2:77');
  const access = await log.waitFor((l) => l.reqId === 'kiosk-2:77' && l.msg === 'request failed');
  t.is(access.level, LEVEL.warn);
  t.deepEqual(access.req, { method: 'GET', url: '/api/test-faults/boom' });
  t.deepEqual(access.res, { statusCode: 500 });
  const fault = log.lines().filter((l) => l.reqId === 'kiosk-2:77' && l.level === LEVEL.error);
  t.is(fault.length, 1);
  t.is(fault[0]!.err?.message, 'the handler broke');
});

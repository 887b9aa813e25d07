// A client that hangs up in the middle of its request body (a kiosk losing its network, a browser
// tab closed while sending) made a mistake of its own, not the server: the request is answered
// 400 `body_aborted` as far as the log can tell (its access line, never a warning or an error with
// a stack), nothing is issued, and the server goes on. A real server and a raw TCP socket that sends
// the headers, waits for the server's "100 Continue" (so the request is being read), sends part
// of the body and closes.
import { connect } from 'node:net';
import test from 'ava';
import { captureLog, LEVEL } from '../helpers/log-capture.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const log = captureLog('info');
let server: TestServer;
test.before(async () => {
  server = await startTestServer({ logger: log.logger });
});
test.after.always(() => server?.close());

/** Sends the head, waits for 100 Continue, sends `partial` of the body and hangs up. */
function hangUpMidBody(requestId: string, framing: string, partial: string): Promise<void> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', reject);
    socket.write(
      'POST /api/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-triage\r\n' +
        `Content-Type: application/json\r\nX-Request-Id: ${requestId}\r\nExpect: 100-continue\r\n${framing}\r\n`,
    );
    socket.once('data', (head) => {
      if (!head.toString('latin1').startsWith('HTTP/1.1 100')) return reject(new Error(`expected 100 Continue, got ${head}`));
      socket.write(partial, () => {
        socket.destroy();
        resolve();
      });
    });
  });
}

const CASES = [
  { title: 'with a Content-Length', id: 'hangup-length', framing: 'Content-Length: 40\r\n', partial: '{"service":"busi' },
  { title: 'chunked', id: 'hangup-chunked', framing: 'Transfer-Encoding: chunked\r\n', partial: '8\r\n{"servic\r\n' },
];

for (const c of CASES) {
  test.serial(`a client hanging up mid-body (${c.title}) is a 400 body_aborted in the log, nothing issued, the server goes on`, async (t) => {
    const countsBefore = (await server.api.get('/api/state')).body.counts;
    const before = log.lines().length;
    await hangUpMidBody(c.id, c.framing, c.partial);

    const access = await log.waitFor((l) => l.reqId === c.id && l.res !== undefined);
    t.is(access.msg, 'request completed');
    t.is((access.res as { statusCode?: number }).statusCode, 400);
    const alarms = log.lines().slice(before).filter((l) => l.level >= LEVEL.warn);
    t.deepEqual(alarms, [], 'a hang-up is no server fault: no warning, no error, no stack');

    t.deepEqual((await server.api.get('/api/state')).body.counts, countsBefore, 'nothing was issued');
    t.is((await server.api.issue('business')).status, 201);
  });
}

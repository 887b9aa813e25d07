// A node at its critical load refuses new socket.io connections (a reconnect storm must not pile
// onto a node already past its limit) while the displays already connected keep theirs; a display
// refused then, retrying as the pages do (displays/live/connection.ts), connects by itself once the
// node recovers and shows what the connected one shows. The event loop is really blocked (in
// chunks, so the level stays critical while the test looks). The log's count of refused
// handshakes is checked against the handshakes the HTTP server itself saw.
import test from 'ava';
import type { IncomingMessage } from 'node:http';
import { DISPLAY_CONNECTION } from '../../displays/live/connection.ts';
import { keepBlocking } from '../helpers/blocked-loop.ts';
import { captureLog, LEVEL } from '../helpers/log-capture.ts';
import { startTestServer } from '../helpers/server.ts';
import { Display, until, visible } from '../helpers/stalled-display.ts';

/** A request that opens a new engine.io session (a handshake): to /socket.io/ without a session id. */
const isHandshake = (req: IncomingMessage) => !!req.url?.startsWith('/socket.io/') && !/[?&]sid=/.test(req.url);

test.serial('at critical a new display is refused and the connected one stays; once the node recovers the refused one connects by itself', async (t) => {
  const log = captureLog('info');
  const server = await startTestServer({
    logger: log.logger,
    env: { OVERLOAD_PROTECTION: 'on', OVERLOAD_SAMPLE_MS: '50', OVERLOAD_LAG_MS: '1000', OVERLOAD_CRITICAL_LAG_MS: '1000', OVERLOAD_HOLD_MS: '1500' },
  });
  t.teardown(() => server.close());
  let handshakes = 0;
  const count = (req: IncomingMessage) => void (isHandshake(req) && handshakes++);
  server.http.on('request', count);
  server.http.on('upgrade', count);

  t.is((await server.api.issue('tax')).status, 201);
  const connected = new Display(server.url);
  t.teardown(() => connected.close());
  await until('the connected display has its snapshot', () => !!connected.model);

  const stopBlocking = keepBlocking(1500);
  let blocking = true;
  t.teardown(() => blocking && stopBlocking());
  await until('the node is critical', async () => (await server.api.get('/healthz')).body.load === 'critical', 30_000);

  const refused = new Display(server.url, { ...DISPLAY_CONNECTION, transports: [...DISPLAY_CONNECTION.transports] });
  t.teardown(() => refused.close());
  const errors: { message: string; description?: unknown }[] = [];
  refused.socket.on('connect_error', (e) => void errors.push({ message: e.message, description: (e as { description?: unknown }).description }));
  // One attempt tries WebSocket, then long-polling (tryAllTransports), and fails once both are refused.
  await until('the new display was refused', () => errors.length >= 1, 30_000);
  t.is(errors[0]!.description, 403, "long-polling's handshake answered 403 by engine.io: a refusal, not a network failure");
  t.false(refused.socket.connected, 'not connected while the node is critical');
  t.is(refused.connects, 0);
  const health = (await server.api.get('/api/health', 'demo-admin')).body;
  t.is(health.load.level, 'critical');
  t.true(connected.socket.connected, 'the display connected before stays connected');

  stopBlocking();
  blocking = false;
  await until('the refused display connected by itself', () => refused.connects === 1, 30_000);
  // The hall goes on: a ticket issued now reaches both.
  t.is((await server.api.issue('social')).status, 201);
  const seq = () => server.registry.get('district')!.current.seq;
  await until('both displays show the newest event', () => refused.model?.eventId === seq() && connected.model?.eventId === seq());
  t.deepEqual(visible(refused.model), visible(connected.model), 'the display refused at critical shows what the connected one shows');
  t.deepEqual(connected.disconnects, [], 'the connected display never lost its connection');

  // Every handshake the HTTP server saw but the two that connected was refused, and the log says so.
  const refusedHandshakes = handshakes - 2;
  t.true(refusedHandshakes >= 2, `both transports were refused at least once (${handshakes} handshakes)`);
  const logged = () =>
    log
      .lines()
      .filter((l) => l.component === 'admission' && l.level === LEVEL.warn && typeof l.refused === 'number')
      .reduce((n, l) => n + (l.byClass as { handshake: number }).handshake, 0);
  await until(`the summaries count ${refusedHandshakes} refused handshakes`, () => logged() >= refusedHandshakes, 5000);
  t.is(logged(), refusedHandshakes);
  t.is((await server.api.get('/api/health', 'demo-admin')).body.load.refused.handshake, refusedHandshakes);
  const oneByOne = log.lines().filter((l) => l.refused === 'handshake');
  t.true(oneByOne.length >= 1);
  for (const l of oneByOne) t.like(l, { req: { method: 'GET', url: '/socket.io/' }, reason: 'overloaded', load: 'critical' });
  t.true(oneByOne.every((l) => typeof l.reqId === 'string' && [400, 403].includes((l.res as { statusCode: number }).statusCode)));
});

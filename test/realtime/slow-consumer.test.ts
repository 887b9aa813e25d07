// A wall display that stops reading (its TCP socket paused: a frozen browser, a bad Wi-Fi) while
// the hall keeps issuing: the server's queue for it stays within the bound, it is cut off and
// counted, a display that reads is not disturbed, and once the stalled one reads again it
// reconnects by itself and shows the hall as a display that connects afresh does.
import test from 'ava';
import { Display, queuedAtServer, until, visible } from '../helpers/stalled-display.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const MAX_QUEUED_BYTES = 256 * 1024;
const MAX_QUEUED_PACKETS = 400;

test('a display that stops reading is cut off within its bound, and after it reads again it shows the current hall', async (t) => {
  const server = await startTestServer({ env: { REALTIME_MAX_QUEUED_BYTES: String(MAX_QUEUED_BYTES), REALTIME_MAX_QUEUED_PACKETS: String(MAX_QUEUED_PACKETS) } });
  t.teardown(() => server.close());
  const stalled = new Display(server.url);
  const reading = new Display(server.url);
  t.teardown(() => (stalled.close(), reading.close()));
  await until('both displays have a snapshot', () => !!stalled.model && !!reading.model);
  const stalledEngineId = stalled.socket.io.engine.id;

  stalled.tcp().pause();
  // First the kernel's socket buffers fill (megabytes on loopback): large feature events (a window's
  // staff, as the staff feature publishes it) until the server has to keep some for the stalled display.
  const filler = 'x'.repeat(64 * 1024);
  for (let i = 0; i < 1000 && !queuedAtServer(server, stalledEngineId)?.packets; i++) {
    server.gateway.publishToHall('district', 'window:staff', { hallId: 'district', windowId: '9', at: Date.now(), staff: { name: filler, staffNumber: String(i) } });
    await new Promise((r) => setTimeout(r, 2));
  }
  t.truthy(queuedAtServer(server, stalledEngineId)?.packets, 'the kernel is full and the server queues for the stalled display');
  let most = { bytes: 0, packets: 0 };
  const services = ['business', 'social', 'estate', 'tax', 'medical'];
  let issued = 0;
  // Issue until the server lets the stalled display go (each ticket is an event to every display).
  while (queuedAtServer(server, stalledEngineId) && issued < 4000) {
    const r = await server.api.issue(services[issued % services.length]!);
    t.is(r.status, 201);
    issued++;
    if (issued % 7 === 0) await server.api.window(String(1 + (issued % 7)), 'next');
    const q = queuedAtServer(server, stalledEngineId);
    if (q) most = { bytes: Math.max(most.bytes, q.bytes), packets: Math.max(most.packets, q.packets) };
  }
  t.is(queuedAtServer(server, stalledEngineId), undefined, `the stalled display was cut off (after ${issued} tickets)`);
  t.is(server.deps.slowConsumers?.dropped, 1, 'counted once');
  // One packet may land over the bound: the one that crossed it.
  t.true(most.bytes <= MAX_QUEUED_BYTES + 4096, `the server held at most ${most.bytes} bytes for it`);
  t.true(most.packets <= MAX_QUEUED_PACKETS, `and at most ${most.packets} packets`);
  t.deepEqual(reading.disconnects, [], 'the display that reads stayed connected');

  // The stalled display reads again: it gets what the kernel held, sees the connection gone, reconnects and resumes.
  stalled.tcp().resume();
  await until('the stalled display reconnected', () => stalled.connects === 2);
  await until('both displays are at the newest event', () => stalled.model?.eventId === server.registry.get('district')!.current.seq && reading.model?.eventId === stalled.model?.eventId);
  t.deepEqual(stalled.disconnects, ['transport close'], 'a lost connection to the page, which reconnects by itself');

  const fresh = new Display(server.url);
  t.teardown(() => fresh.close());
  await until('a fresh display has its snapshot', () => !!fresh.model);
  t.deepEqual(visible(stalled.model), visible(fresh.model), 'the resumed display shows what a fresh one shows');
  t.deepEqual(visible(reading.model), visible(fresh.model), 'and so does the one that kept reading');
});

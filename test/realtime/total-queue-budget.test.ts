// Many wall displays stop reading at once (the hall's Wi-Fi fails): each stays under its own bound,
// so the server must bound what it holds for all of them together. Real socket.io clients, three
// reading and three with their TCP streams paused, each stalled one made to hold a different
// amount; then the hall broadcasts until the total passes a small budget (set by env). What a
// person would notice: the displays that read never lose their connection, the stalled ones are
// cut largest first, the server never holds much more than the budget, and a cut display, once it
// reads again, shows the hall as a freshly connected display does.
//
// The oracle reads engine.io's buffers itself (queuedAtServer), not the guard's bookkeeping.
import test from 'ava';
import { Display, queuedAtServer as queuedAt, until, visible } from '../helpers/stalled-display.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const KIB = 1024;
const BUDGET = 1024 * KIB;
/** A window's staff as the staff feature publishes it, padded: a big event that fills buffers fast. */
const FILLER = 'x'.repeat(64 * KIB);

/** Bytes the server holds for one display (engine.io's buffers), undefined once it is cut. */
const queuedAtServer = (server: TestServer, engineId: string) => queuedAt(server, engineId)?.bytes;

/** A padded staff event to one display only, and a turn for the server to check its sockets. */
async function sendTo(server: TestServer, display: Display, n: number) {
  for (let i = 0; i < n; i++) server.gateway.io.to(display.socket.id!).emit('window:staff', { hallId: 'district', windowId: '9', at: Date.now(), staff: { name: FILLER, staffNumber: String(i) } });
  await new Promise((r) => setTimeout(r, 5));
}

/** Pauses the display's TCP stream and sends to it until the kernel is full and the server queues for it. */
async function stall(server: TestServer, display: Display): Promise<boolean> {
  const engineId = display.socket.io.engine.id;
  display.tcp().pause();
  for (let sent = 0; !queuedAtServer(server, engineId) && sent < 2000; sent++) await sendTo(server, display, 1);
  return !!queuedAtServer(server, engineId);
}

test('past the total budget the stalled displays are cut largest first, the reading ones are untouched, and a cut one resyncs', async (t) => {
  // The per-socket bound far away: only the total acts here.
  const server = await startTestServer({ env: { REALTIME_MAX_QUEUED_BYTES: String(1024 ** 3), REALTIME_MAX_QUEUED_PACKETS: '1000000', REALTIME_MAX_QUEUED_TOTAL_BYTES: String(BUDGET) } });
  t.teardown(() => server.close());
  const readers = [new Display(server.url), new Display(server.url), new Display(server.url)];
  const stalled = [new Display(server.url), new Display(server.url), new Display(server.url)];
  t.teardown(() => [...readers, ...stalled].forEach((d) => d.socket.close()));
  await until('every display has a snapshot', () => [...readers, ...stalled].every((d) => d.model));
  const engineIds = stalled.map((d) => d.socket.io.engine.id);
  const heldBy = () => engineIds.map((id) => queuedAtServer(server, id));

  // Each stalled display stops reading; its own events fill the kernel until the server queues for
  // it, then it gets 6, 4 or 2 more (about 384, 256, 128 KiB: 768 KiB together, under the budget).
  for (const [i, display] of stalled.entries()) {
    t.true(await stall(server, display), `the kernel is full for stalled display ${i}`);
    await sendTo(server, display, 6 - 2 * i);
  }
  t.deepEqual(heldBy().map((b) => b !== undefined), [true, true, true], 'all three held, none cut yet');

  // The hall keeps working, and a padded event to every display crosses the budget now and then.
  const cutOrder: number[] = [];
  const services = ['business', 'social', 'estate'];
  for (let round = 0; cutOrder.length < 3 && round < 200; round++) {
    const before = heldBy();
    t.is((await server.api.issue(services[round % 3]!)).status, 201);
    if (round % 5 === 4) await server.api.window(String(1 + (round % 7)), 'next');
    server.gateway.publishToHall('district', 'window:staff', { hallId: 'district', windowId: '9', at: Date.now(), staff: { name: FILLER, staffNumber: `r${round}` } });
    await new Promise((r) => setTimeout(r, 5));
    const after = heldBy();
    const total = after.reduce<number>((n, b) => n + (b ?? 0), 0);
    // The check may leave the total over by the event that crossed it, for each socket still held.
    t.true(total <= BUDGET + 3 * (FILLER.length + 4 * KIB), `round ${round}: the server holds ${total} bytes for the stalled displays`);
    const cutNow = after.flatMap((b, i) => (b === undefined && before[i] !== undefined ? [i] : []));
    for (const i of cutNow) {
      const largest = Math.max(...before.map((b) => b ?? 0));
      t.is(before[i], largest, `round ${round}: display ${i} was cut holding ${before[i]} bytes, the most of ${JSON.stringify(before)}`);
    }
    cutOrder.push(...cutNow);
  }
  t.deepEqual(cutOrder, [0, 1, 2], 'cut largest first, one at a time');
  t.is(server.deps.slowConsumers?.dropped, 3, 'each counted once');
  for (const reader of readers) t.deepEqual(reader.disconnects, [], 'a display that reads stayed connected');

  // The first one cut reads again: it reconnects by itself and shows what a fresh display shows.
  stalled[0]!.tcp().resume();
  await until('the cut display reconnected', () => stalled[0]!.connects === 2);
  await until('it is at the newest event', () => stalled[0]!.model?.eventId === server.registry.get('district')!.current.seq);
  const fresh = new Display(server.url);
  t.teardown(() => fresh.socket.close());
  await until('a fresh display has its snapshot', () => !!fresh.model);
  t.deepEqual(visible(stalled[0]!.model), visible(fresh.model), 'the resynced display shows what a fresh one shows');
  t.deepEqual(visible(readers[0]!.model), visible(fresh.model), 'and so does one that kept reading');
});

test('while the heap is short a quarter of the budget is in force: stalled displays held within the budget are cut, largest first', async (t) => {
  const server = await startTestServer({ env: { REALTIME_MAX_QUEUED_BYTES: String(1024 ** 3), REALTIME_MAX_QUEUED_PACKETS: '1000000', REALTIME_MAX_QUEUED_TOTAL_BYTES: String(4 * BUDGET) } });
  t.teardown(() => server.close());
  const reader = new Display(server.url);
  const stalled = [new Display(server.url), new Display(server.url)];
  t.teardown(() => [reader, ...stalled].forEach((d) => d.socket.close()));
  await until('every display has a snapshot', () => [reader, ...stalled].every((d) => d.model));
  const engineIds = stalled.map((d) => d.socket.io.engine.id);
  // About 1 MiB and 640 KiB held: together under the 4 MiB budget, over its quarter.
  for (const [i, display] of stalled.entries()) {
    t.true(await stall(server, display), `the kernel is full for stalled display ${i}`);
    await sendTo(server, display, 16 - 6 * i);
  }
  const held = engineIds.map((id) => queuedAtServer(server, id)!);
  t.true(held[0]! > held[1]! && held[0]! + held[1]! > BUDGET && held[0]! + held[1]! < 4 * BUDGET, `held ${JSON.stringify(held)}`);

  server.gateway.slowConsumers.heapShort = () => true;
  // A ticket: an event to every display, and the check after it.
  t.is((await server.api.issue('business')).status, 201);
  await until('the larger stalled display is cut', () => queuedAtServer(server, engineIds[0]!) === undefined);
  t.truthy(queuedAtServer(server, engineIds[1]!), 'the smaller one, within the quarter once the larger is gone, is kept');
  t.is(server.deps.slowConsumers?.dropped, 1);
  t.deepEqual(reader.disconnects, [], 'the display that reads stayed connected');
  stalled[1]!.tcp().resume(); // else the server's close waits out the WebSocket's closing handshake
});

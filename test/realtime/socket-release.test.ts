// Displays connect and leave all day (a restart's reconnect storm, a device switched off, a page
// reloaded): whatever the node keeps for a socket must go when the socket goes, or a hall's node
// grows with every reconnect. Real socket.io clients connect (fresh, and resuming with their last
// event id), get live events, and leave: cleanly, or with their TCP connection cut; then the
// node's per-socket state, counted where each part is held, is back to none.
import test from 'ava';
import type { Socket } from 'socket.io-client';
import { demoDeployment, withoutNextGuard } from '../helpers/demo.ts';
import { LiveClient } from '../helpers/live-client.ts';
import { startTestServer } from '../helpers/server.ts';
import { Display, queuedAtServer, until } from '../helpers/stalled-display.ts';

const DISPLAYS = 150;
/** A third follow the whole hall, a third window 6 (where the calls happen), a third window 1. */
const followed = (i: number) => [undefined, '6', '1'][i % 3];
const NOTHING = { engineClients: 0, sockets: 0, rooms: 0, roomMemberships: 0, slowConsumerEntries: 0, awaitingSnapshot: 0 };

/** Cuts the client's TCP connection without a goodbye, as a display that loses power (the server sees "transport close"). */
function cutTcp(socket: Socket) {
  const transport = socket.io.engine.transport as unknown as { ws?: { terminate(): void } };
  transport.ws!.terminate();
}

test(`${DISPLAYS} displays that connect, resume, get calls and leave (cleanly or cut off) leave no per-socket state behind`, async (t) => {
  const server = await startTestServer({ deployment: withoutNextGuard(demoDeployment) });
  t.teardown(() => server.close());
  t.deepEqual(server.gateway.socketState(), NOTHING, 'a node with no display holds nothing per socket');

  const first = Array.from({ length: DISPLAYS }, (_, i) => new LiveClient(server.url, followed(i) ? { window: followed(i) } : {}));
  t.teardown(() => first.forEach((c) => c.close()));
  await Promise.all(first.map((c) => c.waitFor((r) => r.name === 'snapshot', 30_000)));
  // The count sees them: each socket in its own room and the one it follows (the hall's, window 6's, window 1's).
  t.like(server.gateway.socketState(), { engineClients: DISPLAYS, sockets: DISPLAYS, rooms: DISPLAYS + 3, roomMemberships: 2 * DISPLAYS });

  const issued = await server.api.issue('business');
  t.is(issued.status, 201);
  t.is((await server.api.window('6', 'call', { ticketId: issued.body.id })).status, 200);
  const isCall = (r: { name: string; payload: any }) => r.name === 'ticket:called' && r.payload.ticket.id === issued.body.id;
  await Promise.all(first.filter((_, i) => followed(i) !== '1').map((c) => c.waitFor(isCall, 30_000)));

  // Half leave cleanly and come back resuming from their last event id (no snapshot: they missed nothing);
  // the other half lose their connection.
  const leaving = first.filter((_, i) => i % 2 === 0);
  const resumed = leaving.map((c, k) => {
    const i = k * 2;
    c.close();
    return new LiveClient(server.url, { lastEventId: c.lastEventId()!, ...(followed(i) ? { window: followed(i) } : {}) });
  });
  t.teardown(() => resumed.forEach((c) => c.close()));
  await until('every resumed display is connected', () => resumed.every((c) => c.socket.connected), 30_000);
  t.is((await server.api.window('6', 'recall')).status, 200);
  const isRecall = (r: { name: string; payload: any }) => r.name === 'ticket:recalled' && r.payload.ticket.id === issued.body.id;
  await Promise.all(resumed.filter((_, k) => followed(k * 2) !== '1').map((c) => c.waitFor(isRecall, 30_000)));
  t.like(server.gateway.socketState(), { engineClients: DISPLAYS, sockets: DISPLAYS, rooms: DISPLAYS + 3, roomMemberships: 2 * DISPLAYS });

  for (const c of first.filter((_, i) => i % 2 === 1)) cutTcp(c.socket);
  for (const c of resumed) c.close();
  await until('the node has seen every display leave', () => server.gateway.socketState().engineClients === 0, 30_000);
  t.deepEqual(server.gateway.socketState(), NOTHING);
});

/** A window's staff as the staff feature publishes it, padded: a big event that fills buffers fast. */
const FILLER = 'x'.repeat(64 * 1024);

test('a display that stopped reading and then drops off takes what the node queued for it along', async (t) => {
  const server = await startTestServer();
  t.teardown(() => server.close());
  const reader = new Display(server.url);
  const stalled = new Display(server.url);
  t.teardown(() => [reader, stalled].forEach((d) => d.close()));
  await until('both displays have a snapshot', () => !!reader.model && !!stalled.model);
  const engineId = stalled.socket.io.engine.id;

  // Its TCP stream paused, padded events to it alone fill the kernel until the server queues for it
  // (what engine.io itself holds is the oracle), then two more: under the per-socket bound, so it is kept.
  stalled.tcp().pause();
  const sendOne = async (i: number) => {
    server.gateway.io.to(stalled.socket.id!).emit('window:staff', { hallId: 'district', windowId: '9', at: Date.now(), staff: { name: FILLER, staffNumber: String(i) } });
    await new Promise((r) => setTimeout(r, 5));
  };
  for (let i = 0; !queuedAtServer(server, engineId)?.bytes && i < 2000; i++) await sendOne(i);
  await sendOne(-1);
  await sendOne(-2);
  const held = queuedAtServer(server, engineId)?.bytes ?? 0;
  t.true(held > 0, 'the node queues for the stalled display');
  t.like(server.gateway.socketState(), { engineClients: 2, slowConsumerEntries: 1 });

  // The device is switched off: its connection is gone without a goodbye.
  cutTcp(stalled.socket);
  reader.close();
  await until('the node has seen both displays leave', () => server.gateway.socketState().engineClients === 0);
  t.deepEqual(server.gateway.socketState(), NOTHING);
  t.is(server.gateway.slowConsumers.queuedTotalBytes, 0, 'nothing counted as queued for sockets that are gone');
});

// A server restart makes every display reconnect at once. Each must get one snapshot, no live event
// before it, and a call made while they connect must reach each display that follows the window
// exactly once: already in its snapshot, or as a live event after it (never both, never neither).
import test from 'ava';
import { demoDeployment, withoutNextGuard } from '../helpers/demo.ts';
import { LiveClient, type Received } from '../helpers/live-client.ts';
import { startTestServer } from '../helpers/server.ts';

const DISPLAYS = 300;

/** A third follow the whole hall, a third window 6 (where the call happens), a third window 1. */
const followed = (i: number) => [undefined, '6', '1'][i % 3];

test(`${DISPLAYS} displays connecting at once each get a snapshot, and a call made meanwhile reaches each once`, async (t) => {
  const server = await startTestServer({ deployment: withoutNextGuard(demoDeployment) });
  t.teardown(() => server.close());
  const issued = await server.api.issue('business');
  t.is(issued.status, 201);

  const clients = Array.from({ length: DISPLAYS }, (_, i) => new LiveClient(server.url, followed(i) ? { window: followed(i) } : {}));
  t.teardown(() => clients.forEach((c) => c.close()));
  // The call comes once a third of them are in, so the rest connect around and after it.
  const served = () => clients.filter((c) => c.received.some((r) => r.name === 'snapshot')).length;
  while (served() < DISPLAYS / 3) await new Promise((r) => setTimeout(r, 5));
  const called = await server.api.window('6', 'call', { ticketId: issued.body.id });
  t.is(called.status, 200);
  await Promise.all(clients.map((c) => c.waitFor((r) => r.name === 'snapshot', 30_000)));

  // Markers after everything: socket.io keeps order per socket, so once a display has its marker,
  // whatever was sent to it before has arrived.
  t.is((await server.api.window('6', 'recall')).status, 200);
  t.is((await server.api.window('1', 'pause', { reason: 'break' })).status, 200);
  const isRecall = (r: Received) => r.name === 'ticket:recalled' && r.payload.ticket.id === issued.body.id;
  const isPause = (r: Received) => r.name === 'window:updated' && r.payload.window.id === '1';
  await Promise.all(clients.map((c, i) => (followed(i) === '1' ? c.waitFor(isPause, 30_000) : c.waitFor(isRecall, 30_000))));

  let inSnapshot = 0;
  for (const [i, c] of clients.entries()) {
    const snapshots = c.received.filter((r) => r.name === 'snapshot');
    t.is(snapshots.length, 1, `display ${i} got one snapshot`);
    t.is(c.received[0]!.name, 'snapshot', `display ${i} got no live event before its snapshot`);
    const snapshot = snapshots[0]!.payload;
    const after = c.received.slice(1);
    t.true(
      after.every((r) => r.payload.eventId === undefined || r.payload.eventId > snapshot.eventId),
      `display ${i}: every live event is newer than its snapshot`,
    );
    const liveCalls = after.filter((r) => r.name === 'ticket:called' && r.payload.ticket.id === issued.body.id).length;
    const shown = snapshot.windows.find((w: { id: string }) => w.id === '6')?.current?.id === issued.body.id;
    if (followed(i) === '1') {
      t.is(liveCalls, 0, `display ${i} follows window 1, not window 6`);
      continue;
    }
    t.is(liveCalls + (shown ? 1 : 0), 1, `display ${i} learns of the call exactly once`);
    if (shown) inSnapshot++;
  }
  t.log(`${inSnapshot} of ${(DISPLAYS * 2) / 3} displays following window 6 had the call in their snapshot, the others got it live`);
});

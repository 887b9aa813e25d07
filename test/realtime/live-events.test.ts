// Live events over a real socket.io connection: snapshot on connect, calls as they happen,
// rooms per window, and resuming after a drop with the last event id.
import test from 'ava';
import { LiveClient } from '../helpers/live-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
test.before(async () => {
  server = await startTestServer();
});
test.after.always(async () => {
  await server?.close();
});

test.serial('a client gets a snapshot, then ticket:called after POST next', async (t) => {
  const client = new LiveClient(server.url);
  t.teardown(() => client.close());
  const snapshot = await client.waitFor((r) => r.name === 'snapshot');
  t.is(snapshot.payload.hallId, 'district');
  t.is(snapshot.payload.windows.length, 9);

  const issued = await server.api.issue('business');
  await client.waitFor((r) => r.name === 'ticket:issued' && r.payload.ticket.id === issued.body.id);
  const called = await server.api.window('1', 'next');
  t.is(called.status, 200);
  const event = await client.waitFor((r) => r.name === 'ticket:called');
  t.is(event.payload.ticket.number, issued.body.number);
  t.is(event.payload.window.id, '1');
  t.is(event.payload.ticket.windowNumber, 1);
  t.true(event.payload.eventId > snapshot.payload.eventId);
});

test.serial('event ids increase by one; a window display only hears its own window', async (t) => {
  const hall = new LiveClient(server.url);
  const window2 = new LiveClient(server.url, { window: '2' });
  t.teardown(() => (hall.close(), window2.close()));
  await Promise.all([hall.waitFor((r) => r.name === 'snapshot'), window2.waitFor((r) => r.name === 'snapshot')]);

  await server.api.issue('tax');
  await server.api.issue('tax');
  await server.api.window('1', 'next');
  await server.api.window('2', 'next');
  await hall.waitFor((r) => r.name === 'ticket:called' && r.payload.window.id === '2');
  await window2.waitFor((r) => r.name === 'ticket:called');

  const ids = hall.received.filter((r) => r.name !== 'snapshot').map((r) => r.payload.eventId);
  t.deepEqual(ids, ids.map((_, i) => ids[0] + i));
  const windowEvents = window2.received.filter((r) => r.name !== 'snapshot');
  t.true(windowEvents.length > 0);
  t.true(windowEvents.every((r) => r.payload.window?.id === '2'));
});

test.serial('a client that reconnects with its last event id receives what it missed', async (t) => {
  const first = new LiveClient(server.url);
  await first.waitFor((r) => r.name === 'snapshot');
  await server.api.issue('estate');
  await first.waitFor((r) => r.name === 'ticket:issued');
  const lastSeen = first.lastEventId()!;
  first.close();

  const a = await server.api.issue('estate');
  const b = await server.api.issue('estate');
  const call = await server.api.window('5', 'next');
  t.is(call.status, 200);

  const again = new LiveClient(server.url, { lastEventId: lastSeen });
  t.teardown(() => again.close());
  await again.waitFor((r) => r.name === 'ticket:called' && r.payload.window.id === '5');
  t.false(again.received.some((r) => r.name === 'snapshot'), 'resumed, no snapshot needed');
  const names = again.received.map((r) => `${r.name}:${r.payload.ticket?.number ?? ''}`);
  t.true(names.includes(`ticket:issued:${a.body.number}`));
  t.true(names.includes(`ticket:issued:${b.body.number}`));
  const ids = again.received.map((r) => r.payload.eventId);
  t.is(ids[0], lastSeen + 1);
  t.deepEqual(ids, [...ids].sort((x, y) => x - y));
});

test.serial('a client whose last event id is unknown gets a fresh snapshot', async (t) => {
  const client = new LiveClient(server.url, { lastEventId: 10_000_000 });
  t.teardown(() => client.close());
  const snap = await client.waitFor((r) => r.name === 'snapshot');
  t.is(snap.payload.eventId, server.registry.get('district')!.current.seq);
});

test.serial('public events carry no visitor data', async (t) => {
  const client = new LiveClient(server.url);
  t.teardown(() => client.close());
  await client.waitFor((r) => r.name === 'snapshot');
  const res = await server.api.post('/api/tickets', { service: 'medical', visitor: { name: '李四', phone: '13912345678', company: '某某科技有限公司' } }, 'demo-triage');
  await client.waitFor((r) => r.name === 'ticket:issued' && r.payload.ticket.id === res.body.id);
  const text = JSON.stringify(client.received);
  t.false(text.includes('李四'));
  t.false(text.includes('13912345678'));
  t.false(text.includes('某某科技'));
});

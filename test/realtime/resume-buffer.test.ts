// The resume buffer keeps at least its size of the newest events however many have passed through
// it (it is trimmed a slice at a time): a display resuming from any of them gets exactly what it
// missed, in order; one resuming from before everything kept gets a snapshot.
import test from 'ava';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RealtimeGateway } from '../../server/realtime/gateway.ts';
import { LiveClient } from '../helpers/live-client.ts';
import { startTestServer } from '../helpers/server.ts';

const KEPT = 5;

test('a gateway keeping 5 events resumes a display from any of the last 5, before and after each trim', async (t) => {
  const server = await startTestServer();
  t.teardown(() => server.close());
  // A second gateway on the same halls, with a small buffer, on an http server of its own.
  const http = createServer();
  const small = new RealtimeGateway(http, server.registry, { bufferSize: KEPT });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  t.teardown(async () => {
    await small.close();
    http.close();
  });
  const smallUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  // The oracle: every ticket:issued as the main gateway (buffer 2,000) sends it live.
  const watcher = new LiveClient(server.url);
  t.teardown(() => watcher.close());
  await watcher.waitFor((r) => r.name === 'snapshot');
  const issuedAt = new Map<number, string>();
  watcher.socket.on('ticket:issued', (e) => void issuedAt.set(e.eventId, e.ticket.id));
  const first = await server.api.issue('social');
  const firstEvent = await watcher.waitFor((r) => r.name === 'ticket:issued' && r.payload.ticket.id === first.body.id);

  /** Resumes a display on the small gateway after missing the last `missed` events; what it got. */
  const resume = async (missed: number) => {
    const last = server.registry.get('district')!.current.seq;
    await watcher.waitFor((r) => r.payload?.eventId === last);
    const display = new LiveClient(smallUrl, { lastEventId: last - missed });
    await display.waitFor((r) => r.payload?.eventId === last);
    display.close();
    t.false(display.received.some((r) => r.name === 'snapshot'), `resumed after missing ${missed} of ${last}`);
    const expected = Array.from({ length: missed }, (_, i) => issuedAt.get(last - missed + 1 + i));
    t.deepEqual(display.received.map((r) => r.payload.ticket.id), expected);
  };

  // One event per append, so the buffer passes its trims one event at a time: from around the
  // first trim on (the buffer at its fullest, then just trimmed), a display that missed the most
  // the buffer must keep still resumes.
  for (let i = 0; i < 250; i++) t.is((await server.api.issue('social')).status, 201);
  for (let i = 0; i < 20; i++) {
    t.is((await server.api.issue('social')).status, 201);
    await resume(KEPT);
  }
  // Appends of many events each, then every resume point the buffer must keep.
  for (let round = 0; round < 15; round++) {
    const batch = await Promise.all(Array.from({ length: 20 }, () => server.api.issue('social')));
    t.true(batch.every((r) => r.status === 201));
  }
  for (let missed = 1; missed <= KEPT; missed++) await resume(missed);

  const tooOld = new LiveClient(smallUrl, { lastEventId: firstEvent.payload.eventId });
  t.teardown(() => tooOld.close());
  const snapshot = await tooOld.waitFor((r) => r.name === 'snapshot');
  t.is(snapshot.payload.eventId, server.registry.get('district')!.current.seq);
});

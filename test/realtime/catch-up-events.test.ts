// A node that catches up several events at once (appended by another node while it was not looking)
// emits each live event as the hall was right after that event: the ticket:issued of a ticket that is
// already called in the same batch still says "waiting". A client resuming from its last event id
// gets the very same payloads from the resume buffer.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { LiveClient } from '../helpers/live-client.ts';
import { startTestServer } from '../helpers/server.ts';

test('a caught-up batch: ticket:issued says waiting, ticket:called says called, and a resumed client gets the same', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-batch-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const a = await startTestServer({ dataDir });
  t.teardown(() => a.close());
  const first = await a.api.issue('business');
  t.is(first.status, 201);

  // Node B shares the file but looks for other nodes' appends only once an hour: it folds what A
  // appends in one batch when a client tells it there is more.
  const bStore = new SqliteEventStore(join(dataDir, 'onewindow.sqlite'), { pollMs: 3_600_000 });
  const b = await startTestServer({ dataDir, store: bStore });
  t.teardown(async () => {
    await b.close();
    await bStore.close();
  });
  const watcher = new LiveClient(b.url);
  t.teardown(() => watcher.close());
  await watcher.waitFor((r) => r.name === 'snapshot');
  const before = b.registry.get('district')!.position;

  const issued = await a.api.issue('business');
  const called = await a.api.window('6', 'call', { ticketId: issued.body.id });
  t.is(called.status, 200);
  t.is(b.registry.get('district')!.position, before, 'B has not seen A’s events yet');

  const nudge = new LiveClient(b.url, { lastEventId: a.registry.get('district')!.position });
  t.teardown(() => nudge.close());
  const issuedEvent = await watcher.waitFor((r) => r.name === 'ticket:issued' && r.payload.ticket.id === issued.body.id);
  const calledEvent = await watcher.waitFor((r) => r.name === 'ticket:called' && r.payload.ticket.id === issued.body.id);
  t.is(issuedEvent.payload.ticket.status, 'waiting');
  t.is(issuedEvent.payload.ticket.windowId, undefined);
  t.is(issuedEvent.payload.waiting.business, 2, 'right after the issue, two business tickets waited');
  t.is(calledEvent.payload.ticket.status, 'called');
  t.is(calledEvent.payload.ticket.windowId, '6');
  t.is(calledEvent.payload.waiting.business, 1);

  const resumed = new LiveClient(b.url, { lastEventId: before });
  t.teardown(() => resumed.close());
  const again = await resumed.waitFor((r) => r.name === 'ticket:called' && r.payload.ticket.id === issued.body.id);
  const resumedIssued = resumed.received.find((r) => r.name === 'ticket:issued' && r.payload.ticket.id === issued.body.id);
  t.deepEqual(resumedIssued?.payload, issuedEvent.payload);
  t.deepEqual(again.payload, calledEvent.payload);
});

// The announcement is added to a call when it is first sent: calls made while no display listened
// reach a display that resumes later with their announcement, worded as the hall says it, and two
// displays resuming from the same point get the same payloads.
import test from 'ava';
import { voicePlugin } from '../../voice/plugin.ts';
import { LiveClient } from '../helpers/live-client.ts';
import { startTestServer } from '../helpers/server.ts';

test('calls made while nobody listened carry their announcement to a display that resumes', async (t) => {
  const server = await startTestServer({ plugins: [voicePlugin()], env: { VOICE_ENGINE: 'none' } as Record<string, string> });
  t.teardown(() => server.close());

  const first = new LiveClient(server.url);
  await first.waitFor((r) => r.name === 'snapshot');
  const before = await server.api.issue('social');
  await first.waitFor((r) => r.name === 'ticket:issued' && r.payload.ticket.id === before.body.id);
  const lastSeen = first.lastEventId()!;
  first.close();

  // Nobody listens now.
  const issued = await server.api.issue('social');
  t.is((await server.api.window('3', 'call', { ticketId: issued.body.id })).status, 200);
  t.is((await server.api.window('3', 'recall')).status, 200);

  const resumed = new LiveClient(server.url, { lastEventId: lastSeen });
  const window3 = new LiveClient(server.url, { window: '3', lastEventId: lastSeen });
  t.teardown(() => (resumed.close(), window3.close()));
  const recalled = await resumed.waitFor((r) => r.name === 'ticket:recalled');
  const called = resumed.received.find((r) => r.name === 'ticket:called')!;
  t.false(resumed.received.some((r) => r.name === 'snapshot'), 'resumed from the buffer');
  t.deepEqual(
    called.payload.announcement.phrases.map((p: { text: string }) => p.text),
    [`请 ${issued.body.number} 号 到 3 号窗口 办理`, `Number ${issued.body.number.split('').join(' ')}, please go to window 3`],
  );
  t.is(recalled.payload.announcement.phrases[0].text, `请 ${issued.body.number} 号 再次到 3 号窗口 办理`);
  const issuedEvent = resumed.received.find((r) => r.name === 'ticket:issued' && r.payload.ticket.id === issued.body.id)!;
  t.is(issuedEvent.payload.announcement, undefined, 'an issue is not announced');

  // The window display resumed from the same point: the same two calls, the same payloads.
  const windowRecalled = await window3.waitFor((r) => r.name === 'ticket:recalled');
  const windowCalled = window3.received.find((r) => r.name === 'ticket:called')!;
  t.deepEqual(windowCalled.payload, called.payload);
  t.deepEqual(windowRecalled.payload, recalled.payload);
});

test('a call heard live and the same call resumed later carry the same announcement', async (t) => {
  const server = await startTestServer({ plugins: [voicePlugin()], env: { VOICE_ENGINE: 'none' } as Record<string, string> });
  t.teardown(() => server.close());
  const live = new LiveClient(server.url);
  t.teardown(() => live.close());
  await live.waitFor((r) => r.name === 'snapshot');
  // The day starts with the first ticket (a resume across a new day is a snapshot): resume after it.
  const first = await server.api.issue('tax');
  const firstIssued = await live.waitFor((r) => r.name === 'ticket:issued' && r.payload.ticket.id === first.body.id);
  const issued = await server.api.issue('tax');
  await server.api.window('2', 'call', { ticketId: issued.body.id });
  const heard = await live.waitFor((r) => r.name === 'ticket:called');
  t.is(heard.payload.announcement.phrases[0].text, `请 ${issued.body.number} 号 到 2 号窗口 办理`);

  const later = new LiveClient(server.url, { lastEventId: firstIssued.payload.eventId });
  t.teardown(() => later.close());
  const again = await later.waitFor((r) => r.name === 'ticket:called');
  t.false(later.received.some((r) => r.name === 'snapshot'), 'resumed from the buffer');
  t.deepEqual(again.payload, heard.payload);
});

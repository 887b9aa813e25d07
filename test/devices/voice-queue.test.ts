// The speaker's queue with a stubbed engine and fake timers: order, no overlap, recalls, and the
// drop policy when calls come faster than they can be spoken.
import test from 'ava';
import sinon from 'sinon';
import { PlayQueue, type QueuedAnnouncement } from '../../voice/play-queue.ts';

const SPEAK_MS = 4000;

function item(number: string, kind: 'call' | 'recall' = 'call', windowId = '3'): QueuedAnnouncement {
  return {
    id: `${number}-${kind}-${Math.random()}`,
    ticketId: `t-${number}`,
    number,
    windowId,
    kind,
    announcement: { phrases: [{ lang: 'zh', text: `请 ${number} 号 到 ${windowId} 号窗口 办理` }], repeat: 1 },
  };
}

/** A stub engine that "speaks" for SPEAK_MS of fake time and records when each announcement ran. */
function stubEngine(clock: sinon.SinonFakeTimers) {
  const spans: { number: string; kind: string; start: number; end: number }[] = [];
  let speaking = 0;
  let maxSpeaking = 0;
  const play = sinon.stub().callsFake(async (it: QueuedAnnouncement) => {
    speaking++;
    maxSpeaking = Math.max(maxSpeaking, speaking);
    const start = clock.now;
    await new Promise((r) => setTimeout(r, SPEAK_MS));
    spans.push({ number: it.number, kind: it.kind, start, end: clock.now });
    speaking--;
  });
  return { play, spans, maxSpeaking: () => maxSpeaking };
}

test.serial('announcements play in call order, one at a time', async (t) => {
  const clock = sinon.useFakeTimers();
  t.teardown(() => clock.restore());
  const engine = stubEngine(clock);
  const queue = new PlayQueue(engine, { maxPending: 10, gapMs: 500 });
  for (const n of ['A001', 'B002', 'C003', 'A004']) queue.enqueue(item(n));
  await clock.tickAsync(60_000);
  t.deepEqual(engine.spans.map((s) => s.number), ['A001', 'B002', 'C003', 'A004']);
  t.is(engine.maxSpeaking(), 1);
  for (let i = 1; i < engine.spans.length; i++) t.true(engine.spans[i]!.start >= engine.spans[i - 1]!.end + 500);
});

test.serial('a recall is announced again after its call', async (t) => {
  const clock = sinon.useFakeTimers();
  t.teardown(() => clock.restore());
  const engine = stubEngine(clock);
  const queue = new PlayQueue(engine, { gapMs: 500 });
  queue.enqueue(item('A001'));
  await clock.tickAsync(SPEAK_MS + 100);
  queue.enqueue(item('A001', 'recall'));
  await clock.tickAsync(30_000);
  t.deepEqual(engine.spans.map((s) => `${s.number}:${s.kind}`), ['A001:call', 'A001:recall']);
  t.is(engine.play.callCount, 2);
});

test.serial('a recall while the same ticket still waits to be spoken is said once, in its place', async (t) => {
  const clock = sinon.useFakeTimers();
  t.teardown(() => clock.restore());
  const engine = stubEngine(clock);
  const queue = new PlayQueue(engine, { gapMs: 500 });
  queue.enqueue(item('A001'));
  queue.enqueue(item('B002'));
  queue.enqueue(item('C003'));
  queue.enqueue(item('B002', 'recall'));
  await clock.tickAsync(60_000);
  t.deepEqual(engine.spans.map((s) => `${s.number}:${s.kind}`), ['A001:call', 'B002:recall', 'C003:call']);
});

test.serial('when calls outrun the speaker the queue stays bounded and drops the oldest not yet started', async (t) => {
  const clock = sinon.useFakeTimers();
  t.teardown(() => clock.restore());
  const engine = stubEngine(clock);
  const dropped: string[] = [];
  const queue = new PlayQueue(engine, { maxPending: 3, gapMs: 500, onDrop: (d) => dropped.push(d.number) });
  queue.enqueue(item('A001', 'call', '1'));
  await clock.tickAsync(10); // A001 is now being spoken
  for (let n = 2; n <= 8; n++) {
    queue.enqueue(item(`A00${n}`, 'call', String(n)));
    t.true(queue.pending.length <= 3);
  }
  await clock.tickAsync(120_000);
  // The one speaking is never cut off; the three newest calls are still announced.
  t.deepEqual(engine.spans.map((s) => s.number), ['A001', 'A006', 'A007', 'A008']);
  t.deepEqual(dropped, ['A002', 'A003', 'A004', 'A005']);
  t.is(engine.maxSpeaking(), 1);
});

test.serial('an engine failure skips that announcement and the queue goes on', async (t) => {
  const clock = sinon.useFakeTimers();
  t.teardown(() => clock.restore());
  const engine = stubEngine(clock);
  engine.play.onFirstCall().rejects(new Error('sound device busy'));
  const errors: string[] = [];
  const queue = new PlayQueue(engine, { gapMs: 500, onError: (it) => errors.push(it.number) });
  queue.enqueue(item('A001'));
  queue.enqueue(item('A002'));
  await clock.tickAsync(30_000);
  t.deepEqual(errors, ['A001']);
  t.deepEqual(engine.spans.map((s) => s.number), ['A002']);
});

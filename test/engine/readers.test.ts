// States are values: what a reader took from engine.current before an await is what it reads after
// it, whatever the engine folded meanwhile; and a command's result is what its retry gets, on
// another node too. Real SQLite files; the oracle is a serialization taken when the reader took
// the state, and the log.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ticketById, ticketList } from '../../server/domain/ticket-table.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { fingerprintOf } from '../../server/engine/idempotency.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { streams } from '../../server/store/streams.ts';
import { demoHall, withoutNextGuard, demoDeployment } from '../helpers/demo.ts';

const hall = withoutNextGuard(demoDeployment).halls[0]!;
const NINE = Date.parse('2026-11-27T09:00:00+08:00');

function tempStore(t: import('ava').ExecutionContext) {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-readers-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'log.sqlite');
}

test('a reader holding engine.current across awaits sees the same tickets, queues and windows', async (t) => {
  const store = new SqliteEventStore(tempStore(t));
  t.teardown(() => store.close());
  const clock = { now: NINE };
  const engine = new HallEngine(hall, store, { clock: () => clock.now });
  await engine.start();
  t.teardown(() => engine.stop());
  for (let i = 0; i < 40; i++) await engine.execute({ type: 'issue', serviceId: 'social', lane: i % 4 ? 'normal' : 'elderly' });
  const held = engine.current;
  const seen = JSON.stringify(held);
  const waiting = ticketList(held.tickets).filter((x) => x.status === 'waiting').length;

  // Calls, a transfer, a cancel, a no-show and its reactivation, a pause: every kind of change.
  const firstCalled = (await engine.execute({ type: 'callNext', windowId: '3' })).result.calledTicketId!;
  await engine.execute({ type: 'transfer', windowId: '3', toServiceId: 'business' });
  await engine.execute({ type: 'callNext', windowId: '3' });
  const missed = (await engine.execute({ type: 'noShow', windowId: '3' })).result.ticketId;
  await engine.execute({ type: 'reactivate', ticketId: missed });
  await engine.execute({ type: 'cancel', ticketId: ticketList(engine.current.tickets).find((x) => x.status === 'waiting')!.id });
  await engine.execute({ type: 'pauseWindow', windowId: '3' });
  // And the next service day, which empties the working state.
  clock.now += 24 * 3600_000;
  await engine.execute({ type: 'rollDay' });

  t.is(engine.current.tickets.size, 0, 'the engine moved on to a new day');
  t.is(JSON.stringify(held), seen, 'the held state is exactly as it was taken');
  t.is(ticketList(held.tickets).filter((x) => x.status === 'waiting').length, waiting);
  t.is(ticketById(held.tickets, firstCalled)!.status, 'waiting');
});

test('a retry with the same key on another node gets the first run\'s result, not a new decision', async (t) => {
  const file = tempStore(t);
  const storeA = new SqliteEventStore(file);
  t.teardown(() => storeA.close());
  const storeB = new SqliteEventStore(file);
  t.teardown(() => storeB.close());
  const clock = { now: NINE };
  const a = new HallEngine(hall, storeA, { clock: () => clock.now });
  const b = new HallEngine(hall, storeB, { clock: () => clock.now + 1000 });
  await a.start();
  t.teardown(() => a.stop());
  await b.start();
  t.teardown(() => b.stop());

  const issued = await a.execute({ type: 'issue', serviceId: 'social', lane: 'normal' }, { role: 'kiosk', name: 'k1' }, { key: 'issue-1' });
  clock.now += 60_000;
  await a.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  const first = await a.execute({ type: 'callNext', windowId: '3' }, { role: 'clerk', name: 'c3' }, { key: 'press-1' });
  t.is(first.result.calledTicketId, issued.result.ticket.id);

  const retried = await b.execute({ type: 'callNext', windowId: '3' }, { role: 'clerk', name: 'c3' }, { key: 'press-1' });
  t.true(retried.replayed);
  t.deepEqual(retried.result, first.result);
  const reissued = await b.execute({ type: 'issue', serviceId: 'social', lane: 'normal' }, { role: 'kiosk', name: 'k1' }, { key: 'issue-1' });
  t.true(reissued.replayed);
  t.is(reissued.result.ticket.number, issued.result.ticket.number);
  const log = await storeA.read(streams.hall(hall.id), 0);
  t.is(log.filter((e) => e.type === 'ticket:called').length, 1, 'one call in the log');
  t.is(log.filter((e) => e.type === 'ticket:issued').length, 2, 'two tickets in the log');
});

test('the first command after midnight starts the day in the same append, and its result is today\'s', async (t) => {
  const store = new SqliteEventStore(tempStore(t));
  t.teardown(() => store.close());
  const clock = { now: NINE };
  const engine = new HallEngine(demoHall, store, { clock: () => clock.now });
  await engine.start();
  t.teardown(() => engine.stop());
  await engine.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  clock.now += 24 * 3600_000;
  const { events, result } = await engine.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  t.deepEqual(events.map((e) => e.type), ['day:started', 'ticket:issued']);
  t.is(events[1]!.seq, events[0]!.seq + 1);
  t.is(result.ticket.serviceDay, '2026-11-28');
  t.is(result.ticket.number.slice(1), '001');
  const again = await engine.execute({ type: 'rollDay' });
  t.deepEqual(again.events, [], 'the day timer finds the day already started');
  t.deepEqual(again.result, { serviceDay: '2026-11-28', started: false });
});

test('a key recorded before results were (no result in its mark) still answers with the called ticket', async (t) => {
  const store = new SqliteEventStore(tempStore(t));
  t.teardown(() => store.close());
  const engine = new HallEngine(hall, store, { clock: () => NINE });
  await engine.start();
  t.teardown(() => engine.stop());
  const a = (await engine.execute({ type: 'issue', serviceId: 'social', lane: 'normal' })).result.ticket;
  await engine.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  // What an older version appended for a keyed "next": the mark without a result.
  const command = { type: 'callNext', windowId: '3' } as const;
  const actor = { role: 'clerk', name: 'c3' };
  const mark = { key: 'old-press', fingerprint: fingerprintOf(command), count: 1 };
  await store.append(streams.hall(hall.id), engine.position, [{ type: 'ticket:called', hallId: hall.id, at: NINE, actor, data: { ticketId: a.id, windowId: '3' }, idempotency: mark } as never]);
  const retried = await engine.execute(command, actor, { key: 'old-press' });
  t.true(retried.replayed);
  t.deepEqual(retried.result, { calledTicketId: a.id });
});

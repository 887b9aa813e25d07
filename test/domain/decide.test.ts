// Given/when/then specs of the hall's rules, on the pure decide/evolve.
import test from 'ava';
import { DomainError } from '../../server/domain/errors.ts';
import { MINUTE, NINE_AM, Scenario, smallHall } from '../helpers/decider.ts';

const refused = (t: import('ava').ExecutionContext, fn: () => unknown, code: string) => {
  const err = t.throws(fn, { instanceOf: DomainError });
  t.is((err as DomainError).code as string, code);
};

test('numbers are prefix + 3 digits, counted per service', (t) => {
  const s = new Scenario();
  t.deepEqual([s.issue('biz'), s.issue('biz'), s.issue('soc'), s.issue('biz')], ['A001', 'A002', 'B001', 'A003']);
});

test('the first command of a day starts the service day', (t) => {
  const s = new Scenario();
  const events = s.run({ type: 'issue', serviceId: 'biz', lane: 'normal' });
  t.deepEqual(events.map((e) => e.type), ['day:started', 'ticket:issued']);
  t.is(s.state.serviceDay, '2026-11-27');
});

test('an unknown service or a lane the hall does not offer is refused', (t) => {
  const s = new Scenario();
  refused(t, () => s.run({ type: 'issue', serviceId: 'nope', lane: 'normal' }), 'unknown_service');
  const noGreen = new Scenario({ ...s.hall, lanes: ['normal'] });
  refused(t, () => noGreen.run({ type: 'issue', serviceId: 'biz', lane: 'green' }), 'lane_not_offered');
});

test('next on an empty queue calls nobody', (t) => {
  const s = new Scenario();
  t.is(s.next('w1'), undefined);
});

test('green channel first, then appointments, then elderly and normal', (t) => {
  const s = new Scenario();
  s.issue('biz', 'normal');
  s.issue('biz', 'elderly');
  s.issue('biz', 'appointment');
  s.issue('biz', 'green');
  t.deepEqual([s.advance(MINUTE).next('w1'), s.advance(MINUTE).next('w1'), s.advance(MINUTE).next('w1'), s.advance(MINUTE).next('w1')], ['A004', 'A003', 'A002', 'A001']);
});

test('at most elderlyStreakMax elderly calls in a row while a normal ticket waits', (t) => {
  const s = new Scenario();
  s.issue('biz', 'normal'); // A001
  for (let i = 0; i < 4; i++) s.issue('biz', 'elderly'); // A002..A005
  t.deepEqual([s.advance(MINUTE).next('w1'), s.advance(MINUTE).next('w1'), s.advance(MINUTE).next('w1'), s.advance(MINUTE).next('w1'), s.advance(MINUTE).next('w1')], ['A002', 'A003', 'A001', 'A004', 'A005']);
});

test('the elderly window prefers elderly tickets and falls back to others', (t) => {
  const s = new Scenario();
  s.issue('biz', 'normal'); // A001
  s.issue('soc', 'elderly'); // B001
  s.issue('soc', 'elderly'); // B002
  s.issue('soc', 'elderly'); // B003
  t.deepEqual([s.advance(MINUTE).next('w3'), s.advance(MINUTE).next('w3'), s.advance(MINUTE).next('w3'), s.advance(MINUTE).next('w3')], ['B001', 'B002', 'B003', 'A001']);
});

test('a window gets only the services it serves', (t) => {
  const s = new Scenario();
  s.issue('soc');
  t.is(s.next('w2'), undefined);
  t.is(s.next('w1'), 'B001');
});

test('FIFO within a lane and service', (t) => {
  const s = new Scenario();
  for (let i = 0; i < 3; i++) s.advance(MINUTE).issue('biz');
  t.deepEqual([s.advance(MINUTE).next('w1'), s.advance(MINUTE).next('w2'), s.advance(MINUTE).next('w1')], ['A001', 'A002', 'A003']);
});

test('a ticket past the max wait goes before every lane rule', (t) => {
  const s = new Scenario();
  s.issue('biz', 'normal'); // A001 at 9:00
  s.advance(61 * MINUTE);
  s.issue('biz', 'green'); // A002 at 10:01
  t.is(s.advance(MINUTE).next('w1'), 'A001');
  t.is(s.advance(MINUTE).next('w1'), 'A002');
});

test('pressing next finishes the ticket still at the window', (t) => {
  const s = new Scenario();
  s.issue('biz');
  s.issue('biz');
  s.next('w1');
  s.run({ type: 'start', windowId: 'w1' });
  const events = s.run({ type: 'callNext', windowId: 'w1' });
  t.deepEqual(events.map((e) => e.type), ['ticket:finished', 'ticket:called']);
  t.is(s.ticket('A001').status, 'done');
  t.is(s.state.windows.w1!.currentTicketId, s.ticket('A002').id);
});

test('recall, start, finish walk a ticket through; the times are kept', (t) => {
  const s = new Scenario();
  s.issue('biz');
  s.advance(MINUTE).next('w1');
  s.advance(MINUTE).run({ type: 'recall', windowId: 'w1' });
  s.advance(MINUTE).run({ type: 'start', windowId: 'w1' });
  s.advance(5 * MINUTE).run({ type: 'finish', windowId: 'w1' });
  const a = s.ticket('A001');
  t.like(a, { status: 'done', recalls: 1, issuedAt: NINE_AM, firstCalledAt: NINE_AM + MINUTE, startedAt: NINE_AM + 3 * MINUTE, finishedAt: NINE_AM + 8 * MINUTE });
  t.is(s.state.windows.w1!.currentTicketId, undefined);
});

test('actions that need a current ticket are refused without one', (t) => {
  const s = new Scenario();
  for (const type of ['recall', 'start', 'finish', 'noShow'] as const) refused(t, () => s.run({ type, windowId: 'w1' }), 'no_current_ticket');
  refused(t, () => s.run({ type: 'transfer', windowId: 'w1', toServiceId: 'soc' }), 'no_current_ticket');
});

test('a no-show reactivated within the grace period goes back to the front', (t) => {
  const s = new Scenario();
  s.issue('biz'); // A001
  s.issue('biz'); // A002
  s.issue('biz'); // A003
  s.next('w1');
  s.run({ type: 'noShow', windowId: 'w1' });
  t.is(s.ticket('A001').status, 'no_show');
  s.advance(10 * MINUTE).run({ type: 'reactivate', ticketId: s.ticket('A001').id });
  t.is(s.next('w2'), 'A001');
});

test('a no-show cannot be reactivated after the grace period', (t) => {
  const s = new Scenario();
  s.issue('biz');
  s.next('w1');
  s.run({ type: 'noShow', windowId: 'w1' });
  s.advance(31 * MINUTE);
  refused(t, () => s.run({ type: 'reactivate', ticketId: s.ticket('A001').id }), 'grace_period_over');
});

test('transfer to another service makes a new ticket that keeps its arrival time', (t) => {
  const s = new Scenario();
  s.issue('biz'); // A001 at 9:00
  s.advance(5 * MINUTE).issue('soc'); // B001 at 9:05
  s.next('w2');
  const [e] = s.advance(MINUTE).run({ type: 'transfer', windowId: 'w2', toServiceId: 'soc' });
  t.is(e!.type, 'ticket:transferred');
  t.is(s.ticket('A001').status, 'transferred');
  const moved = s.ticket('B002');
  t.like(moved, { status: 'waiting', arrivedAt: NINE_AM, transferredFrom: s.ticket('A001').id });
  t.is(s.next('w1'), 'B002', 'the transferred ticket arrived before B001');
});

test('transfer to a window: only that window calls it', (t) => {
  const s = new Scenario();
  s.issue('biz');
  s.next('w1');
  s.run({ type: 'transfer', windowId: 'w1', toWindowId: 'w2' });
  t.is(s.next('w1'), undefined);
  t.is(s.next('w2'), 'A002');
});

test('transfer to a window that does not serve the service is refused', (t) => {
  const s = new Scenario();
  s.issue('soc');
  s.next('w1');
  refused(t, () => s.run({ type: 'transfer', windowId: 'w1', toWindowId: 'w2' }), 'service_not_at_window');
});

test('cancel a waiting ticket; a closed ticket cannot be cancelled', (t) => {
  const s = new Scenario();
  s.issue('biz');
  s.run({ type: 'cancel', ticketId: s.ticket('A001').id });
  t.is(s.next('w1'), undefined);
  refused(t, () => s.run({ type: 'cancel', ticketId: s.ticket('A001').id }), 'ticket_closed');
});

test('a paused window cannot call; resumed it can', (t) => {
  const s = new Scenario();
  s.issue('biz');
  s.run({ type: 'pauseWindow', windowId: 'w1' });
  refused(t, () => s.run({ type: 'callNext', windowId: 'w1' }), 'window_paused');
  refused(t, () => s.run({ type: 'pauseWindow', windowId: 'w1' }), 'window_already_paused');
  s.run({ type: 'resumeWindow', windowId: 'w1' });
  t.is(s.advance(MINUTE).next('w1'), 'A001');
  s.run({ type: 'closeWindow', windowId: 'w1' });
  refused(t, () => s.run({ type: 'callNext', windowId: 'w1' }), 'window_closed');
  s.run({ type: 'openWindow', windowId: 'w1' });
  t.is(s.state.windows.w1!.status, 'open');
});

test('calling a chosen ticket checks the window serves it', (t) => {
  const s = new Scenario();
  s.issue('soc');
  s.issue('biz');
  refused(t, () => s.run({ type: 'callTicket', windowId: 'w2', ticketId: s.ticket('B001').id }), 'service_not_at_window');
  s.run({ type: 'callTicket', windowId: 'w1', ticketId: s.ticket('A001').id });
  t.is(s.ticket('A001').status, 'called');
  refused(t, () => s.run({ type: 'callTicket', windowId: 'w2', ticketId: s.ticket('A001').id }), 'ticket_not_waiting');
});

test('numbers restart after local midnight in Asia/Shanghai; yesterday\'s open tickets are closed', (t) => {
  const s = new Scenario(undefined, Date.parse('2026-11-27T23:58:00+08:00'));
  s.issue('biz');
  s.issue('biz');
  s.next('w1');
  const waitingId = s.ticket('A002').id;
  // 23:59:59.999 local is still the same day (15:59 UTC).
  s.at(Date.parse('2026-11-27T15:59:59.999Z'));
  t.is(s.issue('biz'), 'A003');
  s.at(Date.parse('2026-11-28T00:00:00+08:00'));
  const events = s.run({ type: 'issue', serviceId: 'biz', lane: 'normal' });
  t.is(events[0]!.type, 'day:started');
  t.deepEqual((events[0]!.data as { expiredTicketIds: string[] }).expiredTicketIds.length, 3);
  t.true((events[0]!.data as { expiredTicketIds: string[] }).expiredTicketIds.includes(waitingId));
  t.is(s.ticket('A001').serviceDay, '2026-11-28');
  t.is(s.state.windows.w1!.currentTicketId, undefined);
  t.is(s.state.tickets.size, 1);
});

test('an hourly walk-in cap refuses normal and elderly numbers, never green or booked visitors', (t) => {
  const s = new Scenario({ ...smallHall, appointments: { onSiteCapPerHour: 2 } as never }, Date.parse('2026-11-27T09:10:00+08:00'));
  s.issue('biz', 'normal');
  s.issue('soc', 'elderly');
  refused(t, () => s.run({ type: 'issue', serviceId: 'biz', lane: 'normal' }), 'on_site_cap_reached');
  t.is(s.issue('biz', 'green'), 'A002');
  s.run({ type: 'issue', serviceId: 'biz', lane: 'normal', appointmentId: 'bk1' });
  s.at(Date.parse('2026-11-27T10:00:00+08:00'));
  t.is(s.issue('biz', 'normal'), 'A004', 'a new hour starts afresh');
});

test('next within nextGuardSeconds of a call or recall is refused and finishes nobody; after it, next finishes and calls', (t) => {
  const s = new Scenario(); // smallHall: the default guard of 5 s
  t.is(smallHall.policy.nextGuardSeconds, 5);
  s.issue('biz');
  s.issue('biz');
  t.is(s.next('w1'), 'A001');
  s.advance(4_999);
  refused(t, () => s.next('w1'), 'just_called');
  t.is(s.ticket('A001').status, 'called', 'the visitor who was never served is not counted as done');
  t.is(s.ticket('A002').status, 'waiting');
  s.advance(1);
  s.run({ type: 'recall', windowId: 'w1' });
  s.advance(3_000);
  refused(t, () => s.next('w1'), 'just_called');
  s.advance(2_000);
  t.is(s.next('w1'), 'A002');
  t.is(s.ticket('A001').status, 'done');
});

test('the next guard does not hold back a ticket already being served, and 0 turns it off', (t) => {
  const s = new Scenario();
  s.issue('biz');
  s.issue('biz');
  s.next('w1');
  s.run({ type: 'start', windowId: 'w1' });
  t.is(s.next('w1'), 'A002', 'started at once, finished at once: the clerk saw the visitor');
  const off = new Scenario({ ...smallHall, policy: { ...smallHall.policy, nextGuardSeconds: 0 } });
  off.issue('biz');
  off.issue('biz');
  t.deepEqual([off.next('w1'), off.next('w1')], ['A001', 'A002']);
});

test('a node whose clock is behind the log acts at the log\'s time: it never starts yesterday again', (t) => {
  const s = new Scenario(undefined, Date.parse('2026-11-28T00:00:01+08:00'));
  t.is(s.issue('biz'), 'A001');
  t.is(s.state.serviceDay, '2026-11-28');
  // Another node, 2 s behind, still thinks it is 23:59:59 yesterday.
  s.at(Date.parse('2026-11-27T23:59:59+08:00'));
  const events = s.run({ type: 'issue', serviceId: 'biz', lane: 'normal' });
  t.deepEqual(events.map((e) => e.type), ['ticket:issued'], 'no day:started for yesterday');
  t.is(s.ticket('A002').serviceDay, '2026-11-28');
  t.true(events[0]!.at >= Date.parse('2026-11-28T00:00:01+08:00'), 'event times never go back');
});

test('the appointment lane is only given with a booking: issuing it directly is refused', (t) => {
  const s = new Scenario();
  refused(t, () => s.run({ type: 'issue', serviceId: 'biz', lane: 'appointment' }), 'lane_not_allowed');
  t.is(s.state.tickets.size, 0);
  s.run({ type: 'issue', serviceId: 'biz', lane: 'appointment', appointmentId: 'bk1' });
  t.is(s.ticket('A001').lane, 'appointment');
});

test('the walk-in cap counts every walk-in that is not green, whatever its lane', (t) => {
  const s = new Scenario({ ...smallHall, appointments: { onSiteCapPerHour: 2 } as never }, Date.parse('2026-11-27T09:10:00+08:00'));
  s.run({ type: 'issue', serviceId: 'biz', lane: 'appointment', appointmentId: 'bk1' }); // booked: not counted
  s.issue('biz', 'normal');
  s.issue('soc', 'elderly');
  refused(t, () => s.run({ type: 'issue', serviceId: 'biz', lane: 'normal' }), 'on_site_cap_reached');
  refused(t, () => s.run({ type: 'issue', serviceId: 'biz', lane: 'elderly' }), 'on_site_cap_reached');
  t.is(s.issue('biz', 'green'), 'A003');
});

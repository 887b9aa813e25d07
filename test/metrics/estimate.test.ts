// The wait estimator on hand-built states: the forecast's call times by lane and shared windows,
// recent service times, windows closed, inflow of tickets that overtake, paused windows coming back.
import test from 'ava';
import { hallSchema } from '../../server/config/schema.ts';
import { initialState } from '../../server/domain/evolve.ts';
import { rebuildQueues } from '../../server/domain/queues.ts';
import type { HallState, Lane, Ticket } from '../../server/domain/types.ts';
import { configuredServiceTimes, forecast } from '../../server/domain/forecast.ts';
import { estimateWait } from '../../server/metrics/estimate.ts';
import { BreakLearner } from '../../server/metrics/breaks.ts';
import type { StoredEvent } from '../../server/domain/events.ts';
import { ticketById, ticketTableOf, withTicket } from '../../server/domain/ticket-table.ts';

const hall = hallSchema.parse({
  id: 'h',
  name: { zh: '厅', en: 'Hall' },
  timeZone: 'Asia/Shanghai',
  services: [
    { id: 'a', prefix: 'A', name: { zh: '甲', en: 'A' }, targetWaitMinutes: 10, avgServiceMinutes: 10 },
    { id: 'b', prefix: 'B', name: { zh: '乙', en: 'B' }, targetWaitMinutes: 10, avgServiceMinutes: 4 },
  ],
  windows: [
    { id: 'w1', number: 1, name: { zh: '1', en: '1' }, services: ['a'] },
    { id: 'w2', number: 2, name: { zh: '2', en: '2' }, services: ['a', 'b'] },
  ],
});
const NOW = Date.UTC(2026, 10, 27, 2);
const MIN = 60_000;
const configured = configuredServiceTimes(hall);

function state(tickets: [string, string, Lane, number][]): HallState {
  const windows = { w1: { id: 'w1', status: 'open', elderlyStreak: 0, since: 0 }, w2: { id: 'w2', status: 'open', elderlyStreak: 0, since: 0 } } as const;
  const list = tickets.map(([id, serviceId, lane, minAgo]): Ticket => {
    // Issued long enough ago not to count as inflow that overtakes.
    const at = NOW - minAgo * MIN;
    return { id, hallId: 'h', serviceId, lane, number: id, status: 'waiting', serviceDay: '2026-11-27', issuedAt: at, arrivedAt: at, recalls: 0 };
  });
  return rebuildQueues({ ...initialState('h'), serviceDay: '2026-11-27', windows, tickets: ticketTableOf(list) });
}

const est = (s: HallState, id: string, recent?: Record<string, number>) => {
  const serviceMs = (sid: string) => recent?.[sid] ?? configured(sid);
  return estimateWait({ hall, state: s, now: NOW }, ticketById(s.tickets, id)!, forecast(s, hall, NOW, serviceMs).tickets.get(id));
};

// Expected values below follow the windows by hand: both open and idle at NOW, w1 before w2 on a
// tie, a window free again one service time (a: 10 min, b: 4 min) after each call.

test('normal tickets go by arrival to whichever window frees first', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['a2', 'a', 'normal', 45],
    ['a3', 'a', 'normal', 40],
    ['a4', 'a', 'normal', 35],
  ]);
  // NOW: w1 a1, w2 a2; NOW+10: w1 a3, w2 a4.
  t.like(est(s, 'a1'), { minutes: 0, ahead: 0, windows: 2 });
  t.like(est(s, 'a2'), { minutes: 0, ahead: 1 });
  t.like(est(s, 'a4'), { minutes: 10, ahead: 3 });
});

test('green goes first; a normal ticket waits for the later elderly one', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['a2', 'a', 'elderly', 40],
    ['g1', 'a', 'green', 35],
  ]);
  // NOW: w1 g1, w2 a2 (elderly before normal); NOW+10: w1 a1.
  t.like(est(s, 'g1'), { minutes: 0, ahead: 0 });
  t.like(est(s, 'a2'), { minutes: 0, ahead: 1 });
  t.like(est(s, 'a1'), { minutes: 10, ahead: 2 });
});

test('an earlier ticket of another service at a shared window counts', (t) => {
  const waiting = state([
    ['a1', 'a', 'normal', 50],
    ['b1', 'b', 'normal', 40],
  ]);
  // w1 busy for 5 more minutes: NOW w2 a1 (earlier); NOW+5 w1 has nothing it may take; NOW+10 w2 b1.
  const cur: Ticket = { id: 'cur', hallId: 'h', serviceId: 'a', lane: 'normal', number: 'A000', status: 'serving', serviceDay: '2026-11-27', issuedAt: NOW - 60 * MIN, arrivedAt: NOW - 60 * MIN, calledAt: NOW - 5 * MIN, startedAt: NOW - 5 * MIN, windowId: 'w1', recalls: 0 };
  const s: HallState = { ...waiting, tickets: withTicket(waiting.tickets, cur), windows: { ...waiting.windows, w1: { ...waiting.windows.w1!, currentTicketId: 'cur' } } };
  t.like(est(s, 'b1'), { minutes: 10, ahead: 1, windows: 1 });
  t.like(est(s, 'a1'), { minutes: 0, ahead: 0, windows: 2 });
});

test('recent service times replace the configured average; no open window gives no estimate', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['a2', 'a', 'normal', 45],
    ['a3', 'a', 'normal', 40],
  ]);
  // 6-minute visits: a3 goes to w1 at NOW+6.
  t.is(est(s, 'a3', { a: 6 * MIN }).ms, 6 * MIN);
  s.windows.w1!.status = 'paused';
  s.windows.w2!.status = 'closed';
  // As if both opened together: w1 a1, w2 a2, w1 a3.
  t.like(est(s, 'a3'), { minutes: null, ms: null, windows: 0, ahead: 2 });
});

test('tickets overtaking it that keep arriving stretch the wait, until it is overdue', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['a2', 'a', 'normal', 45],
    ['a3', 'a', 'normal', 40],
  ]);
  // Overtakers take 1/6 of its windows' work: the 10 minutes of the present tickets become 12.
  const share = (lane: Lane) => (lane === 'normal' ? 1 / 6 : 0);
  const withShare = (id: string, now = NOW) =>
    estimateWait({ hall, state: s, now, overtakingShare: share }, ticketById(s.tickets, id)!, forecast(s, hall, now, configured).tickets.get(id));
  t.is(Math.round(withShare('a3').ms!), 12 * MIN);
  // Fifteen minutes later (nothing called meanwhile) a3 has waited 55 of maxWaitMinutes' 60 (the
  // hall default): it is overtaken only for 5 more minutes, so 10 + 5/6 minutes.
  t.is(hall.policy.maxWaitMinutes, 60);
  t.is(Math.round(withShare('a3', NOW + 15 * MIN).ms! / 1000), Math.round((10 + 5 / 6) * 60));
  // Green tickets are overtaken by nobody.
  const g = state([['g1', 'a', 'green', 1]]);
  t.is(estimateWait({ hall, state: g, now: NOW, overtakingShare: share }, ticketById(g.tickets, 'g1')!, forecast(g, hall, NOW, configured).tickets.get('g1')).ms, 0);
});

test('a paused window expected back soon shortens the wait, between the schedule by hand and leaving it out', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['a2', 'a', 'normal', 45],
    ['a3', 'a', 'normal', 40],
    ['a4', 'a', 'normal', 35],
    ['b1', 'b', 'normal', 30],
  ]);
  s.windows.w2!.status = 'paused';
  const at = (id: string, backInMin?: number) =>
    estimateWait(
      { hall, state: s, now: NOW, ...(backInMin !== undefined ? { pausedReturnsInMs: () => backInMin * MIN } : {}) },
      ticketById(s.tickets, id)!,
      forecast(s, hall, NOW, configured).tickets.get(id),
    ).ms;
  // w1 alone: a1 NOW, a2 +10, a3 +20, a4 +30. With w2 back at +8, by hand: w1 a1 at 0, w2 a2 at 8,
  // w1 a3 at 10, w2 a4 at 18.
  t.deepEqual([at('a1'), at('a3'), at('a4')], [0, 20 * MIN, 30 * MIN]);
  t.is(at('a1', 8), 0);
  for (const [id, byHand, alone] of [['a3', 10, 20], ['a4', 18, 30]] as const) {
    const ms = at(id, 8)!;
    t.true(ms >= byHand * MIN && ms < alone * MIN, `${id}: ${ms / MIN} min within [${byHand}, ${alone})`);
  }
  // Back after a4 would be called anyway: no change. b1 only w2 takes: still no estimate.
  t.is(at('a4', 40), 30 * MIN);
  t.is(at('b1', 8), null);
});

test('a paused window is expected back after the day\'s usual break, sooner after short breaks', (t) => {
  const learner = new BreakLearner();
  const ev = (type: 'window:paused' | 'window:resumed', at: number, seq: number) => ({ type, at, seq, hallId: 'h', data: { windowId: 'w1' } }) as StoredEvent;
  const before = learner.returnsInMs(NOW, NOW);
  let seq = 0;
  for (let i = 0; i < 6; i++) {
    learner.apply(ev('window:paused', NOW + i * 60 * MIN, ++seq));
    learner.apply(ev('window:resumed', NOW + i * 60 * MIN + 3 * MIN, ++seq));
  }
  const after = learner.returnsInMs(NOW, NOW);
  t.true(after < before, `after 3-minute breaks ${after / MIN} min < ${before / MIN} min before any`);
  t.true(after > 3 * MIN, 'but not below the breaks seen, while the first guess still counts');
  // Paused for much longer than usual: still expected back later, not already.
  t.true(learner.returnsInMs(NOW, NOW + 60 * MIN) > 0);
  t.true(learner.returnsInMs(NOW, NOW + 2 * MIN) < after);
});

test('windows observed slower than the replay assumes lengthen the wait of a ticket behind calls, never shorten it', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['a2', 'a', 'normal', 45],
    ['a3', 'a', 'normal', 40],
    ['a4', 'a', 'normal', 35],
  ]);
  const at = (id: string, callMin?: number) =>
    estimateWait(
      { hall, state: s, now: NOW, ...(callMin !== undefined ? { windowCallMs: () => callMin * MIN } : {}) },
      ticketById(s.tickets, id)!,
      forecast(s, hall, NOW, configured).tickets.get(id),
    ).ms!;
  // Replay (10-minute visits, both windows idle): a3 and a4 at +10. At 20 minutes a call the two
  // windows would reach a3 (3rd call) at +30 and a4 (4th) at +40.
  t.is(at('a3'), 10 * MIN);
  t.true(at('a3', 20) > 10 * MIN && at('a3', 20) < 30 * MIN, `${at('a3', 20) / MIN} min between the replay and the pace`);
  t.true(at('a4', 20) > at('a3', 20), 'the 4th call after the 3rd');
  // Faster windows: the replay stands. Nobody ahead: the replay stands.
  t.is(at('a3', 2), 10 * MIN);
  t.is(at('a1', 20), 0);
});

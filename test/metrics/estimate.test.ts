// The wait estimator on hand-built states: people ahead by lane, shared windows, recent service times.
import test from 'ava';
import { hallSchema } from '../../server/config/schema.ts';
import { initialState } from '../../server/domain/evolve.ts';
import { rebuildQueues } from '../../server/domain/queues.ts';
import type { HallState, Lane, Ticket } from '../../server/domain/types.ts';
import { estimateWait } from '../../server/metrics/estimate.ts';

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

function state(tickets: [string, string, Lane, number][]): HallState {
  const s = initialState('h');
  s.serviceDay = '2026-11-27';
  s.windows = { w1: { id: 'w1', status: 'open', elderlyStreak: 0, since: 0 }, w2: { id: 'w2', status: 'open', elderlyStreak: 0, since: 0 } };
  for (const [id, serviceId, lane, minAgo] of tickets) {
    // Issued long enough ago not to count as inflow that overtakes.
    const at = NOW - minAgo * MIN;
    s.tickets[id] = { id, hallId: 'h', serviceId, lane, number: id, status: 'waiting', serviceDay: '2026-11-27', issuedAt: at, arrivedAt: at, recalls: 0 } as Ticket;
  }
  return rebuildQueues(s);
}

const est = (s: HallState, id: string, recent?: Record<string, number>) =>
  estimateWait({ hall, state: s, now: NOW, recentServiceMs: recent ? (sid) => recent[sid] : undefined }, s.tickets[id]!);

test('normal tickets queue behind earlier ones, shared across the windows that take them', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['a2', 'a', 'normal', 45],
    ['a3', 'a', 'normal', 40],
    ['a4', 'a', 'normal', 35],
  ]);
  t.like(est(s, 'a1'), { minutes: 0, ahead: 0, windows: 2 });
  // 3 ahead × 10 min over 2 windows
  t.like(est(s, 'a4'), { minutes: 15, ahead: 3 });
});

test('green goes first; a normal ticket yields to waiting elderly tickets', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['a2', 'a', 'elderly', 40],
    ['g1', 'a', 'green', 35],
  ]);
  t.like(est(s, 'g1'), { minutes: 0, ahead: 0 });
  t.like(est(s, 'a1'), { ahead: 2 }); // the green and the later elderly ticket
  // elderly: the earlier normal ticket counts 1/(elderlyStreakMax+1) = 1/3, the green one fully
  t.is(est(s, 'a2').ahead, 1.33);
});

test('tickets of other services count by the share of their windows that are also ours', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['b1', 'b', 'normal', 40],
  ]);
  // a1 may go to w1 or w2; b1 only to w2: half of a1's 10 minutes is expected at b1's one window.
  t.like(est(s, 'b1'), { ahead: 0.5, windows: 1 });
  t.is(est(s, 'b1').ms, 0.5 * 10 * MIN);
  // the other way round b1 (all its work on w2, one of a1's two windows) came later: nothing ahead.
  t.like(est(s, 'a1'), { ahead: 0, windows: 2 });
  const later = state([
    ['b1', 'b', 'normal', 50],
    ['a1', 'a', 'normal', 40],
  ]);
  // b1 came first and all of its 4 minutes land on w2, one of a1's two windows.
  t.like(est(later, 'a1'), { ahead: 1 });
  t.is(est(later, 'a1').ms, (4 * MIN) / 2);
});

test('recent service times replace the configured average; no open window gives no estimate', (t) => {
  const s = state([
    ['a1', 'a', 'normal', 50],
    ['a2', 'a', 'normal', 45],
  ]);
  t.is(est(s, 'a2', { a: 6 * MIN }).ms, (6 * MIN) / 2);
  s.windows.w1!.status = 'paused';
  s.windows.w2!.status = 'closed';
  t.like(est(s, 'a2'), { minutes: null, windows: 0 });
});

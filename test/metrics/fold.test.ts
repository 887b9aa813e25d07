// Given a scripted day of events, the metrics fold gives exactly the hand-computed figures.
import test from 'ava';
import { hallSchema } from '../../server/config/schema.ts';
import type { DomainEvent, StoredEvent } from '../../server/domain/events.ts';
import type { Lane, Ticket } from '../../server/domain/types.ts';
import { MetricsFold } from '../../server/metrics/day-fold.ts';
import { buildReport, clerkRows, windowUsage } from '../../server/metrics/report.ts';
import { figuresOf } from '../../server/metrics/tally.ts';

export const hall = hallSchema.parse({
  id: 'h',
  name: { zh: '测试大厅', en: 'Test hall' },
  timeZone: 'Asia/Shanghai',
  services: [
    { id: 'a', prefix: 'A', name: { zh: '甲', en: 'A' }, targetWaitMinutes: 10, avgServiceMinutes: 8 },
    { id: 'b', prefix: 'B', name: { zh: '乙', en: 'B' }, targetWaitMinutes: 5, avgServiceMinutes: 4 },
  ],
  windows: [
    { id: 'w1', number: 1, name: { zh: '1号', en: 'W1' }, services: ['a', 'b'] },
    { id: 'w2', number: 2, name: { zh: '2号', en: 'W2' }, services: ['a', 'b'] },
  ],
});

// 09:00 on 2026-11-27 in Asia/Shanghai (UTC+8).
const T0 = Date.UTC(2026, 10, 27, 1, 0);
const at = (min: number) => T0 + min * 60_000;
const clerk = (n: number) => ({ role: 'clerk', name: `clerk-${n}` });

function ticket(id: string, serviceId: string, lane: Lane, min: number, extra: Partial<Ticket> = {}): Ticket {
  return { id, hallId: 'h', serviceId, lane, number: `${serviceId.toUpperCase()}001`, status: 'waiting', serviceDay: '2026-11-27', issuedAt: at(min), arrivedAt: at(min), recalls: 0, ...extra };
}

type Draft = [number, DomainEvent['type'], unknown, number?];
function script(drafts: Draft[]): StoredEvent[] {
  return drafts.map(([min, type, data, clerkNo], i) => ({ type, hallId: 'h', at: at(min), data, seq: i + 1, actor: clerkNo ? clerk(clerkNo) : { role: 'triage', name: 'desk' } }) as StoredEvent);
}

export const DAY: StoredEvent[] = script([
  [0, 'day:started', { serviceDay: '2026-11-27', expiredTicketIds: [], windows: { w1: 'open', w2: 'open' } }],
  [0, 'ticket:issued', { ticket: ticket('t1', 'a', 'normal', 0) }],
  [2, 'ticket:issued', { ticket: ticket('t2', 'a', 'elderly', 2) }],
  [3, 'ticket:issued', { ticket: ticket('t3', 'b', 'green', 3) }],
  [4, 'ticket:issued', { ticket: ticket('t4', 'b', 'normal', 4) }],
  [5, 'ticket:called', { ticketId: 't1', windowId: 'w1' }, 1], // wait 5 ≤ 10
  [6, 'ticket:called', { ticketId: 't3', windowId: 'w2' }, 2], // wait 3 ≤ 5
  [6, 'ticket:started', { ticketId: 't1', windowId: 'w1' }, 1], // walk 1
  [8, 'ticket:started', { ticketId: 't3', windowId: 'w2' }, 2], // walk 2
  [16, 'ticket:finished', { ticketId: 't1', windowId: 'w1' }, 1], // service 10
  [16, 'ticket:called', { ticketId: 't2', windowId: 'w1' }, 1], // wait 14 > 10
  [17, 'ticket:recalled', { ticketId: 't2', windowId: 'w1' }, 1],
  [19, 'ticket:started', { ticketId: 't2', windowId: 'w1' }, 1], // walk 3 (from the call, not the recall)
  [20, 'ticket:finished', { ticketId: 't3', windowId: 'w2' }, 2], // service 12
  [20, 'ticket:called', { ticketId: 't4', windowId: 'w2' }, 2], // wait 16 > 5
  [22, 'ticket:no-show', { ticketId: 't4', windowId: 'w2' }, 2],
  [23, 'ticket:reactivated', { ticketId: 't4' }],
  [24, 'ticket:called', { ticketId: 't4', windowId: 'w2' }, 2], // a second call: no new wait sample
  [25, 'ticket:transferred', { ticketId: 't4', windowId: 'w2', ticket: ticket('t5', 'a', 'normal', 25, { arrivedAt: at(4), transferredFrom: 't4' }) }, 2],
  [26, 'ticket:finished', { ticketId: 't2', windowId: 'w1' }, 1], // service 7, elderly served
  [27, 'ticket:called', { ticketId: 't5', windowId: 'w1' }, 1], // the transferred visit's second call: no new call, no wait sample
  [30, 'ticket:finished', { ticketId: 't5', windowId: 'w1', implicit: true }, 1], // no start: service 3 from the call
  [65, 'ticket:issued', { ticket: ticket('t6', 'a', 'normal', 65) }],
  [66, 'ticket:issued', { ticket: ticket('t7', 'b', 'appointment', 66) }],
  [70, 'ticket:cancelled', { ticketId: 't6' }],
  [70, 'window:paused', { windowId: 'w2' }, 2],
  [75, 'ticket:called', { ticketId: 't7', windowId: 'w1' }, 1], // wait 9 > 5
  [78, 'ticket:no-show', { ticketId: 't7', windowId: 'w1' }, 1],
  [80, 'window:resumed', { windowId: 'w2' }, 2],
]);

test('totals: counts, wait/walk/service mean, median, p90, max and the zero-wait rate', (t) => {
  const f = figuresOf(new MetricsFold(hall).apply(DAY).result().total);
  // Visits: t1–t4, t6, t7 issued; t1, t2, t3, t4, t7 called (t5 is t4's visit, transferred after its call).
  t.like(f, { issued: 6, called: 5, served: 4, noShow: 1, transferred: 1, cancelled: 1, elderlyServed: 1, greenIssued: 1, appointmentIssued: 1, withinTarget: 2 });
  t.true(f.called <= f.issued, 'a transfer does not make called exceed issued');
  t.is(f.zeroWaitRate, 0.4);
  t.is(f.noShowRate, 0.2);
  // waits [3, 5, 9, 14, 16]: mean 47/5, median 9, p90 = rank ceil(4.5) = 5th
  t.deepEqual(f.wait, { count: 5, mean: 9.4, median: 9, p90: 16, max: 16 });
  t.deepEqual(f.walk, { count: 3, mean: 2, median: 2, p90: 3, max: 3 });
  // service [3, 7, 10, 12]
  t.deepEqual(f.service, { count: 4, mean: 8, median: 8.5, p90: 12, max: 12 });
});

test('by service, window, lane and hour; groups add up to the total', (t) => {
  const r = new MetricsFold(hall).apply(DAY).result();
  const a = figuresOf(r.groups.service.a!);
  t.like(a, { issued: 3, called: 2, served: 3, cancelled: 1, withinTarget: 1, zeroWaitRate: 0.5 });
  t.deepEqual(a.wait, { count: 2, mean: 9.5, median: 9.5, p90: 14, max: 14 });
  const b = figuresOf(r.groups.service.b!);
  t.like(b, { issued: 3, called: 3, served: 1, noShow: 1, transferred: 1, withinTarget: 1, zeroWaitRate: 0.3333 });

  t.like(figuresOf(r.groups.window['-']!), { issued: 6, cancelled: 1, called: 0 });
  t.like(figuresOf(r.groups.window.w1!), { called: 3, served: 3, noShow: 1 });
  t.like(figuresOf(r.groups.window.w2!), { called: 2, served: 1, noShow: 0, transferred: 1 });
  t.like(figuresOf(r.groups.lane.elderly!), { issued: 1, served: 1, elderlyServed: 1 });
  t.like(figuresOf(r.groups.hour['09']!), { issued: 4, called: 4 });
  t.like(figuresOf(r.groups.hour['10']!), { issued: 2, called: 1, cancelled: 1, noShow: 1 });
  t.deepEqual(Object.keys(r.groups.day), ['2026-11-27']);

  for (const dim of ['service', 'window', 'lane', 'hour', 'day'] as const) {
    const rep = buildReport(hall, r, dim, '2026-11-27', '2026-11-27');
    for (const k of ['issued', 'called', 'served', 'noShow', 'transferred', 'cancelled', 'withinTarget'] as const)
      t.is(rep.groups.reduce((s, g) => s + g[k], 0), rep.total[k], `${dim}.${k}`);
    t.is(rep.groups.reduce((s, g) => s + g.wait.count, 0), rep.total.wait.count);
  }
});

test('window utilisation, idle time and per-clerk figures', (t) => {
  const r = new MetricsFold(hall).apply(DAY).result();
  t.deepEqual(windowUsage(hall, r), [
    // open 0-80; busy 5-16, 16-26, 27-30, 75-78
    { windowId: 'w1', number: 1, calls: 4, served: 3, openMinutes: 80, busyMinutes: 27, idleMinutes: 53, utilisation: 0.3375 },
    // open 0-70 then paused; busy 6-20, 20-22, 24-25
    { windowId: 'w2', number: 2, calls: 3, served: 1, openMinutes: 70, busyMinutes: 17, idleMinutes: 53, utilisation: 0.2429 },
  ]);
  t.deepEqual(clerkRows(r), [
    { name: 'clerk-1', served: 3, meanServiceMinutes: 6.67 },
    { name: 'clerk-2', served: 1, meanServiceMinutes: 12 },
  ]);
});

test('folding in two halves gives the same figures as one pass, and replays are ignored', (t) => {
  const one = new MetricsFold(hall).apply(DAY).result();
  const halves = new MetricsFold(hall).apply(DAY.slice(0, 12)).apply(DAY.slice(0, 20)).apply(DAY.slice(12));
  t.deepEqual(halves.result(), one);
});

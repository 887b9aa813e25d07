// The waiting queues kept in the state are only an index: the policy read from them must pick what
// a plain scan of every ticket picks, and the queues must equal a rebuild from the tickets.
import test from 'ava';
import fc from 'fast-check';
import { DomainError } from '../../server/domain/errors.ts';
import { byQueueOrder, pickNext, windowTakes } from '../../server/domain/lane-policy.ts';
import { queueKey, rebuildQueues } from '../../server/domain/queues.ts';
import type { HallConfig, HallState, Lane, Ticket } from '../../server/domain/types.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';
import { randomCommand } from '../helpers/random-commands.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';

/** The policy written the slow, obvious way: scan every ticket. */
function referencePick(state: HallState, hall: HallConfig, windowId: string, now: number): Ticket | undefined {
  const window = hall.windows.find((w) => w.id === windowId)!;
  const c = ticketList(state.tickets).filter((t) => t.status === 'waiting' && windowTakes(window, t));
  const min = (xs: Ticket[], order: (a: Ticket, b: Ticket) => number) => xs.reduce<Ticket | undefined>((m, t) => (!m || order(t, m) < 0 ? t : m), undefined);
  const byArrival = (a: Ticket, b: Ticket) => a.arrivedAt - b.arrivedAt || byQueueOrder(a, b);
  const overdue = min(c.filter((t) => now - t.arrivedAt >= hall.policy.maxWaitMinutes * MINUTE), byArrival);
  if (overdue) return overdue;
  const lane = (l: Lane) => min(c.filter((t) => t.lane === l), byQueueOrder);
  const pref = window.prefersLane ? lane(window.prefersLane) : undefined;
  const elderly = lane('elderly');
  const normal = lane('normal');
  const streak = state.windows[windowId]?.elderlyStreak ?? 0;
  return lane('green') ?? lane('appointment') ?? pref ?? (elderly && (!normal || streak < hall.policy.elderlyStreakMax) ? elderly : normal ?? elderly);
}

const windows = smallHall.windows.map((w) => w.id);
const command = randomCommand(5);

test('queue-index policy = full-scan policy, and the queues equal a rebuild, after any history', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 15 * MINUTE }), command), { minLength: 30, maxLength: 150 }), (steps) => {
      const s = new Scenario();
      for (const [wait, make] of steps) {
        s.advance(wait);
        for (const w of windows) {
          if (pickNext(s.state, smallHall, w, s.now)?.id !== referencePick(s.state, smallHall, w, s.now)?.id) return false;
        }
        const c = make(s);
        if (!c) continue;
        try {
          s.run(c);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
        }
        const rebuilt = rebuildQueues(s.state).queues;
        const nonEmpty = Object.fromEntries(Object.entries(s.state.queues).filter(([, q]) => q.size));
        t.deepEqual(nonEmpty, rebuilt);
      }
      return true;
    }),
    { numRuns: 150 },
  );
});

test('a queue key is the service and lane joined by "|", for any strings, asked once or many times', (t) => {
  // Kept per service and lane (queues.ts): asked again, and past the point where the kept keys are
  // dropped (more than 10,000 services), each key still reads as the two joined.
  const lanes: Lane[] = ['green', 'appointment', 'elderly', 'normal'];
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.string(), fc.constantFrom(...lanes)), { minLength: 1, maxLength: 50 }), (pairs) => {
      for (const [serviceId, lane] of [...pairs, ...pairs]) t.is(queueKey(serviceId, lane), serviceId + '|' + lane);
      return true;
    }),
  );
  for (let i = 0; i < 10_050; i++) t.is(queueKey(`s${i}`, 'normal'), `s${i}|normal`);
  t.is(queueKey('s0', 'normal'), 's0|normal');
});

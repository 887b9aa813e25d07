// The waiting queues kept in the state are only an index: the policy read from them must pick what
// a plain scan of every ticket picks, and the queues must equal a rebuild from the tickets.
import test from 'ava';
import fc from 'fast-check';
import { LANES } from '../../server/config/schema.ts';
import type { Command } from '../../server/domain/commands.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { byQueueOrder, pickNext, windowTakes } from '../../server/domain/lane-policy.ts';
import { rebuildQueues } from '../../server/domain/queues.ts';
import type { HallConfig, HallState, Lane, Ticket } from '../../server/domain/types.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';
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

const services = smallHall.services.map((s) => s.id);
const windows = smallHall.windows.map((w) => w.id);
type Make = (s: Scenario) => Command | undefined;
const w = (weight: number, arbitrary: fc.Arbitrary<Make>) => ({ weight, arbitrary });
const command: fc.Arbitrary<Make> = fc.oneof(
  w(5, fc.record({ serviceId: fc.constantFrom(...services), lane: fc.constantFrom<Lane>(...LANES) }).map((c): Make => () => ({ type: 'issue', ...c, ...(c.lane === 'appointment' ? { appointmentId: 'booking' } : {}) }))),
  w(4, fc.constantFrom(...windows).map((windowId): Make => () => ({ type: 'callNext', windowId }))),
  w(3, fc.constantFrom(...windows).map((windowId): Make => () => ({ type: 'noShow', windowId }))),
  w(3, fc.nat().map((i): Make => (s: Scenario) => {
    const noShows = ticketList(s.state.tickets).filter((t) => t.status === 'no_show');
    return noShows.length ? { type: 'reactivate', ticketId: noShows[i % noShows.length]!.id } : undefined;
  })),
  w(2, fc.tuple(fc.constantFrom(...windows), fc.option(fc.constantFrom(...windows)), fc.constantFrom(...services)).map(([windowId, to, svc]): Make => () => ({ type: 'transfer', windowId, toWindowId: to ?? undefined, toServiceId: svc }))),
  w(1, fc.nat().map((i): Make => (s: Scenario) => {
    const waiting = ticketList(s.state.tickets).filter((t) => t.status === 'waiting');
    return waiting.length ? { type: 'cancel', ticketId: waiting[i % waiting.length]!.id } : undefined;
  })),
);

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

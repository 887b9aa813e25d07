// Property tests of the lane policy over random days of issues and presses.
import test from 'ava';
import fc from 'fast-check';
import type { Command } from '../../server/domain/commands.ts';
import { windowTakes } from '../../server/domain/lane-policy.ts';
import type { HallState, Lane, Ticket } from '../../server/domain/types.ts';
import { LANES } from '../../server/config/schema.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';
import { ticketById, ticketList } from '../../server/domain/ticket-table.ts';

const serviceIds = smallHall.services.map((s) => s.id);
const windowIds = smallHall.windows.map((w) => w.id);

type Step = { wait: number; command: Command };
/** The appointment lane comes only from a booking's check-in, which names the booking. */
const withBooking = <C extends { lane: Lane }>(c: C): C => (c.lane === 'appointment' ? { ...c, appointmentId: 'booking' } : c);

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 0, max: 20 * MINUTE }),
  command: fc.oneof(
    { weight: 5, arbitrary: fc.record({ type: fc.constant('issue' as const), serviceId: fc.constantFrom(...serviceIds), lane: fc.constantFrom<Lane>(...LANES) }).map(withBooking) },
    { weight: 5, arbitrary: fc.record({ type: fc.constant('callNext' as const), windowId: fc.constantFrom(...windowIds) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('start' as const), windowId: fc.constantFrom(...windowIds) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('noShow' as const), windowId: fc.constantFrom(...windowIds) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('pauseWindow' as const), windowId: fc.constantFrom(...windowIds) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('resumeWindow' as const), windowId: fc.constantFrom(...windowIds) }) },
  ),
});

interface Call {
  windowId: string;
  ticket: Ticket;
  before: HallState;
  now: number;
}

/** Plays the steps; records every call with the state just before it (states are immutable: the
 * one kept stays as it was while the scenario moves on). */
function play(steps: Step[]): Call[] {
  const s = new Scenario();
  const calls: Call[] = [];
  for (const { wait, command } of steps) {
    s.advance(wait);
    const before = s.state;
    let events;
    try {
      events = s.run(command);
    } catch (err) {
      if (err instanceof DomainError) continue;
      throw err;
    }
    for (const e of events)
      if (e.type === 'ticket:called') calls.push({ windowId: e.data.windowId, ticket: ticketById(before.tickets, e.data.ticketId)!, before, now: s.now });
  }
  return calls;
}

const waitingAt = (state: HallState, windowId: string) => {
  const w = smallHall.windows.find((x) => x.id === windowId)!;
  return ticketList(state.tickets).filter((t) => t.status === 'waiting' && windowTakes(w, t));
};

const days = fc.array(stepArb, { minLength: 30, maxLength: 120 });

test('no ticket is called twice, and only a waiting ticket is called', (t) => {
  fc.assert(
    fc.property(days, (steps) => {
      const calls = play(steps);
      const ids = calls.map((c) => c.ticket.id);
      return new Set(ids).size === ids.length && calls.every((c) => c.ticket.status === 'waiting');
    }),
  );
  t.pass();
});

test('a window gets only its services', (t) => {
  fc.assert(
    fc.property(days, (steps) =>
      play(steps).every((c) => smallHall.windows.find((w) => w.id === c.windowId)!.services.includes(c.ticket.serviceId)),
    ),
  );
  t.pass();
});

test('FIFO within a lane and service', (t) => {
  fc.assert(
    fc.property(days, (steps) =>
      play(steps).every((c) =>
        waitingAt(c.before, c.windowId).every(
          (u) => u.serviceId !== c.ticket.serviceId || u.lane !== c.ticket.lane || u.arrivedAt >= c.ticket.arrivedAt,
        ),
      ),
    ),
  );
  t.pass();
});

test('nothing waits past the max wait while a window serving it presses next', (t) => {
  const maxWait = smallHall.policy.maxWaitMinutes * MINUTE;
  fc.assert(
    fc.property(days, (steps) =>
      play(steps).every((c) => {
        const overdue = waitingAt(c.before, c.windowId).filter((u) => c.now - u.arrivedAt >= maxWait);
        if (overdue.length === 0) return true;
        // The press takes an overdue ticket, and the one that has waited longest.
        return c.now - c.ticket.arrivedAt >= maxWait && overdue.every((u) => u.arrivedAt >= c.ticket.arrivedAt);
      }),
    ),
  );
  t.pass();
});

test('a steady hall that presses next every few minutes keeps every wait within the max wait', (t) => {
  // Arrivals slower than the windows' pace: with the override, no one waits past maxWait plus one press interval.
  fc.assert(
    fc.property(fc.array(fc.record({ serviceId: fc.constantFrom(...serviceIds), lane: fc.constantFrom<Lane>(...LANES) }), { minLength: 10, maxLength: 80 }), (arrivals) => {
      const s = new Scenario();
      const waits: number[] = [];
      for (const a of arrivals) {
        s.advance(2 * MINUTE).run({ type: 'issue', ...withBooking(a) });
        for (const w of windowIds) {
          const n = s.next(w);
          if (n) waits.push(s.now - s.ticket(n).arrivedAt);
        }
      }
      return waits.every((w) => w <= smallHall.policy.maxWaitMinutes * MINUTE + 2 * MINUTE);
    }),
  );
  t.pass();
});

// waitingCounts is kept per queues record and handed to every caller as it is (no copy per call):
// after every command of a random day it equals a plain count of the waiting tickets by service,
// done here from the tickets; and a caller cannot change what the next caller reads.
import test from 'ava';
import fc from 'fast-check';
import { waitingCounts } from '../../server/domain/lane-policy.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { HallState } from '../../server/domain/types.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';
import { playDay, randomCommand } from '../helpers/random-commands.ts';

/** The oracle: every service of the hall, and the waiting tickets of each, counted from the tickets. */
function countedFromTickets(state: HallState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of smallHall.services) out[s.id] = 0;
  for (const t of ticketList(state.tickets)) if (t.status === 'waiting') out[t.serviceId] = (out[t.serviceId] ?? 0) + 1;
  return out;
}

test('after every command the waiting counts equal a count of the waiting tickets, for older states too', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * MINUTE }), randomCommand(4)), { minLength: 10, maxLength: 80 }), (steps) => {
      const kept: HallState[] = [];
      playDay(steps, (s) => {
        kept.push(s.state);
        t.deepEqual({ ...waitingCounts(s.state, smallHall) }, countedFromTickets(s.state));
      });
      // Asked again later, out of order: each state still answers with its own counts.
      for (const state of kept.reverse()) t.deepEqual({ ...waitingCounts(state, smallHall) }, countedFromTickets(state));
      return true;
    }),
    { numRuns: 60 },
  );
});

test('a caller cannot change the counts the next caller reads', (t) => {
  const s = new Scenario();
  s.run({ type: 'issue', serviceId: 'biz', lane: 'normal' });
  const first = waitingCounts(s.state, smallHall) as Record<string, number>;
  t.throws(() => {
    first.biz = 99;
  }, { instanceOf: TypeError });
  t.is(waitingCounts(s.state, smallHall).biz, 1);
});

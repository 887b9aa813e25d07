// waitingCounts is kept per queues record and handed to every caller as it is (no copy per call):
// after every command of a random day it equals a plain count of the waiting tickets by service,
// done here from the tickets; and a caller cannot change what the next caller reads.
import test from 'ava';
import fc from 'fast-check';
import { LANES } from '../../server/config/schema.ts';
import type { Command } from '../../server/domain/commands.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { waitingCounts } from '../../server/domain/lane-policy.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { HallState, Lane } from '../../server/domain/types.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';

const services = smallHall.services.map((s) => s.id);
const windows = smallHall.windows.map((w) => w.id);
type Make = (s: Scenario) => Command | undefined;
const pick = <T>(xs: T[], i: number) => (xs.length ? xs[i % xs.length] : undefined);
const command: fc.Arbitrary<Make> = fc.oneof(
  fc.record({ serviceId: fc.constantFrom(...services), lane: fc.constantFrom<Lane>(...LANES) }).map((c): Make => () => ({ type: 'issue', ...c, ...(c.lane === 'appointment' ? { appointmentId: 'b' } : {}) })),
  fc.constantFrom(...windows).map((windowId): Make => () => ({ type: 'callNext', windowId })),
  fc.constantFrom(...windows).map((windowId): Make => () => ({ type: 'noShow', windowId })),
  fc.tuple(fc.constantFrom(...windows), fc.constantFrom(...services)).map(([windowId, toServiceId]): Make => () => ({ type: 'transfer', windowId, toServiceId })),
  fc.nat().map((i): Make => (s) => {
    const t = pick(ticketList(s.state.tickets).filter((x) => x.status === 'no_show'), i);
    return t && { type: 'reactivate', ticketId: t.id };
  }),
  fc.nat().map((i): Make => (s) => {
    const t = pick(ticketList(s.state.tickets).filter((x) => x.status === 'waiting'), i);
    return t && { type: 'cancel', ticketId: t.id };
  }),
);

/** The oracle: every service of the hall, and the waiting tickets of each, counted from the tickets. */
function countedFromTickets(state: HallState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of smallHall.services) out[s.id] = 0;
  for (const t of ticketList(state.tickets)) if (t.status === 'waiting') out[t.serviceId] = (out[t.serviceId] ?? 0) + 1;
  return out;
}

test('after every command the waiting counts equal a count of the waiting tickets, for older states too', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * MINUTE }), command), { minLength: 10, maxLength: 80 }), (steps) => {
      const s = new Scenario();
      const kept: HallState[] = [];
      for (const [wait, make] of steps) {
        s.advance(wait);
        const c = make(s);
        if (!c) continue;
        try {
          s.run(c);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
        }
        kept.push(s.state);
        t.deepEqual({ ...waitingCounts(s.state, smallHall) }, countedFromTickets(s.state));
      }
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

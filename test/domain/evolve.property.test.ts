// evolve is pure: every state of a random day is frozen, to the last ticket and queue chunk, before
// the next command is decided and folded on it, so any write to an older state throws; and each
// state still equals, by value, what a fold of its own log prefix gives (nothing shared changed).
import test from 'ava';
import fc from 'fast-check';
import { LANES } from '../../server/config/schema.ts';
import type { Command } from '../../server/domain/commands.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { evolve, initialState } from '../../server/domain/evolve.ts';
import { queueIds } from '../../server/domain/queues.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { HallState, Lane } from '../../server/domain/types.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';
import { deepFreeze } from '../helpers/deep-freeze.ts';

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
  fc.constantFrom(...windows).map((windowId): Make => () => ({ type: 'pauseWindow', windowId })),
  fc.constantFrom(...windows).map((windowId): Make => () => ({ type: 'resumeWindow', windowId })),
);

/** What a reader sees of a state: tickets by id, queue order, windows, counters. */
const view = (s: HallState) => ({
  seq: s.seq,
  serviceDay: s.serviceDay,
  lastNumber: s.lastNumber,
  windows: s.windows,
  tickets: Object.fromEntries(ticketList(s.tickets).map((t) => [t.id, t])),
  queues: Object.fromEntries(Object.entries(s.queues).map(([k, q]) => [k, queueIds(q)])),
});

test('no command writes to a state it was given; every kept state equals a fresh fold of its log prefix', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 * MINUTE }), command), { minLength: 20, maxLength: 120 }), (steps) => {
      const s = new Scenario();
      const kept: HallState[] = [];
      for (const [wait, make] of steps) {
        s.advance(wait);
        kept.push(deepFreeze(s.state));
        const c = make(s);
        if (!c) continue;
        try {
          s.run(c); // throws a TypeError if anything frozen is written to
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
        }
      }
      for (const state of kept) {
        const refold = s.log.filter((e) => e.seq <= state.seq).reduce(evolve, initialState(smallHall.id));
        t.deepEqual(view(state), view(refold));
      }
      return true;
    }),
    { numRuns: 60 },
  );
});

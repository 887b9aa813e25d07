// waitingCounts is kept per queues record and handed to every caller as it is (no copy per call):
// after every command of a random day it equals a plain count of the waiting tickets by service,
// done here from the tickets; and a caller cannot change what the next caller reads.
import test from 'ava';
import fc from 'fast-check';
import { waitingCounts } from '../../server/domain/lane-policy.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { HallConfig, HallState } from '../../server/domain/types.ts';
import { parseDeployment } from '../../server/config/load.ts';
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

/** A hall whose service ids are awkward as object keys: integer-like ids (ordered first in any
 * record), "__proto__" (a prototype setter in a plain literal), "constructor". */
const oddHall: HallConfig = parseDeployment({
  ...smallHall,
  id: 'odd',
  services: ['zeta', '7', '__proto__', 'constructor', '10', 'a-b'].map((id, i) => ({ id, prefix: String.fromCharCode(65 + i), name: { zh: id, en: id }, targetWaitMinutes: 10 })),
  windows: [{ id: 'w1', number: 1, name: { zh: '1', en: '1' }, services: ['zeta', '7', '__proto__', 'constructor', '10', 'a-b'] }],
}).halls[0]!;

/** The oracle's record, made as JSON text key by key in the hall's order (JSON.parse makes
 * "__proto__" an own key): the same text as the counts' own JSON when keys and order agree. */
function jsonFromTickets(state: HallState, hall: HallConfig): string {
  const n = new Map<string, number>(hall.services.map((s) => [s.id, 0]));
  for (const t of ticketList(state.tickets)) if (t.status === 'waiting') n.set(t.serviceId, (n.get(t.serviceId) ?? 0) + 1);
  return JSON.stringify(JSON.parse(`{${[...n].map(([id, c]) => `${JSON.stringify(id)}:${c}`).join(',')}}`));
}

test('the counts read as JSON the same, key for key and in order, for service ids awkward as keys', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 * MINUTE }), randomCommand(4, oddHall)), { minLength: 5, maxLength: 60 }), (steps) => {
      const s = new Scenario(oddHall);
      for (const [wait, make] of steps) {
        s.advance(wait);
        const command = make(s);
        if (command) s.tryRun(command);
        const counts = waitingCounts(s.state, oddHall);
        t.true(Object.isFrozen(counts));
        t.is(Object.getPrototypeOf(counts), Object.prototype);
        t.is(JSON.stringify(counts), jsonFromTickets(s.state, oddHall));
      }
      return true;
    }),
    { numRuns: 40 },
  );
});

test('a queue of a service the hall no longer lists is counted after the hall\'s services', (t) => {
  const s = new Scenario();
  s.run({ type: 'issue', serviceId: 'biz', lane: 'normal' });
  s.run({ type: 'issue', serviceId: 'soc', lane: 'normal' });
  // The hall reloaded without "soc": its waiting ticket still counts, under its own id, last.
  const reloaded: HallConfig = { ...smallHall, services: smallHall.services.filter((x) => x.id !== 'soc') };
  t.is(JSON.stringify(waitingCounts(s.state, reloaded)), '{"biz":1,"soc":1}');
  // A hall listing the services the other way round reads them in its own order.
  const reversed: HallConfig = { ...smallHall, services: [...smallHall.services].reverse() };
  t.is(JSON.stringify(waitingCounts(s.state, reversed)), '{"soc":1,"biz":1}');
});

// Paging the waiting tickets (server/domain/waiting-page.ts) after any history of issues in every
// lane, calls, no-shows, reactivations (front of the lane), transfers and cancels, checked against a
// plain scan of every ticket sorted by arrival. With commands run between page reads: no ticket is
// listed twice, each listed ticket was waiting in an asked service when its page was read, the
// listing goes forward in arrival order, and every ticket waiting from the first read to the last is
// listed exactly once.
import test from 'ava';
import fc from 'fast-check';
import { DomainError } from '../../server/domain/errors.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { HallState, Ticket } from '../../server/domain/types.ts';
import { waitingPage, type ArrivalKey } from '../../server/domain/waiting-page.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';
import { randomCommand, type Make } from '../helpers/random-commands.ts';

const services = smallHall.services.map((s) => s.id);

/** The oracle: every ticket scanned, the waiting ones of the services, by arrival then issue time then id. */
function waitingByArrival(state: HallState, of: readonly string[]): Ticket[] {
  return ticketList(state.tickets)
    .filter((t) => t.status === 'waiting' && of.includes(t.serviceId))
    .sort((a, b) => a.arrivedAt - b.arrivedAt || a.issuedAt - b.issuedAt || a.id.localeCompare(b.id));
}

const command = randomCommand(6);

function apply(s: Scenario, wait: number, make: Make) {
  s.advance(wait);
  const c = make(s);
  if (!c) return;
  try {
    s.run(c);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
  }
}

/** A day: `bulk` plain issues first (queues longer than one chunk of the index), then the history. */
function dayOf(bulk: number, steps: [number, Make][]): Scenario {
  const s = new Scenario();
  for (let i = 0; i < bulk; i++) {
    s.advance(1000);
    s.run({ type: 'issue', serviceId: services[i % services.length]!, lane: i % 3 ? 'normal' : 'elderly' });
  }
  for (const [wait, make] of steps) apply(s, wait, make);
  return s;
}

const history = fc.array(fc.tuple(fc.integer({ min: 0, max: 10 * MINUTE }), command), { minLength: 20, maxLength: 120 });
const asked = fc.subarray(services, { minLength: 1 });

test('paging a still hall lists exactly the waiting tickets of the services, in arrival order', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 400 }), history, asked, fc.integer({ min: 1, max: 40 }), (bulk, steps, of, limit) => {
      const s = dayOf(bulk, steps);
      const listed: string[] = [];
      let after: ArrivalKey | undefined;
      do {
        const page = waitingPage(s.state, of, after, limit);
        if (page.tickets.length > limit) return false;
        if (page.next && page.tickets.length !== limit) return false;
        listed.push(...page.tickets.map((x) => x.id));
        after = page.next;
      } while (after);
      t.deepEqual(listed, waitingByArrival(s.state, of).map((x) => x.id));
      return true;
    }),
    { numRuns: 120 },
  );
});

test('paging while tickets are issued, called, reactivated and transferred lists each ticket that waited throughout exactly once', (t) => {
  const between = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 * MINUTE }), command), { maxLength: 6 });
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 400 }), history, asked, fc.integer({ min: 1, max: 30 }), fc.array(between, { minLength: 60, maxLength: 60 }), (bulk, steps, of, limit, meanwhile) => {
      const s = dayOf(bulk, steps);
      const listed: Ticket[] = [];
      // Waiting (in an asked service) at every moment from the first read on: must be listed once.
      let throughout = new Set(waitingByArrival(s.state, of).map((x) => x.id));
      let after: ArrivalKey | undefined;
      for (let read = 0; ; read++) {
        const now = new Set(waitingByArrival(s.state, of).map((x) => x.id));
        throughout = new Set([...throughout].filter((id) => now.has(id)));
        const page = waitingPage(s.state, of, after, limit);
        for (const x of page.tickets) t.true(now.has(x.id), `${x.number} was waiting when its page was read`);
        listed.push(...page.tickets);
        after = page.next;
        if (!after) break;
        for (const [wait, make] of meanwhile[read % meanwhile.length]!) {
          apply(s, wait, make);
          const still = new Set(waitingByArrival(s.state, of).map((x) => x.id));
          throughout = new Set([...throughout].filter((id) => still.has(id)));
        }
      }
      const ids = listed.map((x) => x.id);
      t.is(new Set(ids).size, ids.length, 'no ticket listed twice');
      for (let i = 1; i < listed.length; i++) {
        const [a, b] = [listed[i - 1]!, listed[i]!];
        t.true(a.arrivedAt < b.arrivedAt || (a.arrivedAt === b.arrivedAt && (a.issuedAt < b.issuedAt || (a.issuedAt === b.issuedAt && a.id < b.id))), 'forward in arrival order');
      }
      for (const id of throughout) t.true(ids.includes(id), `${id} waited throughout and was listed`);
      return true;
    }),
    { numRuns: 80 },
  );
});

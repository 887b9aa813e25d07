// Cost of folding one event into a hall state with few and with many tickets waiting: an issue (a
// ticket joins the end of its queue) followed by a call (the head leaves it), in-process, no store.
// The ratio of the 10,000-waiting row to the 100-waiting row is what matters on a noisy machine:
// near 1 means an event's cost does not grow with the day.
import type { DomainEvent } from '../server/domain/events.ts';
import { evolve, initialState } from '../server/domain/evolve.ts';
import type { HallState, Ticket } from '../server/domain/types.ts';

const T0 = Date.parse('2026-11-27T08:00:00+08:00');
const PAIRS = 2000;

function ticket(i: number): Ticket {
  const at = T0 + i;
  return { id: `t${i}`, hallId: 'h', serviceId: 's', lane: 'normal', number: `A${i % 1000}`, status: 'waiting', serviceDay: '2026-11-27', issuedAt: at, arrivedAt: at, recalls: 0 };
}
const issued = (i: number): DomainEvent => ({ type: 'ticket:issued', hallId: 'h', at: T0 + i, data: { ticket: ticket(i) } });
const called = (i: number, at: number): DomainEvent => ({ type: 'ticket:called', hallId: 'h', at, data: { ticketId: `t${i}`, windowId: 'w1' } });

function dayWith(waiting: number): HallState {
  let s = evolve(initialState('h'), { type: 'day:started', hallId: 'h', at: T0, data: { serviceDay: '2026-11-27', expiredTicketIds: [], windows: { w1: 'open' } } });
  for (let i = 0; i < waiting; i++) s = evolve(s, issued(i));
  return s;
}

/** µs per event, median of 5 runs of PAIRS issue + call pairs. */
export function perEventMicros(waiting: number): number {
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    let s = dayWith(waiting);
    const start = process.hrtime.bigint();
    for (let k = 0; k < PAIRS; k++) {
      s = evolve(s, issued(waiting + k));
      s = evolve(s, called(k, T0 + waiting + k));
    }
    runs.push(Number(process.hrtime.bigint() - start) / 1000 / (2 * PAIRS));
  }
  return runs.sort((a, b) => a - b)[2]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const few = perEventMicros(100);
  console.log('waiting  µs/event  vs 100 waiting');
  for (const n of [100, 1000, 10_000]) {
    const us = n === 100 ? few : perEventMicros(n);
    console.log(`${String(n).padEnd(8)} ${us.toFixed(2).padStart(8)}  ${(us / few).toFixed(2)}×`);
  }
}

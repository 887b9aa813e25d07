// Each live event against the hall replayed from scratch up to that event, after any history of
// issues in every lane, calls, no-shows, reactivations, transfers, cancels and windows paused and
// resumed: the waiting counts are the waiting tickets of each service counted one by one, the ticket
// shown is as the replay has it, and the event goes to its window's room. (The gateway builds events
// one after another and shares the counts of events that leave the queues as they were.)
import test from 'ava';
import fc from 'fast-check';
import { evolve, initialState } from '../../server/domain/evolve.ts';
import { ticketById, ticketList } from '../../server/domain/ticket-table.ts';
import type { HallState } from '../../server/domain/types.ts';
import { toLiveEvent } from '../../server/realtime/live-events.ts';
import type { TicketEvent, WindowEvent } from '../../server/realtime/contract.ts';
import { MINUTE, smallHall } from '../helpers/decider.ts';
import { playDay, randomCommand, type Make } from '../helpers/random-commands.ts';

const windows = smallHall.windows.map((w) => w.id);
const windowCommand = fc.tuple(fc.boolean(), fc.constantFrom(...windows)).map(([pause, windowId]): Make => () => (pause ? { type: 'pauseWindow', windowId } : { type: 'resumeWindow', windowId }));
const finishOrStart = fc.tuple(fc.boolean(), fc.constantFrom(...windows)).map(([finish, windowId]): Make => () => (finish ? { type: 'finish', windowId } : { type: 'start', windowId }));
const step = fc.tuple(fc.integer({ min: 0, max: 3 * MINUTE }), fc.oneof({ weight: 5, arbitrary: randomCommand(8) }, { weight: 1, arbitrary: windowCommand }, { weight: 2, arbitrary: finishOrStart }));

function countWaiting(state: HallState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of smallHall.services) counts[s.id] = 0;
  for (const t of ticketList(state.tickets)) if (t.status === 'waiting') counts[t.serviceId]! += 1;
  return counts;
}

test('every live event shows the hall as a replay from scratch has it right after that event', (t) => {
  let events = 0;
  fc.assert(
    fc.property(fc.array(step, { minLength: 10, maxLength: 80 }), (steps) => {
      const s = playDay(steps);
      let state = initialState(smallHall.id);
      for (const e of s.log) {
        state = evolve(state, e);
        const live = toLiveEvent(e, state, smallHall);
        if (!live) continue;
        events++;
        t.is(live.eventId, e.seq);
        if (live.name === 'day:started') continue;
        if (live.name === 'window:updated') {
          const payload = live.payload as WindowEvent;
          t.is(payload.window.status, state.windows[payload.window.id]!.status);
          t.deepEqual(live.windowIds, [payload.window.id]);
          continue;
        }
        const payload = live.payload as TicketEvent;
        t.deepEqual(payload.waiting, countWaiting(state), `${e.type} #${e.seq}`);
        const ticket = ticketById(state.tickets, payload.ticket.id)!;
        t.is(payload.ticket.status, ticket.status);
        t.deepEqual(live.windowIds, payload.window ? [payload.window.id] : []);
        if (payload.window) t.is(payload.window.current?.id, state.windows[payload.window.id]!.currentTicketId);
      }
    }),
    { numRuns: 150 },
  );
  t.log(`${events} live events checked`);
});

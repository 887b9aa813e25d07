// The wait estimate against the queue order, after any history of issues in every lane, calls,
// no-shows, reactivations, transfers, cancels and windows paused and resumed (the live estimate,
// LiveMetrics, as the API gives it). Oracle: the core's own people ahead. Two tickets of one service
// and lane that may go to the same windows: the one with more people ahead never gets a shorter
// estimate. And counting on paused windows coming back (breaks.ts) never makes a wait longer than
// leaving them out.
import test from 'ava';
import fc from 'fast-check';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { Ticket } from '../../server/domain/types.ts';
import { estimateWait } from '../../server/metrics/estimate.ts';
import { LiveMetrics } from '../../server/metrics/live.ts';
import { MINUTE, smallHall, type Scenario } from '../helpers/decider.ts';
import { playDay, randomCommand, type Make } from '../helpers/random-commands.ts';

const windows = smallHall.windows.map((w) => w.id);
const windowCommand = fc.tuple(fc.boolean(), fc.constantFrom(...windows)).map(([pause, windowId]): Make => () => (pause ? { type: 'pauseWindow', windowId } : { type: 'resumeWindow', windowId }));
const step = fc.tuple(fc.integer({ min: 0, max: 6 * MINUTE }), fc.oneof({ weight: 5, arbitrary: randomCommand(16) }, { weight: 1, arbitrary: windowCommand }));
const history = fc.array(step, { minLength: 20, maxLength: 120 });

const dayOf = (steps: [number, Make][]): Scenario => playDay(steps);

/** The live estimate after the day's log, for the waiting tickets any window of their service may take. */
function liveOf(s: Scenario) {
  const live = new LiveMetrics(smallHall);
  live.apply(s.log);
  const waiting = ticketList(s.state.tickets).filter((t) => t.status === 'waiting' && t.targetWindowId === undefined);
  return { live, waiting };
}

test('a ticket with more people ahead in its service and lane never gets a shorter estimate', (t) => {
  let pairs = 0;
  let withPaused = 0;
  fc.assert(
    fc.property(history, fc.integer({ min: 0, max: 20 * MINUTE }), (steps, later) => {
      const s = dayOf(steps);
      const now = s.now + later;
      const { live, waiting } = liveOf(s);
      if (Object.values(s.state.windows).some((w) => w.status === 'paused')) withPaused++;
      const groups = new Map<string, { ahead: number; ms: number | null; id: string }[]>();
      for (const ticket of waiting) {
        const e = live.estimate(s.state, ticket, now);
        const key = `${ticket.serviceId}|${ticket.lane}`;
        groups.set(key, [...(groups.get(key) ?? []), { ahead: e.ahead, ms: e.ms, id: ticket.id }]);
      }
      for (const xs of groups.values()) {
        xs.sort((a, b) => a.ahead - b.ahead);
        for (let i = 1; i < xs.length; i++) {
          const [a, b] = [xs[i - 1]!, xs[i]!];
          if (a.ms === null || b.ms === null || a.ahead === b.ahead) continue;
          pairs++;
          if (b.ms + 1 < a.ms) return false;
        }
      }
      return true;
    }),
    { numRuns: 150 },
  );
  t.true(pairs > 300, `${pairs} pairs compared`);
  t.true(withPaused > 20, `${withPaused} days ended with a window paused`);
});

test('counting on paused windows coming back never lengthens a wait, and shortens some', (t) => {
  let shorter = 0;
  fc.assert(
    fc.property(history, fc.integer({ min: 1, max: 30 * MINUTE }), (steps, breakMs) => {
      const s = dayOf(steps);
      const live = new LiveMetrics(smallHall);
      live.apply(s.log);
      const f = live.forecasts.of(s.state, s.now);
      const estimate = (ticket: Ticket, back: boolean) =>
        estimateWait({ hall: smallHall, state: s.state, now: s.now, ...(back ? { pausedReturnsInMs: () => breakMs } : {}) }, ticket, f.tickets.get(ticket.id)).ms;
      for (const ticket of ticketList(s.state.tickets).filter((x) => x.status === 'waiting')) {
        const [without, withReturn] = [estimate(ticket, false), estimate(ticket, true)];
        if (without === null || withReturn === null) {
          if (without !== withReturn) return false;
          continue;
        }
        if (withReturn > without + 1) return false;
        if (withReturn < without - 1) shorter++;
      }
      return true;
    }),
    { numRuns: 150 },
  );
  t.true(shorter > 20, `${shorter} waits shortened by a paused window coming back`);
});

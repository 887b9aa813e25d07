// The live wait estimate (LiveMetrics, which keeps what the estimate reads of the hall per kind of
// ticket for a state and instant) against a reference model: the estimate as computed before, one
// ticket at a time from scratch (test/metrics/reference/estimate-before.ts, with the overtaking
// share as it was: overtaking-before.ts, and the first-free step after it: first-free-step.ts), over learners folded afresh from the whole log at every
// check. Random days of issues in every lane, calls, no-shows, reactivations, transfers to a
// window, cancels and windows paused and resumed; after every step,
// every waiting ticket's estimate and a new ticket's of every service and lane, at the step's
// instant (read twice) and later, and the state before the step read again at its instant, must be
// the same number bit for bit.
import test from 'ava';
import fc from 'fast-check';
import { LANES } from '../../server/config/schema.ts';
import type { StoredEvent } from '../../server/domain/events.ts';
import type { TicketForecast } from '../../server/domain/forecast.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { HallState, Lane, Ticket, WindowConfig } from '../../server/domain/types.ts';
import { BreakLearner } from '../../server/metrics/breaks.ts';
import { LiveMetrics } from '../../server/metrics/live.ts';
import { ServiceTimeLearner } from '../../server/metrics/service-times.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';
import { randomCommand, type Make } from '../helpers/random-commands.ts';
import { estimateWait, type Estimate } from './reference/estimate-before.ts';
import { OvertakingShare } from './reference/overtaking-before.ts';
import { withFirstFreeStep } from './reference/first-free-step.ts';

const windows = smallHall.windows.map((w) => w.id);
const windowCommand = fc.tuple(fc.boolean(), fc.constantFrom(...windows)).map(([pause, windowId]): Make => () => (pause ? { type: 'pauseWindow', windowId } : { type: 'resumeWindow', windowId }));
const step = fc.tuple(fc.constantFrom(0, 0, 1_000, 45_000, 3 * MINUTE, 11 * MINUTE), fc.oneof({ weight: 5, arbitrary: randomCommand(12) }, { weight: 1, arbitrary: windowCommand }));
const history = fc.array(step, { minLength: 10, maxLength: 70 });

/** The learners as today's log leaves them, folded from scratch (the day's events only). */
function learnersOf(log: readonly StoredEvent[]) {
  let times = new ServiceTimeLearner(smallHall);
  let breaks = new BreakLearner();
  let overtaking = new OvertakingShare(smallHall);
  for (const e of log) {
    if (e.type === 'day:started') [times, breaks, overtaking] = [new ServiceTimeLearner(smallHall), new BreakLearner(), new OvertakingShare(smallHall)];
    times.apply(e);
    breaks.apply(e);
    if (e.type === 'ticket:issued' || e.type === 'ticket:transferred') overtaking.observe(e.data.ticket.serviceId, e.data.ticket.lane, times.serviceMs(e.data.ticket.serviceId), e.at);
  }
  return { times, breaks, overtaking };
}

function referenceEstimate(log: readonly StoredEvent[], state: HallState, now: number, ticket: Ticket, f: TicketForecast | undefined): Estimate {
  const { times, breaks, overtaking } = learnersOf(log);
  const ctx = {
    hall: smallHall,
    state,
    now,
    overtakingShare: (lane: Lane, ws: readonly WindowConfig[], at: number) => overtaking.share(lane, ws, at),
    pausedReturnsInMs: (since: number, at: number) => breaks.returnsInMs(since, at),
    windowCallMs: (w: WindowConfig) => times.windowMs(w.id, w.services),
  };
  const firstFree = { hall: smallHall, state, now, times, share: (open: readonly WindowConfig[]) => overtaking.share(ticket.lane, open, now), pausedReturnsInMs: ctx.pausedReturnsInMs };
  const before = estimateWait(ctx, ticket, f);
  const after = withFirstFreeStep(firstFree, ticket, before);
  if (after.ms !== before.ms) firstFreeChanged++;
  return after;
}

/** Reference estimates the first-free step changed (it must be exercised, not only passed through). */
let firstFreeChanged = 0;

function phantomOf(state: HallState, serviceId: string, lane: Lane, now: number): Ticket {
  return { id: '~new', hallId: smallHall.id, serviceId, lane, number: '', status: 'waiting', serviceDay: state.serviceDay ?? '', issuedAt: now, arrivedAt: now, recalls: 0 };
}

/** Every estimate the live metrics give at `now` that differs from the reference's, described. */
function mismatches(live: LiveMetrics, log: readonly StoredEvent[], state: HallState, now: number): string[] {
  const out: string[] = [];
  const forecast = live.forecasts.of(state, now);
  for (const ticket of ticketList(state.tickets).filter((x) => x.status === 'waiting' || x.status === 'called')) {
    const got = live.estimate(state, ticket, now);
    const want = referenceEstimate(log, state, now, ticket, forecast.tickets.get(ticket.id));
    if (!same(got, want)) out.push(`${ticket.id} at ${now}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  }
  for (const service of smallHall.services) {
    for (const lane of LANES) {
      const got = live.estimateNew(state, service.id, now, lane);
      const want = referenceEstimate(log, state, now, phantomOf(state, service.id, lane, now), live.forecasts.forNew(state, now, service.id, lane));
      if (!same(got, want)) out.push(`new ${service.id}/${lane} at ${now}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    }
  }
  return out;
}

function same(a: Estimate, b: Estimate): boolean {
  return Object.is(a.ms, b.ms) && Object.is(a.minutes, b.minutes) && a.ahead === b.ahead && a.windows === b.windows;
}

test('the live estimate equals the reference computation bit for bit, after every step of random days', (t) => {
  let compared = 0;
  let paced = 0;
  let withPaused = 0;
  fc.assert(
    fc.property(history, fc.integer({ min: 1, max: 40 * MINUTE }), (steps, later) => {
      const s = new Scenario();
      const live = new LiveMetrics(smallHall);
      for (const [wait, make] of steps) {
        const [before, then] = [s.state, s.now];
        s.advance(wait);
        const c = make(s);
        if (c) s.tryRun(c);
        live.apply(s.log);
        // The state before the step, read again once its events are folded: the learners moved on.
        const wrong = [...mismatches(live, s.log, before, then), ...mismatches(live, s.log, s.state, s.now), ...mismatches(live, s.log, s.state, s.now), ...mismatches(live, s.log, s.state, s.now + later)];
        if (wrong.length > 0) throw new Error(wrong.slice(0, 3).join('\n'));
        compared += ticketList(s.state.tickets).filter((x) => x.status === 'waiting').length;
        if (Object.values(s.state.windows).some((w) => w.status === 'paused')) withPaused++;
        if (ticketList(s.state.tickets).some((x) => x.status === 'waiting' && live.estimate(s.state, x, s.now).ahead > 0)) paced++;
      }
      return true;
    }),
    { numRuns: 100 },
  );
  t.true(compared > 2000, `${compared} waiting tickets compared`);
  t.true(withPaused > 100, `${withPaused} steps with a window paused`);
  t.true(paced > 500, `${paced} steps with a ticket behind others (the pace floor read)`);
  t.true(firstFreeChanged > 500, `${firstFreeChanged} estimates changed by the first-free step`);
});

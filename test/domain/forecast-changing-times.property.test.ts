// Property: with expected service times that change as the hall goes on (as the learned ones do:
// server/metrics/service-times.ts moves a service's mean at every release and every service's
// turnaround at a call), the kept forecast (Forecasts) tells every waiting ticket, and every ticket
// a kiosk would issue now, exactly what the reference replay (test/domain/reference-forecast.ts:
// the lane policy run from scratch over the whole queue, no code shared with the kept run) tells it
// for the same state, clock and times — over random halls and random commands (issues in every
// lane, calls, finishes, no-shows, reactivations, transfers, pauses, cancels) run through the real
// decide/evolve, read after batches of commands, and read the ways the server reads: a batch's
// issued tickets only (the live events and the issue answer), kiosk buttons only, or both, in
// either order. The kept run makes some of its lists only when a read first needs them
// (forecast-press-log.ts): every order of reads must see the same forecast.
import test from 'ava';
import fc from 'fast-check';
import { LANES, type HallConfig, type Lane } from '../../server/config/schema.ts';
import type { Command } from '../../server/domain/commands.ts';
import { DomainError } from '../../server/domain/errors.ts';
import type { ServiceTimes } from '../../server/domain/forecast.ts';
import { Forecasts } from '../../server/domain/forecasts.ts';
import type { Ticket } from '../../server/domain/types.ts';
import { MINUTE, NINE_AM, Scenario } from '../helpers/decider.ts';
import { randomCommand, type Make } from '../helpers/random-commands.ts';
import { smallHallArb } from '../helpers/random-hall-arb.ts';
import { referenceForecast } from './reference-forecast.ts';


type Step =
  | { kind: 'make'; make: Make }
  | { kind: 'window'; window: number; command: 'finish' | 'pauseWindow' | 'resumeWindow' | 'start' }
  | { kind: 'wait'; seconds: number }
  /** A service's expected time moves (a release measured), or every service's (a turnaround measured). */
  | { kind: 'learn'; service: number | 'all'; ms: number };

/** How the batch's read goes: the waiting tickets (lookups), kiosk buttons (probes), or both in either order. */
type Read = 'lookups' | 'probes' | 'lookups-then-probes' | 'probes-then-lookups';

function stepArb(hall: HallConfig): fc.Arbitrary<Step> {
  return fc.oneof(
    { weight: 10, arbitrary: randomCommand(3, hall).map((make) => ({ kind: 'make' as const, make })) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('window' as const), window: fc.nat(), command: fc.constantFrom('finish' as const, 'finish' as const, 'pauseWindow' as const, 'resumeWindow' as const, 'start' as const) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.constantFrom(0, 1, 2, 5, 60, 400) }) },
    // Whole ms mostly (the kept run moves on to a later clock only then: ForecastIndex.shift), fractions as well (learned means are not whole).
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('learn' as const), service: fc.oneof(fc.nat(), fc.constant('all' as const)), ms: fc.oneof(fc.integer({ min: -90_000, max: 90_000 }), fc.double({ min: -90_000, max: 90_000, noNaN: true })) }) },
  );
}

const caseArb = smallHallArb.chain((hall) =>
  fc.record({
    hall: fc.constant(hall),
    steps: fc.array(stepArb(hall), { minLength: 20, maxLength: 60 }),
    readEvery: fc.integer({ min: 1, max: 5 }),
    reads: fc.array(fc.constantFrom<Read>('lookups', 'probes', 'lookups-then-probes', 'probes-then-lookups'), { minLength: 1, maxLength: 5 }),
    minutes: fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 3, maxLength: 3 }),
  }),
);

/** Expected times that a step may move: the mean per service, and the visitor at a window's rule. */
function changingTimes(minutes: number[]): { times: ServiceTimes; learn: (service: number | 'all', ms: number) => void } {
  const means = minutes.map((m) => m * MINUTE);
  const mean = (serviceId: string) => means[Number(serviceId.slice(1))]!;
  const times: ServiceTimes = Object.assign(mean, {
    remainingMs: (ticket: Ticket, _windowId: string, at: number) => Math.max(mean(ticket.serviceId) - (at - (ticket.calledAt ?? at)), 0.1 * mean(ticket.serviceId)),
  });
  const learn = (service: number | 'all', ms: number) => {
    for (let i = 0; i < means.length; i++) if (service === 'all' || service % means.length === i) means[i] = Math.max(30_000, means[i]! + ms);
  };
  return { times, learn };
}

/** Counted over every case, so the test can tell that both kinds of read and moved times were met. */
const counts = { lookups: 0, probes: 0, learned: 0, runs: 0, reads: 0, retimes: 0, shifts: 0 };

function commandOf(s: Scenario, step: Step, learn: (service: number | 'all', ms: number) => void): Command | undefined {
  switch (step.kind) {
    case 'make':
      return step.make(s);
    case 'window':
      return { type: step.command, windowId: s.hall.windows[step.window % s.hall.windows.length]!.id };
    case 'wait':
      s.advance(step.seconds * 1000);
      return undefined;
    case 'learn':
      learn(step.service, step.ms);
      counts.learned++;
      return undefined;
  }
}

/** Every waiting ticket's forecast against the reference at the forecast's clock; a mismatch or undefined. */
function lookupsMismatch(forecasts: Forecasts, s: Scenario, times: ServiceTimes): string | undefined {
  const got = forecasts.of(s.state, s.now);
  const want = referenceForecast(s.state, s.hall, got.now, times);
  if (got.tickets.size !== want.tickets.size) return `${got.tickets.size} tickets, want ${want.tickets.size}`;
  for (const [id, w] of want.tickets) {
    const g = got.tickets.get(id);
    counts.lookups++;
    if (g?.ahead !== w.ahead || g.callAt !== w.callAt) return `ticket ${id}: ${JSON.stringify(g)}, want ${JSON.stringify(w)}`;
  }
  return undefined;
}

/** A ticket of every service and lane issued now, against the reference; a mismatch or undefined. */
function probesMismatch(forecasts: Forecasts, s: Scenario, times: ServiceTimes): string | undefined {
  // The clock the kept run stands for (a read within FORECAST_REUSE_MS may reuse it: forecasts.ts); reading it makes none of its lists.
  const clock = forecasts.of(s.state, s.now).now;
  for (const service of s.hall.services)
    for (const lane of LANES) {
      const probe: Ticket = { id: '~new', hallId: s.hall.id, serviceId: service.id, lane, number: '', status: 'waiting', serviceDay: s.state.serviceDay ?? '', issuedAt: s.now, arrivedAt: s.now, recalls: 0 };
      const w = referenceForecast(s.state, s.hall, clock, times, probe).tickets.get(probe.id)!;
      const g = forecasts.forNew(s.state, s.now, service.id, lane as Lane);
      counts.probes++;
      if (g.ahead !== w.ahead || g.callAt !== w.callAt) return `new ${service.id}/${lane}: ${JSON.stringify(g)}, want ${JSON.stringify(w)}`;
    }
  return undefined;
}

function firstMismatch(c: { hall: HallConfig; steps: Step[]; readEvery: number; reads: Read[]; minutes: number[] }): string | undefined {
  const { times, learn } = changingTimes(c.minutes);
  const s = new Scenario(c.hall, NINE_AM);
  const forecasts = new Forecasts(c.hall);
  forecasts.serviceTimes = times;
  let seen = 0;
  let batch = 0;
  for (const [i, step] of c.steps.entries()) {
    const command = commandOf(s, step, learn);
    if (command) {
      try {
        s.run(command);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
      }
    }
    if ((i + 1) % c.readEvery !== 0) continue;
    // The engine hands every folded event to the kept forecast, then the batch's readers read.
    for (const e of s.log.slice(seen)) forecasts.observe(e);
    seen = s.log.length;
    const read = c.reads[batch++ % c.reads.length]!;
    counts.reads++;
    const order = read === 'probes-then-lookups' ? [probesMismatch, lookupsMismatch] : read === 'lookups-then-probes' ? [lookupsMismatch, probesMismatch] : read === 'probes' ? [probesMismatch] : [lookupsMismatch];
    for (const check of order) {
      const mismatch = check(forecasts, s, times);
      if (mismatch) return `step ${i} (${read}): ${mismatch}`;
    }
  }
  counts.runs += forecasts.runs;
  counts.retimes += forecasts.retimes;
  counts.shifts += forecasts.shifts;
  return undefined;
}

test('with service times that change as the hall goes on, every read of the kept forecast, in any order of lookups and kiosk probes, equals the reference replay', (t) => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const mismatch = firstMismatch(c);
      if (mismatch) throw new Error(mismatch);
    }),
    { numRuns: 250 },
  );
  // Both kinds of read were checked, times moved often, and the kept run was reused as well as run again.
  t.true(counts.lookups > 1000, `${counts.lookups} lookups checked`);
  t.true(counts.probes > 1000, `${counts.probes} probes checked`);
  t.true(counts.learned > 500, `${counts.learned} moves of the times`);
  t.true(counts.runs < counts.reads, `${counts.runs} runs for ${counts.reads} reads`);
  // The kept run was moved on to later clocks too (retime, and shift: every press later), before or after its wins were first read.
  t.true(counts.retimes > 0 && counts.shifts > 0, `${counts.retimes} moves of the kept run, ${counts.shifts} of all its presses`);
});

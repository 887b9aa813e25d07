// Property: the forecast kept as the hall changes (Forecasts: each newly issued ticket placed in the
// kept run, each finish, no-show, start, recall, cancel or window change checked against how the
// run started its windows, each read on a later clock moved on to it) tells every waiting ticket,
// and every ticket a kiosk would issue now, exactly what the reference replay
// (test/domain/reference-forecast.ts: the lane policy run from scratch over the whole queue) tells
// it for the same state, clock and service times — over random halls (lane interleaves: green
// first, appointments, the elderly streak, preferred lanes, windows that take some lanes only) and
// random command sequences run through the real decide/evolve (test/helpers/random-commands.ts:
// issues in every lane, calls, no-shows, reactivations, transfers, cancels; and here finishes,
// starts, recalls, cancels of called tickets, window pauses and openings, the clock moving on),
// with the configured service times or with a rule for the current visitors' remaining times as
// the learned ones have.
import test from 'ava';
import fc from 'fast-check';
import { parseDeployment } from '../../server/config/load.ts';
import { LANES, type HallConfig, type Lane } from '../../server/config/schema.ts';
import type { Command } from '../../server/domain/commands.ts';
import { DomainError } from '../../server/domain/errors.ts';
import type { ServiceTimes } from '../../server/domain/forecast.ts';
import { Forecasts } from '../../server/domain/forecasts.ts';
import type { Ticket } from '../../server/domain/types.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import { MINUTE, NINE_AM, Scenario } from '../helpers/decider.ts';
import { randomCommand, type Make } from '../helpers/random-commands.ts';
import { referenceForecast } from './reference-forecast.ts';
import { sharedHallArb, smallHallArb } from '../helpers/random-hall-arb.ts';


/** A step, read against the hall and state when it runs (numbers pick a service, window, ticket). */
type Step =
  | { kind: 'issue'; service: number; lane: Exclude<Lane, 'appointment'> }
  | { kind: 'window'; window: number; command: 'callNext' | 'finish' | 'noShow' | 'start' | 'recall' | 'pauseWindow' | 'resumeWindow' | 'openWindow' | 'closeWindow' }
  | { kind: 'cancel'; ticket: number; called: boolean }
  | { kind: 'make'; make: Make }
  | { kind: 'wait'; seconds: number };

const windowCommands = ['callNext', 'callNext', 'finish', 'finish', 'noShow', 'start', 'recall', 'pauseWindow', 'resumeWindow', 'openWindow', 'closeWindow'] as const;

function stepArb(hall: HallConfig): fc.Arbitrary<Step> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('issue' as const), service: fc.nat(), lane: fc.constantFrom('normal' as const, 'normal' as const, 'elderly' as const, 'green' as const) }) },
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('window' as const), window: fc.nat(), command: fc.constantFrom(...windowCommands) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), ticket: fc.nat(), called: fc.boolean() }) },
    // The shared random commands: appointments, no-shows, reactivations, transfers among them.
    { weight: 4, arbitrary: randomCommand(2, hall).map((make) => ({ kind: 'make' as const, make })) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.constantFrom(0, 0.5, 1, 3, 7, 90, 600) }) },
  );
}

function commandOf(s: Scenario, step: Step): Command | undefined {
  const hall = s.hall;
  switch (step.kind) {
    case 'issue':
      return { type: 'issue', serviceId: hall.services[step.service % hall.services.length]!.id, lane: step.lane };
    case 'window':
      return { type: step.command, windowId: hall.windows[step.window % hall.windows.length]!.id };
    case 'cancel': {
      const open = ticketList(s.state.tickets).filter((t) => (step.called ? t.status === 'called' || t.status === 'serving' : t.status === 'waiting'));
      return open.length ? { type: 'cancel', ticketId: open[step.ticket % open.length]!.id } : undefined;
    }
    case 'make':
      return step.make(s);
    case 'wait':
      s.advance(step.seconds * 1000);
      return undefined;
  }
}

const caseArbOf = (hallArb: fc.Arbitrary<HallConfig>, minSteps = 20, maxSteps = 60) => hallArb.chain((hall) =>
  fc.record({
    hall: fc.constant(hall),
    /** Seeds the ticket ids: random like the engine's, so tickets of one instant come in any order. */
    idSeed: fc.integer({ min: 1, max: 2 ** 30 }),
    steps: fc.array(stepArb(hall), { minLength: minSteps, maxLength: maxSteps }),
    // One mean per service (the halls drawn have at most 4).
    minutes: fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 4, maxLength: 4 }),
    /** The configured times (remaining: the mean less the time since the call) or a learned-like rule. */
    learned: fc.boolean(),
  }),
);
const caseArb = caseArbOf(smallHallArb);

/** Reads and runs counted over every case, so the test can tell the kept run was used. */
const counts = { reads: 0, runs: 0, retimes: 0, shifts: 0, checked: 0 };

/** Runs the steps; after each, compares the kept forecast with the reference replay. Returns a mismatch or undefined. */
function firstMismatch(hall: HallConfig, steps: Step[], minutes: number[], idSeed: number, learned: boolean, readEvery = 1): string | undefined {
  const mean = (serviceId: string) => minutes[Number(serviceId.slice(1))]! * MINUTE;
  // Learned times come with their own rule for the visitor at a window (server/metrics/service-times.ts):
  // one unlike the default (mean less the time since the call, down to 0), so a run that skips it shows.
  const times: ServiceTimes = learned
    ? Object.assign(mean, {
        remainingMs: (ticket: Ticket, _windowId: string, at: number) => Math.max(mean(ticket.serviceId) - (at - (ticket.calledAt ?? at)), 0.25 * mean(ticket.serviceId)) + 30_000,
      })
    : mean;
  let seed = idSeed;
  const randomId = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return `x${seed.toString(36)}`;
  };
  const s = new Scenario(hall, NINE_AM, randomId);
  const forecasts = new Forecasts(hall);
  forecasts.serviceTimes = times;
  let seen = 0;
  for (const [i, step] of steps.entries()) {
    const command = commandOf(s, step);
    if (command) {
      try {
        s.run(command);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
      }
    }
    // Read after every step, or (readEvery > 1) after a batch of steps, as the engine reads after a group commit.
    if ((i + 1) % readEvery !== 0) continue;
    for (const e of s.log.slice(seen)) forecasts.observe(e);
    seen = s.log.length;
    const got = forecasts.of(s.state, s.now);
    counts.reads++;
    const want = referenceForecast(s.state, hall, got.now, times);
    if (got.tickets.size !== want.tickets.size) return `step ${i}: ${got.tickets.size} tickets, want ${want.tickets.size}`;
    for (const [id, w] of want.tickets) {
      const g = got.tickets.get(id);
      counts.checked++;
      if (g?.ahead !== w.ahead || g.callAt !== w.callAt) return `step ${i} ticket ${id}: ${JSON.stringify(g)}, want ${JSON.stringify(w)}`;
    }
    for (const service of hall.services)
      for (const lane of LANES) {
        const probe: Ticket = { id: '~new', hallId: hall.id, serviceId: service.id, lane, number: '', status: 'waiting', serviceDay: s.state.serviceDay ?? '', issuedAt: s.now, arrivedAt: s.now, recalls: 0 };
        const w = referenceForecast(s.state, hall, got.now, times, probe).tickets.get(probe.id)!;
        const g = forecasts.forNew(s.state, s.now, service.id, lane);
        if (g.ahead !== w.ahead || g.callAt !== w.callAt) return `step ${i} new ${service.id}/${lane}: ${JSON.stringify(g)}, want ${JSON.stringify(w)}`;
      }
  }
  counts.runs += forecasts.runs;
  counts.retimes += forecasts.retimes;
  counts.shifts += forecasts.shifts;
  return undefined;
}

test('the kept forecast equals the reference replay after every command, for every waiting ticket and every ticket issued now', (t) => {
  fc.assert(
    fc.property(caseArb, ({ hall, steps, minutes, idSeed, learned }) => {
      const mismatch = firstMismatch(hall, steps, minutes, idSeed, learned);
      if (mismatch) throw new Error(mismatch);
    }),
    { numRuns: 250 },
  );
  // The kept run was used: most reads placed issued tickets or moved the run on instead of running the policy again.
  t.true(counts.runs < counts.reads * 0.7, `${counts.runs} runs for ${counts.reads} reads`);
  t.true(counts.retimes > counts.reads * 0.01, `${counts.retimes} moves of the kept run for ${counts.reads} reads`);
  t.true(counts.shifts > 0, `${counts.shifts} moves of the whole kept run for ${counts.reads} reads`);
  t.true(counts.checked > 1000);
});

test('read after batches of commands (several calls, no-shows, reactivations, issues between two runs), the kept forecast equals the reference replay', (t) => {
  // Each run reuses the queue chunks' tickets the run before read (forecast-run-queues.ts): here many changes lie between two runs.
  fc.assert(
    fc.property(caseArb, fc.integer({ min: 2, max: 6 }), ({ hall, steps, minutes, idSeed, learned }, readEvery) => {
      const mismatch = firstMismatch(hall, steps, minutes, idSeed, learned, readEvery);
      if (mismatch) throw new Error(mismatch);
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test('in halls of many windows sharing services, days of calls read after every step or batch: the kept forecast equals the reference replay', (t) => {
  // The clerks bench's shape, small: many windows press at one instant in hall order and share the queues they take from.
  const before = { ...counts };
  fc.assert(
    fc.property(caseArbOf(sharedHallArb, 30, 80), fc.integer({ min: 1, max: 4 }), ({ hall, steps, minutes, idSeed, learned }, readEvery) => {
      const mismatch = firstMismatch(hall, steps, minutes, idSeed, learned, readEvery);
      if (mismatch) throw new Error(mismatch);
    }),
    { numRuns: 80 },
  );
  // The days were not empty: thousands of ticket reads were checked against the replay.
  t.true(counts.checked - before.checked > 2000, `${counts.checked - before.checked} ticket reads checked`);
});

test('issuing hundreds of normal tickets, several an instant, into a busy hall runs the lane policy once, and each new ticket is told the replay’s people ahead', (t) => {
  const hall = parseDeployment({
    id: 'p',
    name: { zh: '厅', en: 'Hall' },
    timeZone: 'Asia/Shanghai',
    services: ['a', 'b', 'c'].map((id, i) => ({ id, prefix: String.fromCharCode(65 + i), name: { zh: id, en: id }, targetWaitMinutes: 10, avgServiceMinutes: 4 + i })),
    windows: [
      { id: 'w1', number: 1, name: { zh: '1', en: '1' }, services: ['a', 'b'] },
      { id: 'w2', number: 2, name: { zh: '2', en: '2' }, services: ['b', 'c'] },
      { id: 'w3', number: 3, name: { zh: '3', en: '3' }, services: ['c'], openAtStart: false },
    ],
  }).halls[0]!;
  // Random ids, three tickets an instant: a later ticket of the same instant may come first in the queue.
  const s = new Scenario(hall, NINE_AM, () => `x${Math.random().toString(36).slice(2, 10)}`);
  const forecasts = new Forecasts(hall);
  s.run({ type: 'rollDay' });
  forecasts.of(s.state, s.now); // the one run, on the day's empty hall
  for (let i = 0; i < 300; i++) {
    if (i % 3 === 0) s.advance(10);
    const number = s.issue(['a', 'b', 'c'][i % 3]!, 'normal');
    forecasts.observe(s.log[s.log.length - 1]!);
    const ticket = s.ticket(number);
    const want = referenceForecast(s.state, hall, forecasts.of(s.state, s.now).now, forecasts.serviceTimes).tickets.get(ticket.id);
    t.deepEqual(forecasts.of(s.state, s.now).tickets.get(ticket.id), want, number);
  }
  t.is(forecasts.runs, 1);
});

test('a read seconds after the last run, in a hall whose windows are busy or have nothing to take, is told call times of its own clock without a new run', (t) => {
  const hall = parseDeployment({
    id: 'p',
    name: { zh: '厅', en: 'Hall' },
    timeZone: 'Asia/Shanghai',
    services: ['a', 'c'].map((id, i) => ({ id, prefix: String.fromCharCode(65 + i), name: { zh: id, en: id }, targetWaitMinutes: 10, avgServiceMinutes: 5 })),
    windows: [
      { id: 'w1', number: 1, name: { zh: '1', en: '1' }, services: ['a'] },
      { id: 'w2', number: 2, name: { zh: '2', en: '2' }, services: ['a'] },
      // Nothing for it to take: it would take a ticket of c the moment one is issued.
      { id: 'w3', number: 3, name: { zh: '3', en: '3' }, services: ['c'] },
    ],
  }).halls[0]!;
  const s = new Scenario(hall, NINE_AM);
  const forecasts = new Forecasts(hall);
  let seen = 0;
  const read = () => {
    for (const e of s.log.slice(seen)) forecasts.observe(e);
    seen = s.log.length;
    return forecasts.of(s.state, s.now);
  };
  for (let i = 0; i < 5; i++) s.issue('a');
  s.next('w1');
  s.advance(20_000);
  s.next('w2');
  read();
  const runs = forecasts.runs;
  for (const seconds of [3, 2, 4]) {
    s.advance(seconds * 1000);
    s.issue('a');
    const got = read();
    t.is(got.now, s.now, 'the call times are of the read’s clock');
    const want = referenceForecast(s.state, hall, s.now, forecasts.serviceTimes);
    t.deepEqual(new Map(got.tickets), want.tickets);
    // A ticket of c issued now would be called now, at w3: not seconds ago.
    t.deepEqual(forecasts.forNew(s.state, s.now, 'c'), { ahead: 0, callAt: s.now });
  }
  t.is(forecasts.runs, runs, 'no new run of the lane policy');
});

test('reads seconds apart in a hall whose windows are all idle move the whole kept run on to their clock, until a ticket would wait too long', (t) => {
  const hall = parseDeployment({
    id: 'p',
    name: { zh: '厅', en: 'Hall' },
    timeZone: 'Asia/Shanghai',
    policy: { maxWaitMinutes: 30 },
    services: ['a', 'b'].map((id, i) => ({ id, prefix: String.fromCharCode(65 + i), name: { zh: id, en: id }, targetWaitMinutes: 10, avgServiceMinutes: 7 + i })),
    windows: [
      { id: 'w1', number: 1, name: { zh: '1', en: '1' }, services: ['a', 'b'] },
      { id: 'w2', number: 2, name: { zh: '2', en: '2' }, services: ['b'] },
      { id: 'w3', number: 3, name: { zh: '3', en: '3' }, services: ['a'], openAtStart: false },
    ],
  }).halls[0]!;
  const s = new Scenario(hall, NINE_AM);
  const forecasts = new Forecasts(hall);
  let seen = 0;
  const read = () => {
    for (const e of s.log.slice(seen)) forecasts.observe(e);
    seen = s.log.length;
    return forecasts.of(s.state, s.now);
  };
  s.issue('a', 'elderly');
  for (let i = 0; i < 20; i++) s.issue(i % 3 ? 'a' : 'b');
  read();
  const runs = forecasts.runs;
  // Nobody is at a window: the same run, every press later by as much as the clock moved.
  for (const seconds of [2, 3, 60, 1]) {
    s.advance(seconds * 1000);
    const got = read();
    t.is(got.now, s.now);
    t.deepEqual(new Map(got.tickets), referenceForecast(s.state, hall, s.now, forecasts.serviceTimes).tickets);
    t.deepEqual(forecasts.forNew(s.state, s.now, 'b'), referenceForecast(s.state, hall, s.now, forecasts.serviceTimes, { id: '~new', hallId: hall.id, serviceId: 'b', lane: 'normal', number: '', status: 'waiting', serviceDay: s.state.serviceDay ?? '', issuedAt: s.now, arrivedAt: s.now, recalls: 0 }).tickets.get('~new'));
  }
  t.is(forecasts.runs, runs, 'no new run of the lane policy');
  t.true(forecasts.shifts >= 3);
  // 25 minutes on, at some press of the run the longest-waiting ticket would have waited 30 minutes (the rule
  // then calls it first, whatever its lane): the run is not moved on, the policy runs again.
  s.advance(25 * MINUTE);
  const late = read();
  t.deepEqual(new Map(late.tickets), referenceForecast(s.state, hall, s.now, forecasts.serviceTimes).tickets);
  t.is(forecasts.runs, runs + 1);
});

test('tickets issued in every lane, several an instant, each read at once, into halls of windows sharing services: every waiting ticket is told the replay’s forecast, with few new runs', (t) => {
  // The issue bench's path (bench/forecast-append.ts), small: each new ticket is placed in the kept run
  // (bounds per service and lane, the ends of the windows' wins kept apart), a ticket of the same
  // instant that comes earlier in the queue takes back those placed after it, and the clock moves on.
  const issueArb = fc.record({ service: fc.nat(), lane: fc.constantFrom('normal' as const, 'normal' as const, 'elderly' as const, 'green' as const), gapMs: fc.constantFrom(0, 0, 0, 1, 2, 3, 1500) });
  let reads = 0;
  let runs = 0;
  fc.assert(
    fc.property(sharedHallArb, fc.integer({ min: 1, max: 2 ** 30 }), fc.nat({ max: 12 }), fc.array(issueArb, { minLength: 20, maxLength: 80 }), (hall, idSeed, calls, issues) => {
      let seed = idSeed;
      const s = new Scenario(hall, NINE_AM, () => `x${(seed = (seed * 1103515245 + 12345) % 2 ** 31).toString(36)}`);
      // A queue and some windows busy first, so the run has calls, wins and drop-outs at several times.
      for (let i = 0; i < 3 * hall.services.length; i++) s.issue(hall.services[i % hall.services.length]!.id);
      for (let i = 0; i < calls; i++) s.tryRun({ type: 'callNext', windowId: hall.windows[i % hall.windows.length]!.id });
      const forecasts = new Forecasts(hall);
      let seen = 0;
      for (const [i, { service, lane, gapMs }] of issues.entries()) {
        s.advance(gapMs);
        s.issue(hall.services[service % hall.services.length]!.id, lane);
        for (const e of s.log.slice(seen)) forecasts.observe(e);
        seen = s.log.length;
        const got = forecasts.of(s.state, s.now);
        reads++;
        const want = referenceForecast(s.state, hall, got.now, forecasts.serviceTimes);
        for (const [id, w] of want.tickets) {
          const g = got.tickets.get(id);
          if (g?.ahead !== w.ahead || g.callAt !== w.callAt) throw new Error(`issue ${i} ticket ${id}: ${JSON.stringify(g)}, want ${JSON.stringify(w)}`);
        }
      }
      runs += forecasts.runs;
    }),
    { numRuns: 60 },
  );
  // The placements were exercised: most reads followed the kept run.
  t.true(runs < reads * 0.5, `${runs} runs for ${reads} reads`);
});

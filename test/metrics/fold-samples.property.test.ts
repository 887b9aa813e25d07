// Property: the metrics fold's duration samples — waits, walks and service times, in total and per
// service and window — are exactly the ones read from the event log by hand, in ascending order,
// however the figures are read in between. The fold appends samples as they come and sorts them
// when its figures are read (a sorted insert per sample moved half a busy day's samples each time),
// so the days below are folded one event at a time with the figures read at random moments, and
// every read must already be sorted. The oracle shares no code with the fold.
import test from 'ava';
import fc from 'fast-check';
import type { Command } from '../../server/domain/commands.ts';
import { DomainError } from '../../server/domain/errors.ts';
import type { StoredEvent } from '../../server/domain/events.ts';
import { MetricsFold } from '../../server/metrics/day-fold.ts';
import type { Tally } from '../../server/metrics/tally.ts';
import { MINUTE, NINE_AM, Scenario, smallHall } from '../helpers/decider.ts';

const SERVICES = smallHall.services.map((s) => s.id);
const WINDOWS = smallHall.windows.map((w) => w.id);
const ACTIONS = ['callNext', 'start', 'finish', 'noShow', 'recall'] as const;

const stepArb = fc.record({
  gapSeconds: fc.integer({ min: 0, max: 900 }),
  kind: fc.constantFrom('issue', 'issue', 'window', 'window', 'window', 'transfer', 'reactivate'),
  n: fc.nat(),
  m: fc.nat(),
  read: fc.boolean(),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function commandOf(s: Scenario, step: Step): Command {
  const service = SERVICES[step.n % SERVICES.length]!;
  const windowId = WINDOWS[step.n % WINDOWS.length]!;
  switch (step.kind) {
    case 'issue':
      return { type: 'issue', serviceId: service, lane: step.m % 3 ? 'normal' : 'elderly' };
    case 'window':
      return { type: ACTIONS[step.m % ACTIONS.length]!, windowId } as Command;
    case 'transfer':
      return { type: 'transfer', windowId, toServiceId: SERVICES[step.m % SERVICES.length]! };
    default: {
      const noShows = s.log.filter((e) => e.type === 'ticket:no-show');
      const e = noShows[step.m % Math.max(1, noShows.length)];
      return { type: 'reactivate', ticketId: e?.type === 'ticket:no-show' ? e.data.ticketId : 'none' };
    }
  }
}

type Samples = { wait: number[]; walk: number[]; service: number[] };
type Kind = keyof Samples;

/** The oracle: per ticket, its issue, last call and start read from the log; a visit waits once, until its first call. */
function samplesFromLog(log: readonly StoredEvent[]) {
  const groups = new Map<string, Samples>();
  const add = (group: string, kind: Kind, v: number) => {
    if (!groups.has(group)) groups.set(group, { wait: [], walk: [], service: [] });
    groups.get(group)![kind].push(v);
  };
  const tickets = new Map<string, { service: string; issuedAt: number; waited: boolean; callAt?: number; startAt?: number }>();
  const sample = (id: string, windowId: string, kind: Kind, v: number) => {
    for (const g of ['total', `service:${tickets.get(id)!.service}`, `window:${windowId}`]) add(g, kind, v);
  };
  for (const e of log) {
    if (e.type === 'ticket:issued') tickets.set(e.data.ticket.id, { service: e.data.ticket.serviceId, issuedAt: e.data.ticket.issuedAt, waited: false });
    // A transfer's new ticket belongs to a visit that was called already: it adds no wait.
    if (e.type === 'ticket:transferred') tickets.set(e.data.ticket.id, { service: e.data.ticket.serviceId, issuedAt: e.data.ticket.issuedAt, waited: true });
    const t = 'ticketId' in e.data ? tickets.get(e.data.ticketId) : undefined;
    if (!t) continue;
    if (e.type === 'ticket:called') {
      if (!t.waited) sample(e.data.ticketId, e.data.windowId, 'wait', e.at - t.issuedAt);
      t.waited = true;
      t.callAt = e.at;
      t.startAt = undefined;
    } else if (e.type === 'ticket:started' && t.callAt !== undefined) {
      t.startAt = e.at;
      sample(e.data.ticketId, e.data.windowId, 'walk', e.at - t.callAt);
    } else if (e.type === 'ticket:finished') sample(e.data.ticketId, e.data.windowId, 'service', e.at - (t.startAt ?? t.callAt ?? e.at));
    else if (e.type === 'ticket:reactivated') t.callAt = t.startAt = undefined;
  }
  for (const g of groups.values()) for (const k of ['wait', 'walk', 'service'] as const) g[k].sort((a, b) => a - b);
  return groups;
}

// The fold hands out typed arrays (compact samples); read here as plain arrays.
const isSorted = (xs: ArrayLike<number>) => Array.from(xs).every((x, i, all) => i === 0 || all[i - 1]! <= x);

function samplesOf(x: Tally | undefined): Samples {
  return { wait: Array.from(x?.wait ?? []), walk: Array.from(x?.walk ?? []), service: Array.from(x?.service ?? []) };
}

test('waits, walks and service times equal the log read by hand, sorted at every read of the figures', (t) => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 5, maxLength: 120 }), (steps) => {
      const s = new Scenario(smallHall, NINE_AM);
      const fold = new MetricsFold(smallHall);
      for (const step of steps) {
        s.advance(step.gapSeconds * 1000 + MINUTE / 60);
        try {
          s.run(commandOf(s, step));
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
        }
        fold.apply(s.log);
        if (step.read) {
          const r = fold.result();
          const tallies = [r.total, ...Object.values(r.groups.service), ...Object.values(r.groups.window)];
          if (!tallies.every((x) => isSorted(x.wait) && isSorted(x.walk) && isSorted(x.service))) return false;
        }
      }
      const want = samplesFromLog(s.log);
      const r = fold.result();
      const same = (x: Tally | undefined, group: string) => JSON.stringify(samplesOf(x)) === JSON.stringify(want.get(group) ?? samplesOf(undefined));
      return same(r.total, 'total') && SERVICES.every((id) => same(r.groups.service[id], `service:${id}`)) && WINDOWS.every((id) => same(r.groups.window[id], `window:${id}`));
    }),
    { numRuns: 150 },
  );
  t.pass();
});

test('the oracle by hand: a wait, a walk and a service time, and none for the recall or the transfer', (t) => {
  const s = new Scenario(smallHall, NINE_AM);
  s.issue('biz');
  s.advance(3 * MINUTE).next('w1');
  s.advance(MINUTE).run({ type: 'recall', windowId: 'w1' });
  s.advance(MINUTE).run({ type: 'start', windowId: 'w1' });
  s.advance(5 * MINUTE).run({ type: 'transfer', windowId: 'w1', toServiceId: 'soc' });
  t.deepEqual(samplesFromLog(s.log).get('total'), { wait: [3 * MINUTE], walk: [2 * MINUTE], service: [] });
});

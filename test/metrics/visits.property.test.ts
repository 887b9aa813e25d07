// Property: over random days pressed through the real decide/evolve (issues, calls, starts,
// finishes, no-shows, reactivations, cancels and transfers), the dashboard's figures count visits:
// "issued" and "called" equal what the event log says when read by hand — a visit is a fresh
// ticket with every ticket transferred from it, and it is called when any of its tickets was —
// so "called" never exceeds "issued", in total and per service. The oracle below shares no code
// with the metrics fold or the snapshot.
import test from 'ava';
import fc from 'fast-check';
import type { Command } from '../../server/domain/commands.ts';
import { DomainError } from '../../server/domain/errors.ts';
import type { StoredEvent } from '../../server/domain/events.ts';
import { forecast, configuredServiceTimes } from '../../server/domain/forecast.ts';
import { hallSnapshot } from '../../server/domain/public-view.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import { MetricsFold } from '../../server/metrics/day-fold.ts';
import { figuresOf } from '../../server/metrics/tally.ts';
import { MINUTE, NINE_AM, Scenario, smallHall } from '../helpers/decider.ts';

const SERVICES = smallHall.services.map((s) => s.id);
const WINDOWS = smallHall.windows.map((w) => w.id);

type Step =
  | { kind: 'issue'; service: number; lane: 'normal' | 'elderly' | 'green' }
  | { kind: 'window'; action: 'callNext' | 'start' | 'finish' | 'noShow' | 'recall'; window: number }
  | { kind: 'transfer'; window: number; service: number }
  | { kind: 'ticket'; action: 'reactivate' | 'cancel'; pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('issue' as const), service: fc.nat(), lane: fc.constantFrom('normal' as const, 'elderly' as const, 'green' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('window' as const), action: fc.constantFrom('callNext' as const, 'start' as const, 'finish' as const, 'noShow' as const, 'recall' as const), window: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), window: fc.nat(), service: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ticket' as const), action: fc.constantFrom('reactivate' as const, 'cancel' as const), pick: fc.nat() }) },
);

function commandOf(s: Scenario, step: Step): Command {
  switch (step.kind) {
    case 'issue':
      return { type: 'issue', serviceId: SERVICES[step.service % SERVICES.length]!, lane: step.lane };
    case 'window':
      return { type: step.action, windowId: WINDOWS[step.window % WINDOWS.length]! } as Command;
    case 'transfer':
      return { type: 'transfer', windowId: WINDOWS[step.window % WINDOWS.length]!, toServiceId: SERVICES[step.service % SERVICES.length]! };
    case 'ticket': {
      const all = ticketList(s.state.tickets);
      const t = all[step.pick % Math.max(1, all.length)];
      return step.action === 'cancel' ? { type: 'cancel', ticketId: t?.id ?? 'none' } : { type: 'reactivate', ticketId: t?.id ?? 'none' };
    }
  }
}

/** Runs the steps a minute apart; refusals (a finish with nobody at the window…) are skipped, as a clerk would see them. */
function day(steps: Step[]): Scenario {
  const s = new Scenario(smallHall, NINE_AM);
  for (const step of steps) {
    s.advance(MINUTE);
    try {
      s.run(commandOf(s, step));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return s;
}

/** The oracle: visits read from the log by hand. */
function visitsFromLog(log: StoredEvent[]) {
  const root = new Map<string, string>();
  const service = new Map<string, string>();
  const called = new Set<string>();
  for (const e of log) {
    if (e.type === 'ticket:issued') {
      root.set(e.data.ticket.id, e.data.ticket.id);
      service.set(e.data.ticket.id, e.data.ticket.serviceId);
    } else if (e.type === 'ticket:transferred') root.set(e.data.ticket.id, root.get(e.data.ticketId)!);
    else if (e.type === 'ticket:called') called.add(root.get(e.data.ticketId)!);
  }
  const perService = (ids: Iterable<string>) => {
    const out: Record<string, number> = {};
    for (const id of ids) out[service.get(id)!] = (out[service.get(id)!] ?? 0) + 1;
    return out;
  };
  const visits = [...service.keys()];
  return { issued: visits.length, called: called.size, issuedBy: perService(visits), calledBy: perService(called) };
}

test('issued and called count visits: a transfer never makes called exceed issued (metrics fold and snapshot)', (t) => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 5, maxLength: 80 }), (steps) => {
      const s = day(steps);
      const want = visitsFromLog(s.log);
      const fold = new MetricsFold(smallHall).apply(s.log).result();
      const total = figuresOf(fold.total);
      if (total.issued !== want.issued || total.called !== want.called) return false;
      for (const id of SERVICES) {
        const g = fold.groups.service[id];
        if ((g ? figuresOf(g).issued : 0) !== (want.issuedBy[id] ?? 0)) return false;
        if ((g ? figuresOf(g).called : 0) !== (want.calledBy[id] ?? 0)) return false;
      }
      const snap = hallSnapshot(s.state, smallHall, s.now, forecast(s.state, smallHall, s.now, configuredServiceTimes(smallHall)));
      return snap.counts.issued === want.issued && snap.counts.called === want.called && snap.counts.called <= snap.counts.issued;
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test('the oracle sees a transfer: one visit, called once, after a call and a transfer', (t) => {
  const s = new Scenario(smallHall, NINE_AM);
  s.issue('biz');
  s.advance(MINUTE).next('w1');
  s.advance(MINUTE).run({ type: 'transfer', windowId: 'w1', toServiceId: 'soc' });
  s.advance(MINUTE).next('w1');
  t.deepEqual(visitsFromLog(s.log), { issued: 1, called: 1, issuedBy: { biz: 1 }, calledBy: { biz: 1 } });
  const f = figuresOf(new MetricsFold(smallHall).apply(s.log).result().total);
  t.like(f, { issued: 1, called: 1, transferred: 1 });
});

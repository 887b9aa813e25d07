// The live metrics (live.ts) fed a day's log in batches of random sizes, as group commit hands it
// over (an issue and its call may come in one batch), against oracles that do not share its
// shortcuts:
// - the day's counts by service, lane, hour of issue and day: read from the log by hand (the fold
//   shares a ticket's groups with the last ticket of its service and lane in the same hour);
// - the service times handed to the forecast: those of a learner keeping its own map of each
//   ticket's service, folded afresh up to the last publication (the live learner reads a called
//   ticket's service from the day's fold instead).
import test from 'ava';
import fc from 'fast-check';
import type { StoredEvent } from '../../server/domain/events.ts';
import { LiveMetrics } from '../../server/metrics/live.ts';
import { PUBLISH_EVERY_MS } from '../../server/metrics/published-times.ts';
import { ServiceTimeLearner } from '../../server/metrics/service-times.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';
import { randomCommand } from '../helpers/random-commands.ts';

// Gaps up to 40 minutes: a day of up to 80 steps runs over several hours.
const step = fc.tuple(fc.constantFrom(0, 0, 1_000, 45_000, 3 * MINUTE, 11 * MINUTE, 40 * MINUTE), randomCommand(6));
const day = fc.record({ steps: fc.array(step, { minLength: 10, maxLength: 80 }), cuts: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 30 }) });

const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone: smallHall.timeZone, hour: '2-digit', hourCycle: 'h23' });

/** Issued and first-called counts per group, by hand: a fresh ticket counts once when issued and once at its first call, in its issue's hour. */
function countsByHand(log: readonly StoredEvent[]): Map<string, { issued: number; called: number }> {
  const counts = new Map<string, { issued: number; called: number }>();
  const groupsOf = new Map<string, string[]>();
  const bump = (keys: readonly string[], field: 'issued' | 'called') => {
    for (const k of keys) {
      const c = counts.get(k) ?? { issued: 0, called: 0 };
      c[field]++;
      counts.set(k, c);
    }
  };
  for (const e of log) {
    if (e.type === 'ticket:issued') {
      const t = e.data.ticket;
      const keys = [`service:${t.serviceId}`, `lane:${t.lane}`, `hour:${hourOf.format(t.issuedAt)}`, `day:${t.serviceDay}`];
      groupsOf.set(t.id, keys);
      bump(keys, 'issued');
    } else if (e.type === 'ticket:called') {
      const keys = groupsOf.get(e.data.ticketId);
      // A ticket's first call only (a reactivated no-show called again is not a second visit).
      if (keys) bump(keys, 'called');
      groupsOf.delete(e.data.ticketId);
    }
  }
  return counts;
}

/** A learner with its own map, folded from the day's start up to the last publication (the first event, then PUBLISH_EVERY_MS apart on the events' clock). */
function publishedLearner(log: readonly StoredEvent[]): ServiceTimeLearner {
  let publishedAt = -Infinity;
  let prefix = 0;
  log.forEach((e, i) => {
    if (e.type === 'day:started' || e.at - publishedAt >= PUBLISH_EVERY_MS) {
      publishedAt = e.at;
      prefix = i + 1;
    }
  });
  const learner = new ServiceTimeLearner(smallHall);
  for (const e of log.slice(0, prefix)) learner.apply(e);
  return learner;
}

test('fed in batches of random sizes, the live counts by group equal the log read by hand, and the published service times a learner of its own', (t) => {
  let hours = 0;
  let calledInBatchOfIssue = 0;
  fc.assert(
    fc.property(day, ({ steps, cuts }) => {
      const s = new Scenario();
      for (const [wait, make] of steps) {
        s.advance(wait);
        const c = make(s);
        if (c) s.tryRun(c);
      }
      const live = new LiveMetrics(smallHall);
      for (let from = 0, i = 0; from < s.log.length; i++) {
        const batch = s.log.slice(from, from + cuts[i % cuts.length]!);
        const issued = new Set(batch.flatMap((e) => (e.type === 'ticket:issued' ? [e.data.ticket.id] : [])));
        if (batch.some((e) => e.type === 'ticket:called' && issued.has(e.data.ticketId))) calledInBatchOfIssue++;
        live.apply(batch);
        from += batch.length;
      }
      if (s.log.some((e) => e.type === 'day:started' && e.seq > 1)) return true; // one day: the groups below are today's
      const groups = live.fold.result().groups;
      const want = countsByHand(s.log);
      for (const [key, w] of want) {
        const [dimension, id] = key.split(':') as ['service' | 'lane' | 'hour' | 'day', string];
        const got = groups[dimension][id];
        if (got?.issued !== w.issued || got.called !== w.called) throw new Error(`${key}: issued ${got?.issued}, called ${got?.called}; want ${w.issued}, ${w.called}`);
      }
      hours += Object.keys(groups.hour).length;
      const reference = publishedLearner(s.log);
      for (const service of smallHall.services) t.is(live.forecasts.serviceTimes(service.id), reference.serviceMs(service.id), service.id);
      return true;
    }),
    { numRuns: 150 },
  );
  // Not vacuous: days over more than one hour, and calls folded in the batch that issued their ticket.
  t.true(hours > 150 * 1.5, `${hours} hour groups in 150 days`);
  t.true(calledInBatchOfIssue > 30, `${calledInBatchOfIssue} days with a call in its ticket's batch`);
});

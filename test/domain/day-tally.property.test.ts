// Today's counts, per-window counts and recent calls in the snapshot are kept as tickets change
// (day-tally.ts), not counted from the day's tickets. After every command of a random day (calls,
// recalls, finishes, no-shows, reactivations, transfers, cancels, pauses, day rolls) they equal a
// plain count of the tickets done here, in the test; and a state saved without them (an older
// snapshot) gets the same figures back when it is restored.
import test from 'ava';
import fc from 'fast-check';
import type { Command } from '../../server/domain/commands.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { configuredServiceTimes, forecast } from '../../server/domain/forecast.ts';
import { hallSnapshot } from '../../server/domain/public-view.ts';
import { restoreState } from '../../server/domain/restore.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { HallState, Lane } from '../../server/domain/types.ts';
import { MINUTE, Scenario, smallHall } from '../helpers/decider.ts';

const hall = smallHall;
const services = hall.services.map((s) => s.id);
const windows = hall.windows.map((w) => w.id);
type Make = (s: Scenario) => Command | undefined;
const pick = <T>(xs: T[], i: number) => (xs.length ? xs[i % xs.length] : undefined);
const atWindow = (type: 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'pauseWindow' | 'resumeWindow') =>
  fc.constantFrom(...windows).map((windowId): Make => () => ({ type, windowId }));

const command: fc.Arbitrary<Make> = fc.oneof(
  { arbitrary: fc.record({ serviceId: fc.constantFrom(...services), lane: fc.constantFrom<Lane>('normal', 'elderly', 'green') }).map((c): Make => () => ({ type: 'issue', ...c })), weight: 4 },
  { arbitrary: atWindow('callNext'), weight: 4 },
  { arbitrary: atWindow('recall'), weight: 1 },
  { arbitrary: atWindow('start'), weight: 1 },
  { arbitrary: atWindow('finish'), weight: 2 },
  { arbitrary: atWindow('noShow'), weight: 2 },
  { arbitrary: atWindow('pauseWindow'), weight: 1 },
  { arbitrary: atWindow('resumeWindow'), weight: 1 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...windows), fc.constantFrom(...services)).map(([windowId, toServiceId]): Make => () => ({ type: 'transfer', windowId, toServiceId })),
    weight: 1,
  },
  {
    arbitrary: fc.nat().map((i): Make => (s) => {
      // One of the latest no-shows: older ones are past the grace period.
      const missed = ticketList(s.state.tickets).filter((x) => x.status === 'no_show');
      const t = pick(missed.sort((a, b) => b.noShowAt! - a.noShowAt!).slice(0, 2), i);
      return t && { type: 'reactivate', ticketId: t.id };
    }),
    weight: 3,
  },
  {
    arbitrary: fc.nat().map((i): Make => (s) => {
      const t = pick(ticketList(s.state.tickets).filter((x) => x.status === 'waiting' || x.status === 'called'), i);
      return t && { type: 'cancel', ticketId: t.id };
    }),
    weight: 1,
  },
);

/** Mostly short (a no-show may be reactivated within the grace period), now and then hours: a new day. */
const pause = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 * MINUTE }), weight: 150 }, { arbitrary: fc.integer({ min: 1, max: 16 * 60 * MINUTE }), weight: 1 });

/** The figures counted from the tickets, the plain way (the rules README states). */
function recount(state: HallState) {
  const tickets = ticketList(state.tickets);
  const windowCounts = Object.fromEntries(windows.map((id) => [id, { called: 0, done: 0, noShow: 0 }]));
  for (const t of tickets) {
    if (!t.windowId) continue;
    windowCounts[t.windowId]!.called++;
    if (t.status === 'done') windowCounts[t.windowId]!.done++;
    if (t.status === 'no_show') windowCounts[t.windowId]!.noShow++;
  }
  const called = tickets.filter((t) => t.calledAt !== undefined && t.windowId !== undefined).sort((a, b) => b.calledAt! - a.calledAt!);
  return {
    counts: {
      issued: tickets.filter((t) => !t.transferredFrom).length,
      called: tickets.filter((t) => t.firstCalledAt !== undefined && !t.transferredFrom).length,
      done: tickets.filter((t) => t.status === 'done').length,
      noShow: tickets.filter((t) => t.status === 'no_show').length,
      waiting: tickets.filter((t) => t.status === 'waiting').length,
    },
    windowCounts,
    recentCalls: called.slice(0, 10).map((t) => [t.number, t.windowId, t.calledAt, t.recalls]),
  };
}

function figures(state: HallState, now: number) {
  const snap = hallSnapshot(state, hall, now, forecast(state, hall, now, configuredServiceTimes(hall)));
  return { counts: snap.counts, windowCounts: snap.windowCounts, recentCalls: snap.recentCalls.map((c) => [c.number, c.windowId, c.at, c.recalls]) };
}

test('after every command, the kept counts and recent calls equal a count of the tickets, and a restored state agrees', (t) => {
  let longest = 0;
  let reactivated = 0;
  fc.assert(
    fc.property(fc.array(fc.tuple(pause, command), { minLength: 60, maxLength: 200 }), (steps) => {
      const s = new Scenario(hall);
      for (const [wait, make] of steps) {
        // At least a millisecond apart: two calls never share a time, so "newest first" has one answer.
        s.advance(wait);
        const c = make(s);
        if (!c) continue;
        const before = s.state.seq;
        try {
          s.run(c);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
        }
        const expected = recount(s.state);
        if (c.type === 'reactivate' && s.state.seq > before) reactivated++;
        longest = Math.max(longest, ticketList(s.state.tickets).filter((x) => x.calledAt !== undefined).length);
        if (JSON.stringify(figures(s.state, s.now)) !== JSON.stringify(expected)) return false;
      }
      const saved = JSON.parse(JSON.stringify({ ...s.state, tally: undefined })) as HallState;
      return JSON.stringify(figures(restoreState(saved), s.now)) === JSON.stringify(recount(s.state));
    }),
    { numRuns: 60 },
  );
  // The recent calls were tried with more calls standing than the snapshot lists.
  t.true(longest > 10, `at most ${longest} called tickets in a day`);
  t.true(reactivated > 20, `${reactivated} reactivations`);
});

// The step the estimate took after test/metrics/reference/estimate-before.ts (which stays as it
// was): a ticket with j calls ahead, j < 4 and fewer than its windows, is said to be called when the
// (j + 1)-th of its open windows frees, from how long each visitor there has lasted
// (server/metrics/first-free.ts), and no ticket sooner than one with fewer ahead. Computed here from scratch for one ticket, from the hall as it
// stands and learners folded afresh, for the bit-for-bit comparison of the live estimate, which
// keeps what it reads per kind of ticket and instant.
import { isOpen } from '../../../server/domain/forecast.ts';
import { windowTakes } from '../../../server/domain/lane-policy.ts';
import type { HallConfig, HallState, Ticket } from '../../../server/domain/types.ts';
import type { ServiceTimeLearner } from '../../../server/metrics/service-times.ts';
import type { Estimate } from './estimate-before.ts';

export interface FirstFreeInputs {
  hall: HallConfig;
  state: HallState;
  now: number;
  times: ServiceTimeLearner;
  /** The share of its windows' work that overtakes `ticket`, uncapped. */
  share: (open: HallConfig['windows']) => number;
  pausedReturnsInMs: (since: number, now: number) => number;
}

/** `before` (the reference estimate of a waiting `ticket`) with the first-free step. */
export function withFirstFreeStep(x: FirstFreeInputs, ticket: Ticket, before: Estimate): Estimate {
  if (ticket.status !== 'waiting' || before.ms === null) return before;
  const open = x.hall.windows.filter((w) => windowTakes(w, ticket) && isOpen(x.state, w));
  const returns = x.hall.windows
    .filter((w) => windowTakes(w, ticket) && x.state.windows[w.id]?.status === 'paused')
    .map((w) => x.pausedReturnsInMs(x.state.windows[w.id]!.since, x.now));
  if (open.length === 0) return before;
  const share = Math.min(0.5, x.share(open));
  const points = x.times.freePoints(open, returns, x.now, 1 / (1 - share), 4);
  if (!points) return before;
  const overdue = Math.max(0, ticket.arrivedAt + x.hall.policy.maxWaitMinutes * 60_000 - x.now);
  // The point of each free time up to this ticket's, the overtakers' stretch capped at overdue.
  const said = points.slice(0, before.ahead + 1).map((p) => {
    const free = p.ms / (1 - share);
    return Math.min(p.stretchedMs, free <= overdue ? free : p.ms + share * overdue);
  });
  const soonest = Math.max(0, ...said);
  const ms = before.ahead < points.length ? soonest : Math.max(before.ms, soonest);
  return { ...before, ms, minutes: Math.round(ms / 60_000) };
}

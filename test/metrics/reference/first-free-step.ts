// The step the estimate took after test/metrics/reference/estimate-before.ts (which stays as it
// was): a ticket with nobody ahead is said to be called when the first of its open windows frees,
// from how long each visitor there has lasted (server/metrics/first-free.ts), and a ticket behind
// others never sooner than that. Computed here from scratch for one ticket, from the hall as it
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
  const first = x.times.firstFree(open, returns, x.now, 1 / (1 - share));
  if (!first) return before;
  const overdue = Math.max(0, ticket.arrivedAt + x.hall.policy.maxWaitMinutes * 60_000 - x.now);
  const free = first.ms / (1 - share);
  const firstMs = Math.min(first.stretchedMs, free <= overdue ? free : first.ms + share * overdue);
  const ms = before.ahead === 0 ? firstMs : Math.max(before.ms, firstMs);
  return { ...before, ms, minutes: Math.round(ms / 60_000) };
}

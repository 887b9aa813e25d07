// Wait prediction for a waiting ticket: pure, from the hall state, the windows open for its
// service, recent service times (the configured avgServiceMinutes until there are some) and the
// lane policy. Recomputed on every read, so it is refined as the queue moves.
//
// Model (a shared-server queue, kept simple enough to explain at the counter):
// - ahead: waiting tickets of the same service the policy will call first: every green and
//   appointment ticket (they go first), and tickets of the ticket's own lane that arrived earlier.
//   A normal ticket also counts every waiting elderly ticket (they are called before it, at most
//   elderlyStreakMax in a row); an elderly ticket counts the normal tickets ahead of it at
//   1 / (elderlyStreakMax + 1), the share of calls the interleave gives them.
// - capacity: each open window that may take the ticket gives the share of its time the service
//   gets, in proportion to the work waiting for each of its services (count × mean service time).
//   A window that prefers the ticket's lane (the elderly window) gives all its time to that lane.
// - wait = ahead × mean service / capacity + the time until the first of those windows frees
//   (its current ticket's expected remaining service, divided by the number of windows).
import type { HallConfig, HallState, Lane, Ticket, WindowConfig } from '../domain/types.ts';
import { windowTakes } from '../domain/lane-policy.ts';

export interface EstimateContext {
  hall: HallConfig;
  state: HallState;
  now: number;
  /** Recent mean service time of a service in ms, when known. */
  recentServiceMs?: (serviceId: string) => number | undefined;
}

export interface Estimate {
  /** Minutes from `now` until the ticket is called (rounded to whole minutes); null when no window can take it. */
  minutes: number | null;
  /** The estimate in ms, unrounded (the simulator measures its error). */
  ms: number | null;
  /** Effective tickets ahead (weighted by the lane policy). */
  ahead: number;
  /** Effective windows serving it (0..n). */
  capacity: number;
}

const LANE_RANK: Record<Lane, number> = { green: 0, appointment: 1, elderly: 2, normal: 2 };

export function serviceMsOf(ctx: EstimateContext, serviceId: string): number {
  const recent = ctx.recentServiceMs?.(serviceId);
  if (recent !== undefined && recent > 0) return recent;
  const s = ctx.hall.services.find((x) => x.id === serviceId);
  return (s?.avgServiceMinutes ?? 8) * 60_000;
}

export function estimateWait(ctx: EstimateContext, ticket: Ticket): Estimate {
  if (ticket.status !== 'waiting') return { minutes: 0, ms: 0, ahead: 0, capacity: 0 };
  const { hall, state } = ctx;
  const streakMax = hall.policy.elderlyStreakMax;

  // One pass over today's tickets: waiting work per service and this ticket's ahead count.
  const waitingWork = new Map<string, number>();
  let ahead = 0;
  for (const id in state.tickets) {
    const t = state.tickets[id]!;
    if (t.status !== 'waiting') continue;
    waitingWork.set(t.serviceId, (waitingWork.get(t.serviceId) ?? 0) + serviceMsOf(ctx, t.serviceId));
    if (t === ticket || t.id === ticket.id || t.serviceId !== ticket.serviceId) continue;
    ahead += aheadWeight(t, ticket, streakMax);
  }

  const mean = serviceMsOf(ctx, ticket.serviceId);
  let capacity = 0;
  let remaining = 0;
  let windows = 0;
  for (const w of hall.windows) {
    const ws = state.windows[w.id];
    const status = ws?.status ?? (w.openAtStart ? 'open' : 'closed');
    if (status !== 'open' || !windowTakes(w, ticket)) continue;
    windows++;
    capacity += shareOf(w, ticket, waitingWork, mean);
    const current = ws?.currentTicketId ? state.tickets[ws.currentTicketId] : undefined;
    if (current && (current.status === 'called' || current.status === 'serving')) {
      const since = current.startedAt ?? current.calledAt ?? ctx.now;
      remaining += Math.max(0, serviceMsOf(ctx, current.serviceId) - (ctx.now - since));
    }
  }
  if (windows === 0 || capacity === 0) return { minutes: null, ms: null, ahead, capacity: 0 };
  const ms = (ahead * mean) / capacity + remaining / windows / windows;
  return { minutes: Math.round(ms / 60_000), ms, ahead: Math.round(ahead * 100) / 100, capacity: Math.round(capacity * 100) / 100 };
}

/** How much of a waiting ticket `t` counts as ahead of `mine` (same service). */
function aheadWeight(t: Ticket, mine: Ticket, streakMax: number): number {
  const rank = LANE_RANK[t.lane] - LANE_RANK[mine.lane];
  if (rank < 0) return 1;
  if (rank > 0) return 0;
  const earlier = Number(!t.front) - Number(!mine.front) < 0 || (!!t.front === !!mine.front && (t.arrivedAt < mine.arrivedAt || (t.arrivedAt === mine.arrivedAt && t.issuedAt < mine.issuedAt)));
  if (t.lane === mine.lane) return earlier ? 1 : 0;
  if (mine.lane === 'normal') return 1; // elderly go before normal
  return earlier ? 1 / (streakMax + 1) : 0; // mine is elderly: normal ones interleave
}

/** The share of window w's time that goes to the ticket's service. */
function shareOf(w: WindowConfig, ticket: Ticket, work: Map<string, number>, mean: number): number {
  if (ticket.targetWindowId === w.id) return 1;
  if (w.prefersLane && w.prefersLane === ticket.lane) return 1;
  const own = (work.get(ticket.serviceId) ?? 0) + mean;
  let all = own;
  for (const s of w.services) if (s !== ticket.serviceId) all += work.get(s) ?? 0;
  return own / all;
}

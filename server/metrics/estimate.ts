// Wait prediction for a waiting ticket: pure, from the hall state, the windows open for its
// service, recent service times (the configured avgServiceMinutes until there are some) and the
// lane policy. Recomputed on every read, so it is refined as the queue moves.
//
// Model (shared windows, kept simple enough to explain at the counter):
// - W: the open windows that may take the ticket. A window calls across all its services by lane,
//   then by arrival, so the ticket queues behind every waiting ticket — of any service — that the
//   policy calls first and that W may take.
// - ahead work: for each such ticket u, its expected service time × the share of u's own open
//   windows that are in W (u may as well be served elsewhere). "Called first" follows the lane
//   policy: green, then appointments, then by arrival; a normal ticket also yields to every
//   elderly ticket waiting, an elderly ticket lets earlier normal ones go at 1/(elderlyStreakMax+1).
//   A window that prefers the ticket's lane (the elderly window) takes it before everyone else.
// - wait = ahead work / |W| + the time until a window of W frees (its current visitor's expected
//   remaining time, averaged and divided by |W|).
// - inflow: tickets that will overtake it keep arriving (green, appointments, elderly before a
//   normal ticket); their work over the last half hour takes a share of W, so the wait is divided
//   by (1 − that share), capped at 1/2.
import type { HallConfig, HallState, Lane, Ticket } from '../domain/types.ts';
import { windowTakes } from '../domain/lane-policy.ts';

export interface EstimateContext {
  hall: HallConfig;
  state: HallState;
  now: number;
  /** Recent mean service time of a service in ms, when known. */
  recentServiceMs?: (serviceId: string) => number | undefined;
  /**
   * Tickets issued in the last INFLOW_WINDOW_MS, oldest first (the live fold keeps them); found by
   * scanning the day's tickets when absent.
   */
  recentIssues?: readonly RecentIssue[];
}

/** What the inflow estimate needs of a recently issued ticket. */
export type RecentIssue = Pick<Ticket, 'id' | 'serviceId' | 'lane' | 'targetWindowId' | 'issuedAt'>;

export interface Estimate {
  /** Minutes from `now` until the ticket is called (rounded to whole minutes); null when no open window can take it. */
  minutes: number | null;
  /** The estimate in ms, unrounded (the simulator measures its error). */
  ms: number | null;
  /** Tickets the policy calls before it at its windows (weighted by how much they share them). */
  ahead: number;
  /** Open windows that may take it. */
  windows: number;
}

const LANE_RANK: Record<Lane, number> = { green: 0, appointment: 1, elderly: 2, normal: 2 };
export const INFLOW_WINDOW_MS = 30 * 60_000;

export function serviceMsOf(ctx: EstimateContext, serviceId: string): number {
  const recent = ctx.recentServiceMs?.(serviceId);
  if (recent !== undefined && recent > 0) return recent;
  const s = ctx.hall.services.find((x) => x.id === serviceId);
  return (s?.avgServiceMinutes ?? 8) * 60_000;
}

export function estimateWait(ctx: EstimateContext, ticket: Ticket): Estimate {
  if (ticket.status !== 'waiting') return { minutes: 0, ms: 0, ahead: 0, windows: 0 };
  const { hall, state } = ctx;
  const open = hall.windows.filter((w) => (state.windows[w.id]?.status ?? (w.openAtStart ? 'open' : 'closed')) === 'open');
  const mine = open.filter((w) => windowTakes(w, ticket));
  if (mine.length === 0) return { minutes: null, ms: null, ahead: 0, windows: 0 };
  const mineIds = new Set(mine.map((w) => w.id));
  const preferred = mine.some((w) => w.prefersLane === ticket.lane && ticket.lane !== 'normal');
  const streakMax = hall.policy.elderlyStreakMax;
  const serviceMs = memo((id: string) => serviceMsOf(ctx, id));
  // The share of a ticket's open windows that are ours, per (service, lane, target window).
  const overlap = memo((key: string) => {
    const [serviceId, lane, target] = key.split('\u0000') as [string, Lane, string];
    const probe = { serviceId, lane, targetWindowId: target || undefined } as Ticket;
    let all = 0;
    let ours = 0;
    for (const w of open) {
      if (!windowTakes(w, probe)) continue;
      all++;
      if (mineIds.has(w.id)) ours++;
    }
    return all ? Math.min(1, ours / all) : 0;
  });

  let aheadWork = 0;
  let ahead = 0;
  let jumpWork = 0;
  const shareOf = (t: RecentIssue) => overlap(`${t.serviceId}\u0000${t.lane}\u0000${t.targetWindowId ?? ''}`);
  // Waiting tickets are exactly those in the queues: no need to look at the rest of the day. A
  // queue is one service and lane, so its share and service time are looked up once.
  for (const key in state.queues) {
    const queue = state.queues[key]!;
    if (queue.length === 0) continue;
    const first = state.tickets[queue[0]!]!;
    const queueShare = overlap(`${first.serviceId}\u0000${first.lane}\u0000`);
    const ms = serviceMs(first.serviceId);
    for (const id of queue) {
      const t = state.tickets[id]!;
      if (t.id === ticket.id) continue;
      const weight = preferred && t.lane !== ticket.lane ? 0 : aheadWeight(t, ticket, streakMax);
      if (weight === 0) continue;
      const share = t.targetWindowId === undefined ? queueShare : shareOf(t);
      ahead += weight * share;
      aheadWork += weight * share * ms;
    }
  }
  const recentFrom = ctx.now - INFLOW_WINDOW_MS;
  const recent = ctx.recentIssues ?? Object.values(state.tickets).filter((t) => t.issuedAt >= recentFrom);
  for (const t of recent) {
    if (t.id === ticket.id || t.issuedAt < recentFrom || !jumps(t.lane, ticket.lane)) continue;
    jumpWork += serviceMs(t.serviceId) * shareOf(t);
  }

  let remaining = 0;
  for (const w of mine) {
    const ws = state.windows[w.id];
    const current = ws?.currentTicketId ? state.tickets[ws.currentTicketId] : undefined;
    if (current && (current.status === 'called' || current.status === 'serving')) {
      const since = current.startedAt ?? current.calledAt ?? ctx.now;
      remaining += Math.max(0, serviceMs(current.serviceId) - (ctx.now - since));
    }
  }
  const n = mine.length;
  const queued = aheadWork / n + remaining / n / n;
  const jumpLoad = Math.min(0.5, jumpWork / INFLOW_WINDOW_MS / n);
  const ms = queued / (1 - jumpLoad);
  return { minutes: Math.round(ms / 60_000), ms, ahead: Math.round(ahead * 100) / 100, windows: n };
}

/** Whether a ticket in lane `other` issued later is called before one in lane `mine`. */
function jumps(other: Lane, mine: Lane): boolean {
  return LANE_RANK[other] < LANE_RANK[mine] || (mine === 'normal' && other === 'elderly');
}

/** How much a waiting ticket `t` counts as called before `mine`. */
function aheadWeight(t: Ticket, mine: Ticket, streakMax: number): number {
  const rank = LANE_RANK[t.lane] - LANE_RANK[mine.lane];
  if (rank < 0) return 1;
  if (rank > 0) return 0;
  const earlier = t.front !== mine.front ? !!t.front : t.arrivedAt < mine.arrivedAt || (t.arrivedAt === mine.arrivedAt && t.issuedAt < mine.issuedAt);
  if (t.lane === mine.lane) return earlier ? 1 : 0;
  if (mine.lane === 'normal') return 1; // elderly go before normal
  return earlier ? 1 / (streakMax + 1) : 0; // mine is elderly: earlier normal ones interleave
}

function memo<T>(f: (k: string) => T): (k: string) => T {
  const m = new Map<string, T>();
  return (k) => {
    let v = m.get(k);
    if (v === undefined && !m.has(k)) m.set(k, (v = f(k)));
    return v as T;
  };
}

// Wait prediction for a waiting ticket: when the forecast (server/domain/forecast.ts) has it
// called — the lane policy replayed over the open windows with expected service times, the same
// run that gives its people ahead — corrected for the tickets that will keep arriving and overtake it.
//
// - call time: the forecast's, from the current visitors' expected remaining times and the
//   expected service times (recent means from the metrics fold; the configured averages until then).
// - inflow: tickets that will overtake it keep arriving (green, appointments, elderly before a
//   normal ticket); their work over the last half hour takes a share of its open windows, so the
//   wait is divided by (1 − that share), capped at 1/2. `ahead` counts present tickets only.
import type { TicketForecast } from '../domain/forecast.ts';
import { isOpen } from '../domain/forecast.ts';
import type { HallConfig, HallState, Lane, Ticket } from '../domain/types.ts';
import { windowTakes } from '../domain/lane-policy.ts';
import { ticketList } from '../domain/ticket-table.ts';

export interface EstimateContext {
  hall: HallConfig;
  state: HallState;
  now: number;
  /** Expected service time of a service, ms: the one the forecast was made with. */
  serviceMs: (serviceId: string) => number;
  /**
   * Tickets issued in the last INFLOW_WINDOW_MS (the live fold keeps them counted per service, lane
   * and target window); found by scanning the day's tickets when absent.
   */
  recentIssues?: readonly RecentIssue[];
}

/** What the inflow estimate needs of a recently issued ticket; `count`: this many alike (default 1). */
export type RecentIssue = Pick<Ticket, 'id' | 'serviceId' | 'lane' | 'targetWindowId' | 'issuedAt'> & { count?: number };

export interface Estimate {
  /** Minutes from `now` until the ticket is called (rounded to whole minutes); null when no open window can take it. */
  minutes: number | null;
  /** The estimate in ms, unrounded (the simulator measures its error). */
  ms: number | null;
  /** The forecast's people ahead: calls before it at the windows that could take it. */
  ahead: number;
  /** Open windows that may take it. */
  windows: number;
}

const LANE_RANK: Record<Lane, number> = { green: 0, appointment: 1, elderly: 2, normal: 2 };
export const INFLOW_WINDOW_MS = 30 * 60_000;

/** The estimate for `ticket`, whose forecast is `f`. */
export function estimateWait(ctx: EstimateContext, ticket: Ticket, f: TicketForecast | undefined): Estimate {
  if (ticket.status !== 'waiting' || !f) return { minutes: 0, ms: 0, ahead: 0, windows: 0 };
  const { hall, state } = ctx;
  const open = hall.windows.filter((w) => isOpen(state, w));
  const mine = open.filter((w) => windowTakes(w, ticket));
  if (mine.length === 0 || f.callAt === null) return { minutes: null, ms: null, ahead: f.ahead, windows: mine.length };
  const mineIds = new Set(mine.map((w) => w.id));
  // The share of a recent ticket's open windows that are ours, per (service, lane, target window).
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
    return all ? ours / all : 0;
  });
  const recentFrom = ctx.now - INFLOW_WINDOW_MS;
  const recent: readonly RecentIssue[] = ctx.recentIssues ?? ticketList(state.tickets).filter((t) => t.issuedAt >= recentFrom);
  let jumpWork = 0;
  for (const t of recent) {
    if (t.id === ticket.id || t.issuedAt < recentFrom || !jumps(t.lane, ticket.lane)) continue;
    jumpWork += (t.count ?? 1) * ctx.serviceMs(t.serviceId) * overlap(`${t.serviceId}\u0000${t.lane}\u0000${t.targetWindowId ?? ''}`);
  }
  const jumpLoad = Math.min(0.5, jumpWork / INFLOW_WINDOW_MS / mine.length);
  const ms = Math.max(0, f.callAt - ctx.now) / (1 - jumpLoad);
  return { minutes: Math.round(ms / 60_000), ms, ahead: f.ahead, windows: mine.length };
}

/** Whether a ticket in lane `other` issued later is called before one in lane `mine`. */
function jumps(other: Lane, mine: Lane): boolean {
  return LANE_RANK[other] < LANE_RANK[mine] || (mine === 'normal' && other === 'elderly');
}

function memo<T>(f: (k: string) => T): (k: string) => T {
  const m = new Map<string, T>();
  return (k) => {
    let v = m.get(k);
    if (v === undefined && !m.has(k)) m.set(k, (v = f(k)));
    return v as T;
  };
}

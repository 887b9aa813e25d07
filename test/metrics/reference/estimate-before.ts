// The oracle of test/metrics/estimate-reference.property.test.ts: the wait estimate as it was
// computed before the per-kind view was kept (server/metrics/estimate.ts at commit 72002e3), one
// ticket at a time from scratch, kept here unchanged so that a faster estimate must give the same
// figures bit for bit. Do not "fix" it along with the server: a change of figures is a decision,
// made in estimate.ts and in its own tests.
import type { TicketForecast } from '../../../server/domain/forecast.ts';
import { isOpen } from '../../../server/domain/forecast.ts';
import type { HallConfig, HallState, Lane, Ticket, WindowConfig } from '../../../server/domain/types.ts';
import { windowTakes } from '../../../server/domain/lane-policy.ts';

export interface EstimateContext {
  hall: HallConfig;
  state: HallState;
  now: number;
  /**
   * The share of the work arriving at `windows` that overtakes a ticket of `lane` (overtaking.ts);
   * no stretch when absent.
   */
  overtakingShare?: (lane: Lane, windows: readonly WindowConfig[], now: number) => number;
  /** Expected ms from `now` until a window paused since `since` is open again (breaks.ts); paused windows are not counted on when absent. */
  pausedReturnsInMs?: (since: number, now: number) => number;
  /** Mean ms one call keeps window `w`, whatever its service (service-times.ts); no pace floor when absent. */
  windowCallMs?: (w: WindowConfig) => number;
}

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

/** The most of its windows' work that overtakers are assumed to take. */
const MAX_OVERTAKING_SHARE = 0.5;
/** How far the estimate moves toward its windows' observed pace when that is later (chosen on seeds 1–20). */
const PACE_WEIGHT = 0.3;

/** The estimate for `ticket`, whose forecast is `f`. */
export function estimateWait(ctx: EstimateContext, ticket: Ticket, f: TicketForecast | undefined): Estimate {
  if (ticket.status !== 'waiting' || !f) return { minutes: 0, ms: 0, ahead: 0, windows: 0 };
  const { hall, state } = ctx;
  const open = hall.windows.filter((w) => isOpen(state, w));
  const mine = open.filter((w) => windowTakes(w, ticket));
  if (mine.length === 0 || f.callAt === null) return { minutes: null, ms: null, ahead: f.ahead, windows: mine.length };
  const share = Math.min(MAX_OVERTAKING_SHARE, ctx.overtakingShare?.(ticket.lane, mine, ctx.now) ?? 0);
  const replayed = withReturns(Math.max(0, f.callAt - ctx.now), mine.length, pausedReturns(ctx, ticket));
  const base = f.ahead > 0 ? towardPace(replayed, f.ahead, mine, ctx.windowCallMs) : replayed;
  const ms = stretched(base, share, overdueIn(hall, ticket, ctx.now));
  return { minutes: Math.round(ms / 60_000), ms, ahead: f.ahead, windows: mine.length };
}

/** Ms from now until each paused window that may take `ticket` is expected back, soonest first. */
function pausedReturns(ctx: EstimateContext, ticket: Ticket): number[] {
  const returnsIn = ctx.pausedReturnsInMs;
  if (!returnsIn) return [];
  const out: number[] = [];
  for (const w of ctx.hall.windows) {
    const ws = ctx.state.windows[w.id];
    if (ws?.status === 'paused' && windowTakes(w, ticket)) out.push(returnsIn(ws.since, ctx.now));
  }
  return out.sort((a, b) => a - b);
}

/**
 * The wait `base` of `open` windows' work (base × open window-ms), shared from each return on with
 * one more window. Increasing in `base`, so the order of the queue is kept.
 */
function withReturns(base: number, open: number, returns: readonly number[]): number {
  let work = base * open;
  let t = 0;
  let windows = open;
  for (const r of returns) {
    if (work <= windows * (r - t)) break;
    work -= windows * (r - t);
    t = r;
    windows++;
  }
  return t + work / windows;
}

/**
 * `replayed`, moved PACE_WEIGHT toward (ahead + 1) calls at the windows' summed rate when that is
 * later. Never below `replayed` and increasing in it and in `ahead`, so a ticket further back never
 * gets less (and one with none ahead keeps the replay's: it is not behind any call).
 */
function towardPace(replayed: number, ahead: number, windows: readonly WindowConfig[], callMs: EstimateContext['windowCallMs']): number {
  if (!callMs) return replayed;
  let rate = 0;
  for (const w of windows) rate += 1 / callMs(w);
  const paced = (ahead + 1) / rate;
  return replayed + PACE_WEIGHT * Math.max(0, paced - replayed);
}

/** Ms until `ticket` has waited maxWaitMinutes: from then on it goes first and nobody overtakes it. */
function overdueIn(hall: HallConfig, ticket: Ticket, now: number): number {
  return Math.max(0, ticket.arrivedAt + hall.policy.maxWaitMinutes * 60_000 - now);
}

/**
 * The wait `base` of the present tickets, stretched by overtakers arriving at `load` of the windows'
 * capacity until the ticket is overdue: w = base + load · min(w, overdue).
 */
function stretched(base: number, load: number, overdue: number): number {
  const free = base / (1 - load);
  return free <= overdue ? free : base + load * overdue;
}

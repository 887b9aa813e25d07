// Wait prediction for a waiting ticket: when the forecast (server/domain/forecast.ts) has it
// called — the lane policy replayed over the open windows with expected service times, the same
// run that gives its people ahead — stretched for the tickets that will keep arriving and overtake it.
//
// - call time: the forecast's, from the current visitors' expected remaining times and the
//   expected service times (learned today from the hall file's averages on: service-times.ts).
// - inflow: tickets of lanes called before it keep arriving (green, appointments, elderly before a
//   normal ticket) and take that share of its windows' work (overtaking.ts), so the wait w of the
//   present tickets grows to w / (1 − share), capped at 1/2 — but only until the ticket has waited
//   maxWaitMinutes: from then on it is called first (lane-policy.ts) and nobody overtakes it.
//   `ahead` counts present tickets only.
// - paused windows: one that may take it is counted on from its expected return (breaks.ts), the
//   remaining work shared with it from then on.
// - pace: the replay chains expected times from each window's expected free time, which runs early
//   for a ticket some calls back (the visitors now at the windows are on average further from done
//   than mean − elapsed says, and the walks, recalls and turnarounds add up). So when its windows'
//   observed pace — (ahead + 1) calls at the sum of their call rates, each window's mean time per call
//   of any service (service-times.ts) — says later, the estimate moves PACE_WEIGHT of the way there.
//   Measured (npm run simulate -- --seeds 20, README of server/simulator): +0.5 points on seeds 1–20,
//   +0.1 on 101–120, +1.6 without priority lanes, +0.6–1.2 on the noise-only day.
// - first free: a ticket with nobody ahead is called when the first of its busy windows frees, one
//   with j calls ahead (j < FREE_POINTS and its windows) when the (j + 1)-th does, which comes earlier
//   than the replay's chain of expected free times says, by how much depending on how long each
//   visitor has been there; first-free.ts gives the point within the band most often for each
//   (stretched for overtakers), and a ticket further back never gets less. Measured with FREE_POINTS
//   1 (nobody ahead only) and 4: seeds 1–20 71.8 → 72.7 → 72.9% (worst 59.3 → 59.7 → 60.0%),
//   101–120 70.9 → 71.7 → 72.0% (60.4 → 62.0 → 62.6%), MAE 2.69 → 2.68 and 2.65 → 2.62 min.
import type { TicketForecast } from '../domain/forecast.ts';
import { isOpen } from '../domain/forecast.ts';
import type { HallConfig, HallState, Lane, Ticket, WindowConfig } from '../domain/types.ts';
import { windowTakes } from '../domain/lane-policy.ts';
import type { FreePoint } from './first-free.ts';

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
  /** The windows' summed call rate (callRate over windowCallMs), when the caller keeps it between
   * learned times (live.ts: a hall of 200 windows summed them at every issue answer). */
  windowsCallRate?: (windows: readonly WindowConfig[]) => number | undefined;
  /**
   * What to say for a ticket called when the (j + 1)-th of the open `windows` frees, j < count,
   * paused ones back at `returnsMs`, its wait stretched by `stretch` for overtakers (first-free.ts
   * via service-times.ts); undefined when one of them is idle. Without it, every ticket gets the
   * replay's time.
   */
  freePoints?: (windows: readonly WindowConfig[], returnsMs: readonly number[], now: number, stretch: number, count: number) => FreePoint[] | undefined;
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
/** Tickets with fewer calls ahead than this (and than their windows) get the point of their windows' free times (chosen on seeds 1–20 among 1, 2, 3, 4, 6). */
const FREE_POINTS = 4;

/**
 * What the estimate reads of the hall for one kind of ticket (its service, lane and target window)
 * at one instant: the same for every ticket of that kind, so a caller may keep it for the instant
 * and the state (live.ts keeps it per state, instant and event folded).
 */
export interface KindView {
  /** How many open windows may take it. */
  windows: number;
  /** The share of its windows' work that overtakes it, capped. */
  share: number;
  /** Ms until each paused window that may take it is expected back, soonest first. */
  returns: readonly number[];
  /** Its windows' summed call rate, calls per ms; undefined without windowCallMs. */
  rate: number | undefined;
  /** When the first, second, … of its windows is said to free, ms from now (ctx.freePoints); undefined when one is idle or without the hook. */
  frees: FreePoint[] | undefined;
}

/** The estimate for `ticket`, whose forecast is `f`. */
export function estimateWait(ctx: EstimateContext, ticket: Ticket, f: TicketForecast | undefined): Estimate {
  if (ticket.status !== 'waiting' || !f) return { minutes: 0, ms: 0, ahead: 0, windows: 0 };
  return estimateOfKind(ctx.hall, kindView(ctx, ticket), ticket, f, ctx.now);
}

/** The estimate for a waiting `ticket` of the kind `view` describes, whose forecast is `f`: O(1) but for its paused windows. */
export function estimateOfKind(hall: HallConfig, view: KindView, ticket: Ticket, f: TicketForecast, now: number): Estimate {
  if (view.windows === 0 || f.callAt === null) return { minutes: null, ms: null, ahead: f.ahead, windows: view.windows };
  const replayed = withReturns(Math.max(0, f.callAt - now), view.windows, view.returns);
  const base = f.ahead > 0 && view.rate !== undefined ? towardPace(replayed, f.ahead, view.rate) : replayed;
  const overdue = overdueIn(hall, ticket, now);
  const ms = withFrees(stretched(base, view.share, overdue), f.ahead, view.frees, view.share, overdue);
  return { minutes: Math.round(ms / 60_000), ms, ahead: f.ahead, windows: view.windows };
}

/** The windows that may take tickets of one kind, as the windows' states stand: open ones and paused ones, each in the hall file's order. */
export interface KindWindows {
  open: WindowConfig[];
  paused: WindowConfig[];
}

/** The windows that may take tickets like `ticket` (same service, lane and target window): depends on `state.windows` alone. */
export function kindWindows(hall: HallConfig, state: HallState, ticket: Ticket): KindWindows {
  const open: WindowConfig[] = [];
  const paused: WindowConfig[] = [];
  for (const w of hall.windows) {
    if (!windowTakes(w, ticket)) continue;
    if (isOpen(state, w)) open.push(w);
    else if (state.windows[w.id]?.status === 'paused') paused.push(w);
  }
  return { open, paused };
}

/** What the estimate reads of the hall for tickets like `ticket` at ctx.now; `windows` when known (kindWindows). */
export function kindView(ctx: EstimateContext, ticket: Ticket, windows = kindWindows(ctx.hall, ctx.state, ticket)): KindView {
  const mine = windows.open;
  if (mine.length === 0) return { windows: 0, share: 0, returns: NONE, rate: undefined, frees: undefined };
  const share = Math.min(MAX_OVERTAKING_SHARE, ctx.overtakingShare?.(ticket.lane, mine, ctx.now) ?? 0);
  const rate = ctx.windowsCallRate ? ctx.windowsCallRate(mine) : callRate(mine, ctx.windowCallMs);
  const returns = pausedReturns(ctx, windows.paused);
  return { windows: mine.length, share, returns, rate, frees: ctx.freePoints?.(mine, returns, ctx.now, 1 / (1 - share), FREE_POINTS) };
}

const NONE: readonly number[] = Object.freeze([]);

/** Ms from now until each of the `paused` windows is expected back, soonest first. */
function pausedReturns(ctx: EstimateContext, paused: readonly WindowConfig[]): readonly number[] {
  const returnsIn = ctx.pausedReturnsInMs;
  if (!returnsIn || paused.length === 0) return NONE;
  const out: number[] = [];
  for (const w of paused) out.push(returnsIn(ctx.state.windows[w.id]!.since, ctx.now));
  return out.sort(ascending);
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** The windows' summed call rate (each window's 1 / mean ms per call), in their order. */
export function callRate(windows: readonly WindowConfig[], callMs: EstimateContext['windowCallMs']): number | undefined {
  if (!callMs) return undefined;
  let rate = 0;
  for (const w of windows) rate += 1 / callMs(w);
  return rate;
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
 * A ticket with j calls ahead, fewer than `frees`, is called when the (j + 1)-th of its windows
 * frees: `frees[j]`, which knows how long each visitor has been there, replaces the replay's time
 * `ms` (stretched for overtakers only until the ticket is overdue). No ticket is said to come sooner
 * than one with fewer ahead would, so more people ahead never means a shorter wait (each point
 * grows with `overdue`, and an older ticket's is no later).
 */
function withFrees(ms: number, ahead: number, frees: readonly FreePoint[] | undefined, share: number, overdue: number): number {
  if (!frees) return ms;
  let soonest = 0;
  for (let j = 0; j < frees.length && j <= ahead; j++) soonest = Math.max(soonest, Math.min(frees[j]!.stretchedMs, stretched(frees[j]!.ms, share, overdue)));
  return ahead < frees.length ? soonest : Math.max(ms, soonest);
}

/**
 * `replayed`, moved PACE_WEIGHT toward (ahead + 1) calls at the windows' summed `rate` when that is
 * later. Never below `replayed` and increasing in it and in `ahead`, so a ticket further back never
 * gets less (and one with none ahead keeps the replay's: it is not behind any call).
 */
function towardPace(replayed: number, ahead: number, rate: number): number {
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

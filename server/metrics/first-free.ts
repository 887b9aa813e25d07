// When the first, second, … of a ticket's windows frees, as distributions, and the point to say for each.
//
// A ticket with nobody ahead is called when the first of its windows frees, one with a single call
// ahead when the second does, and so on while the calls ahead are fewer than its windows (a window
// freeing twice in that time is left out: rare for a few calls). The forecast replay
// (server/domain/forecast.ts) takes the earliest of each window's expected free time, but the first
// of several visitors to leave comes earlier than the earliest expected leaving, and how much
// earlier depends on how long each has already been there. So here each busy window's current call
// is a lognormal occupancy with the learned mean and cv (service-times.ts), known to have lasted
// `elapsedMs` already; a paused window is back at its expected return. The count of windows free by
// a time is a sum of independent yes/no (each window's P of having released), whose distribution
// gives the survival of the first, second, … free time; the estimate is the point within the band
// (±20% or ±2 min, what a visitor reads as "right") most often, which for these short skewed waits is not the mean.
// Overtakers arriving meanwhile (estimate.ts) stretch the time, and the point is taken on the
// stretched distribution: stretching the point instead overshoots the 2-minute band.
// Measured (npm run simulate -- --seeds 20, seeds 1–20 and 101–120): server/metrics/README.md.

const MIN = 60_000;
/** Grid of the survival function, ms: fine against the 2-minute band, cheap for a hall of 200 windows. */
const STEP = 10_000;
/** Survival below which the rest of the grid counts as 0. */
const NEGLIGIBLE = 1e-5;
/** The longest first-free time looked at. */
const HORIZON = 120 * MIN;

export interface BusyWindow {
  /** Mean occupancy of its current call (call → release), ms. */
  meanMs: number;
  /** How long the current call has lasted, ms. */
  elapsedMs: number;
}

/** Complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** P(T > x) for T lognormal with mean `meanMs` and coefficient of variation `cv`. */
export function lognormalSurvival(x: number, meanMs: number, cv: number): number {
  if (x <= 0) return 1;
  const s2 = Math.log(1 + cv * cv);
  const mu = Math.log(meanMs) - s2 / 2;
  return 0.5 * erfc((Math.log(x) - mu) / Math.sqrt(2 * s2));
}

/** Grid points of a survival: 0, STEP, …, HORIZON. */
const GRID = Math.floor(HORIZON / STEP) + 1;

/**
 * For j = 0 … count − 1, P(fewer than j + 1 of the windows are free by k·STEP), k = 0, 1, …: the
 * survival of the (j + 1)-th window to release its visitor (each once: a second visitor at the same
 * window within the time is left out) or to come back from a pause. Ends where the last is negligible.
 */
export function nthFreeSurvivals(busy: readonly BusyWindow[], cv: number, turnMs: number, returnsMs: readonly number[], count: number): number[][] {
  const table = new Float64Array(count * GRID);
  const steps = survivalsInto(table, busy, cv, turnMs, returnsMs, count);
  return Array.from({ length: count }, (_, j) => Array.from(table.subarray(j * GRID, j * GRID + steps)));
}

/** nthFreeSurvivals written into `table` (survival j from j · GRID on); returns how many grid points each has. */
function survivalsInto(table: Float64Array, busy: readonly BusyWindow[], cv: number, turnMs: number, returnsMs: readonly number[], count: number): number {
  // Each window's log-occupancy parameters once (a grid step then costs a log and an erfc per window).
  const s2 = Math.log(1 + cv * cv);
  const scale = Math.sqrt(2 * s2);
  const mu = busy.map((b) => Math.log(b.meanMs) - s2 / 2);
  const since = busy.map((b) => lognormalSurvival(b.elapsedMs, b.meanMs, cv));
  /** P(exactly n windows free so far), n < count. */
  const exactly = new Float64Array(count);
  let steps = 0;
  for (let t = 0; t <= HORIZON; t += STEP) {
    exactly.fill(0);
    exactly[0] = 1;
    const served = t - turnMs;
    for (let i = 0; i < busy.length; i++) {
      // A visitor far past any likely length (survival underflows) leaves at the next step.
      const still = served <= 0 ? 1 : since[i]! > 1e-12 ? (0.5 * erfc((Math.log(busy[i]!.elapsedMs + served) - mu[i]!) / scale)) / since[i]! : 0;
      oneMoreFree(exactly, 1 - still);
    }
    for (const r of returnsMs) oneMoreFree(exactly, t >= r ? 1 : 0);
    let atMost = 0;
    for (let j = 0; j < count; j++) {
      atMost += exactly[j]!;
      table[j * GRID + steps] = atMost;
    }
    steps++;
    if (atMost < NEGLIGIBLE) break;
  }
  return steps;
}

/** The count's distribution after one more window, free with probability `p`. */
function oneMoreFree(exactly: Float64Array, p: number): void {
  if (p === 0) return;
  for (let n = exactly.length - 1; n > 0; n--) exactly[n] = exactly[n]! * (1 - p) + exactly[n - 1]! * p;
  exactly[0] = exactly[0]! * (1 - p);
}

/**
 * The point e for which `stretch` times the first free time is within max(20% of e, 2 min) of e
 * most often, ms.
 */
export function pointWithinMostOften(survival: ArrayLike<number>, stretch = 1): number {
  const at = (x: number) => (x <= 0 ? 1 : (survival[Math.floor(x / stretch / STEP)] ?? 0));
  let best = 0;
  let bestShare = -1;
  for (let e = 0; e < survival.length * STEP * stretch; e += STEP) {
    const band = Math.max(0.2 * e, 2 * MIN);
    // P(e − band < T ≤ e + band), on the grid.
    const share = (e - band <= 0 ? 1 : at(e - band)) - at(e + band);
    if (share > bestShare + 1e-9) {
      bestShare = share;
      best = e;
    }
  }
  return best;
}

/** What to say for a ticket called when the (j + 1)-th of some windows frees, ms from now. */
export interface FreePoint {
  /** The point for that free time itself. */
  ms: number;
  /** The point for it stretched by the overtakers' share (a ticket not overdue before then). */
  stretchedMs: number;
}

/**
 * The survivals freePoints reads, reused from call to call: each issue answer asks for the points
 * of its kind of ticket, and arrays of up to GRID numbers grown point by point were ~2 KB an issue.
 * Nothing runs between the fill and the last read (freePoints is synchronous), so one table serves.
 */
let scratch = new Float64Array(0);

/**
 * The points for a ticket called when the (j + 1)-th of these windows frees, j = 0 … count − 1, its
 * wait stretched by `stretch` for overtakers.
 */
export function freePoints(busy: readonly BusyWindow[], cv: number, turnMs: number, returnsMs: readonly number[], stretch: number, count: number): FreePoint[] {
  if (scratch.length < count * GRID) scratch = new Float64Array(count * GRID);
  const steps = survivalsInto(scratch, busy, cv, turnMs, returnsMs, count);
  const points: FreePoint[] = new Array(count);
  for (let j = 0; j < count; j++) {
    const survival = scratch.subarray(j * GRID, j * GRID + steps);
    const ms = pointWithinMostOften(survival);
    points[j] = { ms, stretchedMs: stretch === 1 ? ms : pointWithinMostOften(survival, stretch) };
  }
  return points;
}

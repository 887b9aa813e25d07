// When the first of a ticket's windows frees, as a distribution, and the point to say for it.
//
// A ticket with nobody ahead is called when the first of its windows frees. The forecast replay
// (server/domain/forecast.ts) takes the earliest of each window's expected free time, but the first
// of several visitors to leave comes earlier than the earliest expected leaving, and how much
// earlier depends on how long each has already been there. So here each busy window's current call
// is a lognormal occupancy with the learned mean and cv (service-times.ts), known to have lasted
// `elapsedMs` already; a paused window is back at its expected return. The first free time's
// survival is the product of theirs; the estimate is the point within the band (±20% or ±2 min,
// what a visitor reads as "right") most often, which for these short skewed waits is not the mean.
// Overtakers arriving meanwhile (estimate.ts) stretch the time, and the point is taken on the
// stretched distribution: stretching the point instead overshoots the 2-minute band.
// Measured (npm run simulate -- --seeds 20, seeds 1–20 and 101–120): README of server/simulator.

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

/**
 * P(first free > k·STEP) for k = 0, 1, …: the first of `busy` windows to release its visitor (then
 * `turnMs` to the press) or of the paused windows back at `returnsMs`. Ends where it is negligible.
 */
export function firstFreeSurvival(busy: readonly BusyWindow[], cv: number, turnMs: number, returnsMs: readonly number[]): number[] {
  // Each window's log-occupancy parameters once (a grid step then costs a log and an erfc per window).
  const s2 = Math.log(1 + cv * cv);
  const scale = Math.sqrt(2 * s2);
  const mu = busy.map((b) => Math.log(b.meanMs) - s2 / 2);
  const since = busy.map((b) => lognormalSurvival(b.elapsedMs, b.meanMs, cv));
  const firstReturn = returnsMs.length > 0 ? Math.min(...returnsMs) : Infinity;
  const out: number[] = [];
  for (let t = 0; t <= HORIZON; t += STEP) {
    let s = t >= firstReturn ? 0 : 1;
    const served = t - turnMs;
    for (let i = 0; i < busy.length && s > 0 && served > 0; i++) {
      // A visitor far past any likely length (survival underflows) leaves at the next step.
      s *= since[i]! > 1e-12 ? (0.5 * erfc((Math.log(busy[i]!.elapsedMs + served) - mu[i]!) / scale)) / since[i]! : 0;
    }
    out.push(s);
    if (s < NEGLIGIBLE) break;
  }
  return out;
}

/**
 * The point e for which `stretch` times the first free time is within max(20% of e, 2 min) of e
 * most often, ms.
 */
export function pointWithinMostOften(survival: readonly number[], stretch = 1): number {
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

/** What to say for a ticket called when the first of some windows frees, ms from now. */
export interface FirstFree {
  /** The point for the first free time itself. */
  ms: number;
  /** The point for it stretched by the overtakers' share (a ticket not overdue before then). */
  stretchedMs: number;
}

/** The points for a ticket called when the first of these windows frees, its wait stretched by `stretch` for overtakers. */
export function firstFree(busy: readonly BusyWindow[], cv: number, turnMs: number, returnsMs: readonly number[], stretch: number): FirstFree {
  const survival = firstFreeSurvival(busy, cv, turnMs, returnsMs);
  const ms = pointWithinMostOften(survival);
  return { ms, stretchedMs: stretch === 1 ? ms : pointWithinMostOften(survival, stretch) };
}

// The order of presses in a kept forecast run (forecast-index.ts): which press comes first, the
// earliest press at which a newest ticket of a lane would be chosen among the windows that may take
// it (after the bounds placed tickets put on them), and how many calls come before a press. Reads
// the run's windows, and keeps per window and lane the ends of its wins and its first win after its
// bound in flat arrays, taken again for a window whenever its wins change (sync): placing a ticket
// reads one number per window that may take it. Changes nothing in the windows.
import { LANES } from '../config/schema.ts';
import type { PlacedBounds } from './forecast-bounds.ts';
import { NO_BOUND, lowerBound, upperBound, type IndexWindow } from './forecast-window.ts';

const LANE_COUNT = LANES.length;

export class PressOrder {
  /** The time of the press the last firstWin found (its window is what firstWin returned). */
  winAt = 0;
  /** Each window's phase (fixed for the run), in one typed array: compare reads it for two windows at every step, where reading it off the windows' objects missed the cache. */
  private readonly phases: Uint8Array;
  /**
   * Per window × LANE_COUNT + lane: how many wins it has (-1: it does not take the lane), and its
   * first, second-to-last and last. A placed ticket bounds the wins of most windows that may take
   * the next one up to their last or second-to-last (the windows' latest calls of placed tickets):
   * firstWin reads these, a few cache lines for all windows, and a window's own list (an object, an
   * array and its elements, apart in memory: the costliest loads of a placement) only past them.
   */
  private readonly winCounts: Int32Array;
  private readonly firstWins: Float64Array;
  private readonly prevWins: Float64Array;
  private readonly lastWins: Float64Array;
  /**
   * Per window × LANE_COUNT + lane: the time of its first win after its bound (NaN: none), which
   * firstWin takes the earliest of. Kept, and taken again only for a window whose wins changed (sync):
   * a placed ticket moves its service's bound up to its own press P, the earliest of these over the
   * windows that may take it, so at each of them but its own window (whose wins change, and which
   * is synced) the first win after the bound was after P already and stays the same; taking the
   * placement back restores the bound and that window's wins.
   */
  private readonly firstAfterBound: Float64Array;

  constructor(
    private readonly windows: readonly IndexWindow[],
    /** The placed tickets' bounds, and per window the services they are kept by. */
    private readonly bounds: PlacedBounds,
    private readonly servicesOfWindow: readonly (readonly number[])[],
  ) {
    this.phases = Uint8Array.from(windows, (w) => w.phase);
    const n = windows.length * LANE_COUNT;
    this.winCounts = new Int32Array(n).fill(-1);
    this.firstWins = new Float64Array(n);
    this.prevWins = new Float64Array(n);
    this.lastWins = new Float64Array(n);
    this.firstAfterBound = new Float64Array(n).fill(NaN);
  }

  /** Window `i`'s wins or bounds changed (or were made): takes their ends and its first wins after its bounds again. */
  sync(i: number): void {
    const wins = this.windows[i]!.wins;
    for (let l = 0; l < LANE_COUNT; l++) {
      const k = i * LANE_COUNT + l;
      const list = wins[l];
      const n = list ? list.length : -1;
      this.winCounts[k] = n;
      if (n <= 0) continue;
      this.firstWins[k] = list![0]!;
      this.prevWins[k] = n > 1 ? list![n - 2]! : NaN;
      this.lastWins[k] = list![n - 1]!;
    }
    for (let l = 0; l < LANE_COUNT; l++) this.firstAfterBound[i * LANE_COUNT + l] = this.firstWinAt(i, l) ?? NaN;
  }

  /** Every window's wins or bounds changed (or were made). */
  syncAll(): void {
    for (let i = 0; i < this.windows.length; i++) this.sync(i);
  }

  /** Press order (negative: press a first): open windows' presses first, then by time, then hall window order. */
  compare(aw: number, aat: number, bw: number, bat: number): number {
    return this.phases[aw]! - this.phases[bw]! || aat - bat || aw - bw;
  }

  /**
   * The earliest press among `takers` at which a newest ticket of lane `l` would be chosen: its
   * window's index, -1 when none, and its time in `winAt`.
   */
  firstWin(takers: readonly number[], l: number): number {
    let bestW = -1;
    let bestAt = 0;
    for (let k = 0; k < takers.length; k++) {
      const i = takers[k]!;
      const at = this.firstAfterBound[i * LANE_COUNT + l]!;
      if (at !== at) continue; // NaN: none
      if (bestW < 0 || this.compare(i, at, bestW, bestAt) < 0) {
        bestW = i;
        bestAt = at;
      }
    }
    this.winAt = bestAt;
    return bestW;
  }

  /** The time of window `i`'s first win of lane `l` after its bound; undefined when none. */
  private firstWinAt(i: number, l: number): number | undefined {
    const k = i * LANE_COUNT + l;
    const n = this.winCounts[k]!;
    if (n <= 0) return undefined;
    const bw = this.bounds.latestOf(this.servicesOfWindow[i]!, l, this);
    if (bw === NO_BOUND) return this.firstWins[k]!;
    const bat = this.bounds.latestAt;
    // A win after the bound is one that presses after it: compare > 0.
    const last = this.lastWins[k]!;
    if (this.compare(i, last, bw, bat) <= 0) return undefined;
    if (n === 1 || this.compare(i, this.prevWins[k]!, bw, bat) <= 0) return last;
    const u = this.windows[i]!;
    const list = u.wins[l]!;
    return list[this.firstAfter(u, list, bw, bat)];
  }

  /** The first entry of `list` (times of presses at `u`) after the press of window `kw` at `kat`. */
  private firstAfter(u: IndexWindow, list: readonly number[], kw: number, kat: number): number {
    const phase = this.phases[kw]!;
    if (phase !== u.phase) return phase < u.phase ? 0 : list.length;
    // Same time: u's press comes after the key's when u is later in the hall's list.
    return u.index > kw ? lowerBound(list, kat) : upperBound(list, kat);
  }

  /** Calls at the windows `takers` before the press of window `kw` at `kat`. */
  aheadAt(takers: readonly number[], kw: number, kat: number): number {
    const phase = this.phases[kw]!;
    let n = 0;
    for (let k = 0; k < takers.length; k++) {
      const i = takers[k]!;
      const u = this.windows[i]!;
      const calls = u.calls.length;
      if (u.phase < phase) n += calls;
      else if (u.phase === phase) n += Math.min(calls, i < kw ? upperBound(u.calls, kat) : lowerBound(u.calls, kat));
    }
    return n;
  }
}

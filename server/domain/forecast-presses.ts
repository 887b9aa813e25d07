// The order of presses in a kept forecast run (forecast-index.ts): which press comes first, the
// earliest press at which a newest ticket of a lane would be chosen among the windows that may take
// it (after the bounds placed tickets put on them), and how many calls come before a press. Reads
// the run's windows, and keeps per window and lane its first win after its bound in a flat array,
// taken again for a window whenever its wins change (sync): placing a ticket reads one number per
// window that may take it, where reading each window's bound and list (objects and arrays apart in
// memory) was most of a placement's cost. Changes nothing in the windows.
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
    this.firstAfterBound = new Float64Array(windows.length * LANE_COUNT).fill(NaN);
  }

  /** Window `i`'s wins or bounds changed (or were made): takes its first wins after its bounds again. */
  sync(i: number): void {
    for (let l = 0; l < LANE_COUNT; l++) this.firstAfterBound[i * LANE_COUNT + l] = this.firstWinAt(i, l);
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

  /** The time of window `i`'s first win of lane `l` after its bound; NaN when none. */
  private firstWinAt(i: number, l: number): number {
    const u = this.windows[i]!;
    const list = u.wins[l];
    if (!list) return NaN;
    const bw = this.bounds.latestOf(this.servicesOfWindow[i]!, l, this);
    const from = bw === NO_BOUND ? 0 : this.firstAfter(u, list, bw, this.bounds.latestAt);
    return from < list.length ? list[from]! : NaN;
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

// The order of presses in a kept forecast run (forecast-index.ts): which press comes first, the
// earliest press at which a newest ticket of a lane would be chosen among the windows that may take
// it (after the bounds placed tickets put on them), and how many calls come before a press. Reads the run's windows; changes nothing in them.
import type { PlacedBounds } from './forecast-bounds.ts';
import { NO_BOUND, lowerBound, upperBound, type IndexWindow } from './forecast-window.ts';

export class PressOrder {
  /** The time of the press the last firstWin found (its window is what firstWin returned). */
  winAt = 0;
  /** Each window's phase (fixed for the run), in one typed array: compare reads it for two windows at every step, where reading it off the windows' objects missed the cache. */
  private readonly phases: Uint8Array;

  constructor(
    private readonly windows: readonly IndexWindow[],
    /** The placed tickets' bounds, and per window the services they are kept by. */
    private readonly bounds: PlacedBounds,
    private readonly servicesOfWindow: readonly (readonly number[])[],
  ) {
    this.phases = Uint8Array.from(windows, (w) => w.phase);
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
      const u = this.windows[i]!;
      const list = u.wins[l];
      if (!list) continue;
      const bw = this.bounds.latestOf(this.servicesOfWindow[i]!, l, this);
      const from = bw === NO_BOUND ? 0 : this.firstAfter(u, list, bw, this.bounds.latestAt);
      if (from >= list.length) continue;
      const at = list[from]!;
      if (bestW < 0 || this.compare(i, at, bestW, bestAt) < 0) {
        bestW = i;
        bestAt = at;
      }
    }
    this.winAt = bestAt;
    return bestW;
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

// The presses of a forecast run (forecast.ts) as it makes them, in arrays made once for the run,
// handed to each window (forecast-window.ts) when the run is done as its call times, and, when the
// kept run (forecast-index.ts) first places or probes a ticket or moves its presses, per lane as
// the times of its presses a newest ticket would win — each list made at its size.
//
// Why not push into each window's lists as the run goes: a run makes every window's five lists
// (calls and four lanes), and a list pushed into from empty is made for 17 numbers; on the clerks
// bench (bench/scale/clerks-alone.ts) a run follows every batch (every batch changes the learned
// service times), its issued tickets are looked up in it and nothing is placed in it, and those
// lists were a large share of its bytes, all of them work for the young-generation collector.
import { LANES } from '../config/schema.ts';
import type { IndexWindow } from './forecast-window.ts';

const LANE_COUNT = LANES.length;

export class PressLog {
  private readonly ws: Int32Array;
  private readonly ats: Float64Array;
  /** Per press: bits (1 << LANE_INDEX) of the lanes a newest ticket would win there. */
  private readonly wins: Uint8Array;
  /** Per press: 1 when it called a ticket (else the window dropped out there). */
  private readonly called: Uint8Array;
  private count = 0;

  /** `capacity`: the most presses the run makes (a call per waiting ticket and a drop-out per window). */
  constructor(capacity: number) {
    this.ws = new Int32Array(capacity);
    this.ats = new Float64Array(capacity);
    this.wins = new Uint8Array(capacity);
    this.called = new Uint8Array(capacity);
  }

  /** A press of window `w` at `at`; `wins`: the lanes a newest ticket would win there; `called`: whether it took a ticket. */
  add(w: number, at: number, wins: number, called: boolean): void {
    const k = this.count++;
    this.ws[k] = w;
    this.ats[k] = at;
    this.wins[k] = wins;
    this.called[k] = called ? 1 : 0;
  }

  /** Hands each window its call times, in press order, at their size. */
  callsInto(windows: readonly IndexWindow[]): void {
    const n = windows.length;
    // Counted first, then the places to write next.
    const callAt = new Int32Array(n);
    for (let k = 0; k < this.count; k++) callAt[this.ws[k]!]! += this.called[k]!;
    for (let i = 0; i < n; i++) windows[i]!.calls = doubles(callAt[i]!);
    callAt.fill(0);
    for (let k = 0; k < this.count; k++) {
      const i = this.ws[k]!;
      if (this.called[k]) windows[i]!.calls[callAt[i]!++] = this.ats[k]!;
    }
  }

  /** Hands each window, per lane it takes, the times of its presses a newest ticket of that lane would win, at their size. */
  winsInto(windows: readonly IndexWindow[]): void {
    const n = windows.length;
    const winAt = new Int32Array(n * LANE_COUNT);
    for (let k = 0; k < this.count; k++) {
      const i = this.ws[k]!;
      const bits = this.wins[k]!;
      for (let l = 0; l < LANE_COUNT; l++) if (bits & (1 << l)) winAt[i * LANE_COUNT + l]!++;
    }
    for (let i = 0; i < n; i++) {
      const w = windows[i]!;
      const wins = new Array<number[] | undefined>(LANE_COUNT).fill(undefined);
      for (const l of w.lanes) wins[l] = doubles(winAt[i * LANE_COUNT + l]!);
      w.wins = wins;
    }
    winAt.fill(0);
    for (let k = 0; k < this.count; k++) {
      const i = this.ws[k]!;
      const bits = this.wins[k]!;
      // Only the window's own lanes are ever set (IndexWindow.winsAt).
      for (let l = 0; l < LANE_COUNT; l++) if (bits & (1 << l)) windows[i]!.wins[l]![winAt[i * LANE_COUNT + l]!++] = this.ats[k]!;
    }
  }
}

/**
 * A list of `n` numbers, of that size and kind (doubles): copied from a kept one of the size,
 * because `new Array(n)` makes a list of small integers that the first time written to it is
 * made again for doubles, and one pushed into from empty is made for 17.
 */
function doubles(n: number): number[] {
  if (n === 0) return [];
  let kept = doublesOfSize[n];
  if (!kept) {
    if (n > MAX_KEPT) return new Array<number>(n).fill(0.5);
    kept = [0.5];
    for (let k = 1; k < n; k++) kept.push(0.5);
    doublesOfSize[n] = kept;
  }
  return kept.slice();
}
const MAX_KEPT = 256;
const doublesOfSize: number[][] = [];

// One window's part of a kept forecast run (forecast-index.ts): its calls, the presses at which a
// newest ticket of each lane would be chosen ("wins"), and how the run started it; with the
// per-lane tables and binary searches the index reads them by. (The bounds tickets placed since put
// on the wins are kept per service: forecast-bounds.ts.)
import { LANES } from '../config/schema.ts';
import type { WindowStart } from './forecast.ts';
import type { RunQueues } from './forecast-run-queues.ts';
import { chooseNext, waitedTooLong, type LaneHeads } from './lane-policy.ts';
import type { Lane, LanePolicy, Ticket, WindowConfig } from './types.ts';

/** A hypothetical newest ticket of each lane, to ask the rule whether it would be chosen. */
export const PROBES = LANES.map((lane) => ({ id: '~newest', lane, arrivedAt: Infinity, issuedAt: Infinity }) as Ticket);
/** A waiting ticket standing in for the real ones when the rule is asked which lane wins (asked at -Infinity: it has not waited). */
export const STAND_IN = { id: '~waiting', arrivedAt: 0, issuedAt: 0 } as Ticket;
/** Each lane's place in LANES: per-lane data is kept in arrays indexed by it. */
export const LANE_INDEX = Object.fromEntries(LANES.map((lane, i) => [lane, i])) as Record<Lane, number>;
/** No bound: the window index of a lane that holds none. */
export const NO_BOUND = -1;

/** One window's part of the run. */
export class IndexWindow {
  /** Times of its calls, in order (set when the run is done: PressLog). */
  calls!: number[];
  /** Per lane (LANE_INDEX) it takes: times of its presses at which a newest ticket of that lane would be chosen; undefined for lanes it does not take (set when the kept run first needs them: ForecastIndex.winsReady). */
  wins!: (number[] | undefined)[];
  /** The lanes it takes, as LANE_INDEX. */
  readonly lanes: readonly number[];
  /** Its lanes as bits (1 << LANE_INDEX). */
  readonly laneBits: number;
  /** When it drops out (its last press), and its elderly streak then. */
  dropAt = NaN;
  dropStreak = 0;
  /** 1: open, presses from `startAt`; 2: paused or closed, presses after every open window is done. */
  readonly phase: 1 | 2;
  /** When it first presses (open windows), and its elderly streak then: what the run read of the window's state. */
  startAt: number;
  readonly startStreak: number;

  constructor(
    readonly config: WindowConfig,
    readonly index: number,
    start: WindowStart,
  ) {
    this.phase = start.phase;
    this.startAt = start.freeAt;
    this.startStreak = start.streak;
    this.lanes = lanesOf(config);
    this.laneBits = bitsOf(this.lanes);
  }

  /** Its one press, a drop-out with nothing it may take (every lane a win), moves to `at`. */
  moveDrop(at: number): void {
    for (const l of this.lanes) this.wins[l]![0] = at;
    this.dropAt = at;
    if (this.phase === 1) this.startAt = at;
  }

  /** Every press of it `d` ms later. */
  shift(d: number): void {
    const calls = this.calls;
    for (let k = 0; k < calls.length; k++) calls[k]! += d;
    for (const l of this.lanes) {
      const list = this.wins[l]!;
      for (let k = 0; k < list.length; k++) list[k]! += d;
    }
    this.dropAt += d;
    if (this.phase === 1) this.startAt += d;
  }

  /** Whether its only press is a drop-out with nothing it may take. */
  get onlyDrops(): boolean {
    if (this.calls.length > 0) return false;
    for (const l of this.lanes) {
      const list = this.wins[l]!;
      if (list.length !== 1 || list[0] !== this.dropAt) return false;
    }
    return true;
  }

  /** The lanes (bits of LANE_INDEX) a newest ticket would win at the press `choose` last made. */
  pressWins = 0;

  /**
   * What this window's press takes, of what it sees (`queues`: the press it read; `oldest`: the
   * longest-waiting ticket there): chooseNext's choice, asked of the rule once per shape; and in
   * pressWins the lanes whose newest ticket the press would choose.
   */
  choose(queues: RunQueues, oldest: Ticket | undefined, streak: number, policy: LanePolicy, at: number): Ticket | undefined {
    if (!oldest) {
      this.pressWins = this.laneBits;
      return undefined;
    }
    // The rule reads the clock and the longest-waiting ticket only to call that one when it has waited
    // too long: then no newer ticket wins. Otherwise what it takes and who would win depend on which lanes wait and the streak.
    if (this.overdue(oldest, policy, at)) {
      this.pressWins = 0;
      return oldest;
    }
    const shape = this.shapeOf(queues.present, streak, policy);
    this.pressWins = shape & this.laneBits;
    return queues.firstOf((shape >> 8) - 1);
  }

  /**
   * Per shape of a press (streak × 16 + bits of the lanes waiting), asked of the rule once and
   * shared by every run (shapeCache): the lanes of this window a newest ticket would win (bits 0–7),
   * and 1 + the lane (LANE_INDEX) whose first ticket the rule takes (bits 8 on; 0: none).
   */
  private shapes?: Map<number, number>;

  private shapeOf(present: number, streak: number, policy: LanePolicy): number {
    const shapes = (this.shapes ??= shapeCache(this.config, policy));
    const key = streak * 16 + present;
    // The asking apart: its closures would otherwise be made at every call, a hit too (V8 makes a
    // function's closure context on entry), and a run asks at every press.
    return shapes.get(key) ?? this.askShape(shapes, key, present, streak, policy);
  }

  /** The lanes (bits of LANE_INDEX) a newest ticket would win at a press that sees the lanes `present` with elderly streak `streak`, none waited too long. */
  winningLanes(present: number, streak: number, policy: LanePolicy): number {
    return this.shapeOf(present, streak, policy) & 0xff;
  }

  /** Asked as at a press where one ticket waits in each lane present and none has waited long. */
  private askShape(shapes: Map<number, number>, key: number, present: number, streak: number, policy: LanePolicy): number {
    const waiting = LANES.filter((_, i) => present & (1 << i));
    // Which lane it takes: a stand-in of its own in each lane waiting.
    const taken = chooseNext({ first: new Map(waiting.map((l) => [l, PROBES[LANE_INDEX[l]]!])), oldest: STAND_IN }, this.config, streak, policy, -Infinity);
    // Which lanes a newest ticket would win: one of each lane not waiting, beside one waiting ticket in each lane that is.
    let lanes = 0;
    const first = new Map(waiting.map((l) => [l, STAND_IN]));
    const heads: LaneHeads = { first, oldest: STAND_IN };
    for (const l of this.lanes) {
      if (present & (1 << l)) continue;
      const probe = PROBES[l]!;
      first.set(probe.lane, probe);
      if (chooseNext(heads, this.config, streak, policy, -Infinity) === probe) lanes |= 1 << l;
      first.delete(probe.lane);
    }
    const shape = lanes | ((taken ? PROBES.indexOf(taken) + 1 : 0) << 8);
    shapes.set(key, shape);
    return shape;
  }

  /** Whether the rule calls `oldest` at this window at `at` because it has waited too long (then no newer ticket wins). */
  overdue(oldest: Ticket, policy: LanePolicy, at: number): boolean {
    return waitedTooLong(oldest, policy, at);
  }
}

/** The lanes a window takes, as LANE_INDEX: per config (never changed once loaded), not per run. */
function lanesOf(config: WindowConfig): readonly number[] {
  let lanes = lanesByWindow.get(config);
  if (!lanes) lanesByWindow.set(config, (lanes = (config.lanes ?? LANES).map((lane) => LANE_INDEX[lane])));
  return lanes;
}
const lanesByWindow = new WeakMap<WindowConfig, readonly number[]>();

/**
 * What a window's presses find per shape (the lanes a newest ticket wins, the lane taken from): they depend only on the window's config and
 * the hall's policy (neither changes once loaded; a new config is new objects), so every run of the
 * hall asks the rule once per shape, not once per run.
 */
function shapeCache(config: WindowConfig, policy: LanePolicy): Map<number, number> {
  let kept = shapesByWindow.get(config);
  if (kept?.policy !== policy) shapesByWindow.set(config, (kept = { policy, byShape: new Map() }));
  return kept.byShape;
}
const shapesByWindow = new WeakMap<WindowConfig, { policy: LanePolicy; byShape: Map<number, number> }>();

function bitsOf(lanes: readonly number[]): number {
  let bits = 0;
  for (const l of lanes) bits |= 1 << l;
  return bits;
}

/** The first index whose value is ≥ x. */
export function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is > x. */
export function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

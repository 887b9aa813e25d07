// A forecast run (forecast.ts) kept as an index, so that a ticket issued after the run is placed in
// it in O(windows × log calls) instead of a new run over the whole queue.
//
// Why that is exact. A newly issued ticket X arrived after every waiting ticket, so at a press it
// is either what the window would take anyway without it, or nothing changes: the run with X is
// the run without it up to the first press at which X is chosen. At a window that may take X, X
// is chosen exactly when no other ticket of X's lane that the window may take is waiting and the
// rule still prefers that lane there (no overdue, green, appointment, preferred or elderly-streak
// choice before it) — or when the window has nothing else left (it would drop out). The run
// records, per window and lane, the presses at which such a newest ticket would be chosen
// ("wins"); X is called at the earliest win over the windows that may take it.
// When that press is the window's drop-out (it had nothing left), the rest of the run is
// unchanged: the window calls X, is free one service later, and drops out then. Otherwise (X
// displaces a ticket the window took) the rest of the run changes: insert refuses and the caller
// runs it again. Until it is called, X holds its lane at the windows that may take it: their
// earlier wins for that lane are void ("bound").
//
// `ahead` is counted when read, from each window's call times: a ticket's press is (phase, time,
// window), phase 1 for open windows and 2 for the others, which press after all open ones.
//
// The run also records how it started each window (open or not, first press, elderly streak): a
// later change that leaves the queues as they were (a finish, a window paused, the clock moving
// on) is the same run exactly when every window starts as before, or took nothing and now presses
// no earlier (retime); anything else is a new run.
import { LANES } from '../config/schema.ts';
import type { Forecast, TicketForecast, WindowStart } from './forecast.ts';
import { byQueueOrder } from './queues.ts';
import { chooseNext, windowTakes, type LaneHeads } from './lane-policy.ts';
import type { HallConfig, Lane, LanePolicy, Ticket, WindowConfig } from './types.ts';

/** A press in the run: the window's index in the hall and the time. */
export interface PressKey {
  w: number;
  at: number;
}

export interface Called {
  ticket: Ticket;
  key: PressKey;
  /** The index version that added it (0: the run itself). */
  version: number;
}

/** A hypothetical newest ticket of each lane, to ask the rule whether it would be chosen. */
const PROBES = new Map<Lane, Ticket>(LANES.map((lane) => [lane, { id: '~newest', lane, arrivedAt: Infinity, issuedAt: Infinity } as Ticket]));
/** A waiting ticket standing in for the real ones when the rule is asked which lane wins (asked at -Infinity: it has not waited). */
const STAND_IN = { id: '~waiting', arrivedAt: 0, issuedAt: 0 } as Ticket;
/** Heads with the longest-waiting ticket only: the rule calls it then exactly when it has waited too long. */
const OLDEST_ONLY: LaneHeads = { first: new Map(), oldest: undefined };
const LANE_BIT = new Map<Lane, number>(LANES.map((lane, i) => [lane, 1 << i]));

/** One window's part of the run. */
export class IndexWindow {
  /** Times of its calls, in order. */
  readonly calls: number[] = [];
  /** Per lane it takes: times of its presses at which a newest ticket of that lane would be chosen. */
  readonly wins = new Map<Lane, number[]>();
  /** Per lane: wins up to this press are void (a ticket issued since waits in that lane until then). */
  readonly bound = new Map<Lane, PressKey>();
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
    for (const lane of config.lanes ?? LANES) this.wins.set(lane, []);
  }

  /** Its one press, a drop-out with nothing it may take (every lane a win), moves to `at`. */
  moveDrop(at: number): void {
    for (const list of this.wins.values()) list[0] = at;
    this.dropAt = at;
    if (this.phase === 1) this.startAt = at;
  }

  /** Whether its only press is a drop-out with nothing it may take. */
  get onlyDrops(): boolean {
    if (this.calls.length > 0) return false;
    for (const list of this.wins.values()) if (list.length !== 1 || list[0] !== this.dropAt) return false;
    return true;
  }

  /** Records the lanes whose newest ticket this press would choose (`heads`: what the window sees). */
  noteWins(heads: LaneHeads, streak: number, policy: LanePolicy, at: number): void {
    const oldest = heads.oldest;
    if (!oldest) {
      for (const list of this.wins.values()) list.push(at);
      return;
    }
    // The rule reads the clock and the longest-waiting ticket only to call that one when it has waited
    // too long: then no newer ticket wins. Otherwise who wins depends on which lanes wait and the streak.
    OLDEST_ONLY.oldest = oldest;
    const overdue = chooseNext(OLDEST_ONLY, this.config, streak, policy, at) === oldest;
    OLDEST_ONLY.oldest = undefined;
    if (overdue) return;
    let present = 0;
    for (const lane of heads.first.keys()) present |= LANE_BIT.get(lane)!;
    for (const lane of this.winningLanes(present, streak, policy)) this.wins.get(lane)!.push(at);
  }

  /** Per lanes waiting (bits of LANE_BIT) and streak: the lanes of this window a newest ticket would win. */
  private readonly winning = new Map<number, Lane[]>();

  /** Asked of the rule once per shape, as at a press where one ticket waits in each lane present and none has waited long. */
  private winningLanes(present: number, streak: number, policy: LanePolicy): Lane[] {
    const key = streak * 16 + present;
    let lanes = this.winning.get(key);
    if (!lanes) {
      lanes = [];
      const first = new Map(LANES.filter((l) => present & LANE_BIT.get(l)!).map((l) => [l, STAND_IN]));
      const heads: LaneHeads = { first, oldest: STAND_IN };
      for (const lane of this.wins.keys()) {
        if (present & LANE_BIT.get(lane)!) continue;
        const probe = PROBES.get(lane)!;
        first.set(lane, probe);
        if (chooseNext(heads, this.config, streak, policy, -Infinity) === probe) lanes.push(lane);
        first.delete(lane);
      }
      this.winning.set(key, lanes);
    }
    return lanes;
  }

}

export interface IndexParts {
  hall: HallConfig;
  seq: number;
  now: number;
  /** The expected service time per service the run used. */
  times: ReadonlyMap<string, number>;
  windows: IndexWindow[];
  /** When the open windows are done (the others press from then). */
  openEnd: number;
  called: Map<string, Called>;
  /** Waiting tickets no window may take. */
  leftover: Map<string, Ticket>;
}

export class ForecastIndex {
  readonly hall: HallConfig;
  /** The clock the run is for (retime moves it on). */
  now: number;
  readonly times: ReadonlyMap<string, number>;
  /** State version this index stands for. */
  seq: number;
  private version = 0;
  private readonly windows: IndexWindow[];
  private openEnd: number;
  /** openEnd as the run had it: the closed windows' press times were taken from it. */
  private runOpenEnd: number;
  private closedCalls: number;
  private readonly called: Map<string, Called>;
  private readonly leftover: Map<string, { ticket: Ticket; version: number }>;
  /** The latest arrival among the waiting tickets, and the tickets that arrived then. */
  private newest: { at: number; tickets: Ticket[] } = { at: -Infinity, tickets: [] };
  private lastView?: { version: number; seq: number; view: Forecast };
  /** The placed tickets of the latest instant, in order, with how to take each back. */
  private undos: { ticket: Ticket; undo: () => void }[] = [];

  constructor(p: IndexParts) {
    this.hall = p.hall;
    this.seq = p.seq;
    this.now = p.now;
    this.times = p.times;
    this.windows = p.windows;
    this.openEnd = this.runOpenEnd = p.openEnd;
    this.called = p.called;
    this.leftover = new Map([...p.leftover].map(([id, ticket]) => [id, { ticket, version: 0 }]));
    this.closedCalls = p.windows.reduce((n, w) => n + (w.phase === 2 ? w.calls.length : 0), 0);
    for (const c of this.called.values()) this.noteArrival(c.ticket);
    for (const l of this.leftover.values()) this.noteArrival(l.ticket);
  }

  /** Whether the run used these service times. */
  usesTimes(serviceMs: (serviceId: string) => number): boolean {
    for (const [id, ms] of this.times) if (serviceMs(id) !== ms) return false;
    return true;
  }

  /** The forecast of a ticket of `serviceId` and `lane` issued now (not in the run). */
  probe(serviceId: string, lane: Lane): TicketForecast {
    const takers = takersOf(this.hall, { serviceId, lane });
    const key = this.firstWin(takers, lane);
    if (!key) return { ahead: 0, callAt: null };
    return { ahead: this.aheadAt(takers, key), callAt: this.windows[key.w]!.phase === 1 ? key.at : null };
  }

  /**
   * Places a ticket issued after the run. False when the index cannot follow it (an older arrival,
   * a ticket of the same instant from the run itself after it, or it displaces a call): run again then.
   */
  insert(t: Ticket): boolean {
    if (t.front || t.targetWindowId !== undefined || t.arrivedAt < this.newest.at) return false;
    if (t.arrivedAt > this.newest.at || this.newest.tickets.every((u) => byQueueOrder(u, t) < 0)) return this.place(t);
    // Tickets of the same instant order by id: take back those placed after `t`, then place all in order.
    const later = this.newest.tickets.filter((u) => byQueueOrder(u, t) > 0);
    const undone = this.undos.slice(this.undos.length - later.length);
    if (undone.length !== later.length || !undone.every((u) => later.includes(u.ticket))) return false;
    for (const u of undone.reverse()) u.undo();
    this.undos.length -= later.length;
    return [t, ...later.sort(byQueueOrder)].every((u) => this.place(u));
  }

  /** Places `t`, the newest arrival; keeps how to take it back while tickets of its instant come. */
  private place(t: Ticket): boolean {
    const takers = takersOf(this.hall, t);
    const key = this.firstWin(takers, t.lane);
    const newest = { at: this.newest.at, tickets: this.newest.tickets.slice() };
    let undo: () => void;
    if (!key) {
      this.leftover.set(t.id, { ticket: t, version: ++this.version });
      undo = () => this.leftover.delete(t.id);
    } else {
      const w = this.windows[key.w]!;
      if (key.at !== w.dropAt) return false;
      const dropAt = key.at + (this.times.get(t.serviceId) ?? NaN);
      // A later end of the open windows moves every press of the closed ones: the rule reads the time.
      if (!Number.isFinite(dropAt) || (w.phase === 1 && dropAt > this.openEnd && this.closedCalls > 0)) return false;
      if (w.phase === 2 && this.openEnd !== this.runOpenEnd) return false;
      const bounds = takers.map((i) => [this.windows[i]!, this.windows[i]!.bound.get(t.lane)] as const);
      const undoCall = this.callAtDropOut(w, t, dropAt);
      for (const [u, b] of bounds) if (!b || this.compare(b, key) < 0) u.bound.set(t.lane, key);
      this.called.set(t.id, { ticket: t, key, version: ++this.version });
      undo = () => {
        this.called.delete(t.id);
        for (const [u, b] of bounds) {
          if (b) u.bound.set(t.lane, b);
          else u.bound.delete(t.lane);
        }
        undoCall();
      };
    }
    if (t.arrivedAt > this.newest.at) this.undos = [];
    this.noteArrival(t);
    this.undos.push({
      ticket: t,
      undo: () => {
        undo();
        this.newest = newest;
      },
    });
    return true;
  }

  /** Whether the ticket waits in the index (in the run or placed since). */
  has(id: string): boolean {
    return this.called.has(id) || this.leftover.has(id);
  }

  /**
   * Moves the index to the run of the same queues at `now` with the windows starting as `start` says,
   * when that run is this one but for presses that take nothing: every window starts as before, or
   * is open, took nothing, and now presses no earlier (the queues then hold no more than at its old
   * press: it takes nothing still, and nobody else's press changes); the closed windows, when none
   * of them takes anything, press when the open ones are done, wherever that moved. O(windows).
   * False, with the index untouched, when the run would change.
   */
  retime(now: number, start: (w: IndexWindow) => WindowStart): boolean {
    if (now < this.now) return false;
    const moves: [IndexWindow, number][] = [];
    // The open windows are done at their last drop-out (with none open: at once).
    let openEnd = -Infinity;
    for (const w of this.windows) {
      const s = start(w);
      if (s.phase !== w.phase || s.streak !== w.startStreak) return false;
      if (w.phase === 2) continue;
      if (s.freeAt !== w.startAt) {
        if (!w.onlyDrops || !(s.freeAt >= w.dropAt)) return false;
        moves.push([w, s.freeAt]);
      }
      openEnd = Math.max(openEnd, s.freeAt === w.startAt ? w.dropAt : s.freeAt);
    }
    if (openEnd === -Infinity) openEnd = now;
    // The closed windows pressed from the run's end of the open ones: when that moves, only drop-outs can follow it.
    const closed = openEnd === this.runOpenEnd ? [] : this.windows.filter((w) => w.phase === 2);
    if (closed.some((w) => !w.onlyDrops)) return false;
    for (const [w, at] of moves) w.moveDrop(at);
    for (const w of closed) w.moveDrop(openEnd);
    this.openEnd = this.runOpenEnd = openEnd;
    this.now = now;
    this.version++;
    // Taking back a placement restores the open windows' end as it was: not across a move.
    this.undos = [];
    return true;
  }

  /** A later state version that changed nothing the run reads (a ticket issued already called, say). */
  advance(seq: number): void {
    this.seq = seq;
  }

  /** The forecast as a map, as of now: later inserts do not show in it. */
  view(): Forecast {
    const v = this.lastView;
    if (v && v.version === this.version && v.seq === this.seq) return v.view;
    const view: Forecast = { seq: this.seq, now: this.now, tickets: new ForecastView(this, this.version, this.windows.map((w) => w.calls.length)) };
    this.lastView = { version: this.version, seq: this.seq, view };
    return view;
  }

  /** A ticket's forecast as of index version `version`, when each window had made `lengths` calls. */
  lookup(id: string, version: number, lengths: readonly number[]): TicketForecast | undefined {
    const c = this.called.get(id);
    if (c && c.version <= version) {
      return { ahead: this.aheadAt(takersOf(this.hall, c.ticket), c.key, lengths), callAt: this.windows[c.key.w]!.phase === 1 ? c.key.at : null };
    }
    const l = this.leftover.get(id);
    return l && l.version <= version ? { ahead: 0, callAt: null } : undefined;
  }

  /** The ids in the index as of version `version`. */
  *ids(version: number): IterableIterator<string> {
    for (const [id, c] of this.called) if (c.version <= version) yield id;
    for (const [id, l] of this.leftover) if (l.version <= version) yield id;
  }

  get size(): number {
    return this.called.size + this.leftover.size;
  }

  /** The drop-out press of `w` calls `t` instead; the window drops out one service later. Returns how to take it back. */
  private callAtDropOut(w: IndexWindow, t: Ticket, dropAt: number): () => void {
    const at = w.dropAt;
    const before = { dropStreak: w.dropStreak, openEnd: this.openEnd, closedCalls: this.closedCalls };
    const lost = new Set<Lane>();
    for (const [lane, list] of w.wins) {
      // The drop-out was a win for every lane; now `t` is there too: ask the rule again.
      if (lane !== t.lane && list[list.length - 1] === at) {
        const probe = PROBES.get(lane)!;
        const heads = { first: new Map<Lane, Ticket>([[t.lane, t], [lane, probe]]), oldest: t };
        if (chooseNext(heads, w.config, w.dropStreak, this.hall.policy, at) !== probe) {
          list.pop();
          lost.add(lane);
        }
      }
      list.push(dropAt);
    }
    w.calls.push(at);
    if (w.phase === 2) this.closedCalls++;
    else this.openEnd = Math.max(this.openEnd, dropAt);
    w.dropStreak = t.lane === 'elderly' ? w.dropStreak + 1 : 0;
    w.dropAt = dropAt;
    return () => {
      for (const [lane, list] of w.wins) {
        list.pop();
        if (lost.has(lane)) list.push(at);
      }
      w.calls.pop();
      w.dropAt = at;
      ({ dropStreak: w.dropStreak, openEnd: this.openEnd, closedCalls: this.closedCalls } = before);
    };
  }

  private noteArrival(t: Ticket) {
    if (t.arrivedAt > this.newest.at) this.newest = { at: t.arrivedAt, tickets: [t] };
    else if (t.arrivedAt === this.newest.at) this.newest.tickets.push(t);
  }

  /** Press order: open windows' presses first, then by time, then hall window order. */
  private compare(a: PressKey, b: PressKey): number {
    return this.windows[a.w]!.phase - this.windows[b.w]!.phase || a.at - b.at || a.w - b.w;
  }

  /** The earliest press among `takers` at which a newest ticket of `lane` would be chosen. */
  private firstWin(takers: readonly number[], lane: Lane): PressKey | undefined {
    let best: PressKey | undefined;
    for (const i of takers) {
      const u = this.windows[i]!;
      const list = u.wins.get(lane);
      if (!list) continue;
      const bound = u.bound.get(lane);
      const from = bound ? this.firstAfter(u, list, bound) : 0;
      if (from >= list.length) continue;
      const key = { w: i, at: list[from]! };
      if (!best || this.compare(key, best) < 0) best = key;
    }
    return best;
  }

  /** The first entry of `list` (times of presses at `u`) after the press `key`. */
  private firstAfter(u: IndexWindow, list: readonly number[], key: PressKey): number {
    const phase = this.windows[key.w]!.phase;
    if (phase !== u.phase) return phase < u.phase ? 0 : list.length;
    // Same time: u's press comes after key's when u is later in the hall's list.
    return u.index > key.w ? lowerBound(list, key.at) : upperBound(list, key.at);
  }

  /** Calls at the windows `takers` before the press `key` (counting `lengths[w]` calls of each window). */
  private aheadAt(takers: readonly number[], key: PressKey, lengths?: readonly number[]): number {
    const phase = this.windows[key.w]!.phase;
    let n = 0;
    for (const i of takers) {
      const u = this.windows[i]!;
      const calls = lengths ? lengths[i]! : u.calls.length;
      if (u.phase < phase) n += calls;
      else if (u.phase === phase) n += Math.min(calls, i < key.w ? upperBound(u.calls, key.at) : lowerBound(u.calls, key.at));
    }
    return n;
  }
}

/** The forecast's map of tickets: each entry counted when read. */
class ForecastView implements ReadonlyMap<string, TicketForecast> {
  readonly size: number;

  constructor(
    private readonly index: ForecastIndex,
    private readonly version: number,
    private readonly lengths: readonly number[],
  ) {
    this.size = index.size;
  }

  get(id: string): TicketForecast | undefined {
    return this.index.lookup(id, this.version, this.lengths);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  *entries(): MapIterator<[string, TicketForecast]> {
    for (const id of this.index.ids(this.version)) yield [id, this.get(id)!];
  }

  *keys(): MapIterator<string> {
    yield* this.index.ids(this.version);
  }

  *values(): MapIterator<TicketForecast> {
    for (const [, f] of this.entries()) yield f;
  }

  [Symbol.iterator](): MapIterator<[string, TicketForecast]> {
    return this.entries();
  }

  forEach(fn: (value: TicketForecast, key: string, map: ReadonlyMap<string, TicketForecast>) => void): void {
    for (const [id, f] of this.entries()) fn(f, id, this);
  }
}

/** Indexes of the windows that may take a ticket like `t`, per hall (the hall's config never changes). */
const takersCache = new WeakMap<HallConfig, Map<string, number[]>>();
export function takersOf(hall: HallConfig, t: Pick<Ticket, 'serviceId' | 'lane' | 'targetWindowId'>): readonly number[] {
  let byKey = takersCache.get(hall);
  if (!byKey) takersCache.set(hall, (byKey = new Map()));
  const key = `${t.serviceId}|${t.lane}|${t.targetWindowId ?? ''}`;
  let out = byKey.get(key);
  if (!out) {
    out = [];
    for (const [i, w] of hall.windows.entries()) if (windowTakes(w, t as Ticket)) out.push(i);
    byKey.set(key, out);
  }
  return out;
}

/** The first index whose value is ≥ x. */
function lowerBound(xs: readonly number[], x: number): number {
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
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

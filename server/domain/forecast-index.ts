// A forecast run (forecast.ts) kept as an index, so that a ticket issued after the run is placed in
// it in O(windows that may take it + log calls), with nothing allocated per window, instead of a
// new run over the whole queue.
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
import { byQueueOrder } from './queues.ts';
import type { Forecast, TicketForecast, WindowStart } from './forecast.ts';
import { ForecastView } from './forecast-view.ts';
import { takersFor, type Takers } from './forecast-takers.ts';
import { PressOrder } from './forecast-presses.ts';
import { PlacedBounds } from './forecast-bounds.ts';
import type { Placement } from './forecast-placement.ts';
import type { ForecastCalls } from './forecast-calls.ts';
import type { PressLog } from './forecast-press-log.ts';
import { IndexWindow, LANE_INDEX, NO_BOUND } from './forecast-window.ts';
import type { HallConfig, Lane, Ticket } from './types.ts';

export interface IndexParts {
  hall: HallConfig;
  seq: number;
  now: number;
  /** The expected service time per service the run used. */
  times: ReadonlyMap<string, number>;
  windows: IndexWindow[];
  /** When the open windows are done (the others press from then). */
  openEnd: number;
  called: ForecastCalls;
  /** The run's presses: the windows' calls are made from them (PressLog.callsInto), their wins when first needed (winsReady). */
  presses: PressLog;
  /** Waiting tickets no window may take. */
  leftover: Map<string, Ticket>;
  /** How much later (ms) every press could come before one of them finds its longest-waiting ticket overdue where it did not. */
  slack: number;
}

export class ForecastIndex {
  readonly hall: HallConfig;
  /** The clock the run is for (retime moves it on). */
  now: number;
  readonly times: ReadonlyMap<string, number>;
  private readonly timeIds: string[];
  private readonly timeMs: number[];
  /** How much later every press may come before the rule's one read of the clock (overdue) could choose otherwise at one of them. */
  private slack: number;
  /** Whether every time of the run is a whole number of ms (then moving them all on by whole ms is exact: sums of whole numbers below 2^53 are never rounded). */
  private wholeMs: boolean;
  /** State version this index stands for. */
  seq: number;
  private version = 0;
  private readonly windows: IndexWindow[];
  private readonly takers: Takers;
  private openEnd: number;
  /** openEnd as the run had it: the closed windows' press times were taken from it. */
  private runOpenEnd: number;
  private closedCalls: number;
  private readonly called: ForecastCalls;
  /** The run's presses until the windows' wins are made from them (most runs are replaced before anything reads a win). */
  private pressLog?: PressLog;
  private readonly leftover: Map<string, { ticket: Ticket; version: number }>;
  /** The latest arrival among the waiting tickets, and the tickets that arrived then. */
  private newestAt = -Infinity;
  private newestTickets: Ticket[] = [];
  private lastView?: { version: number; seq: number; view: Forecast };
  /** The placed tickets of the latest instant, in order, with how to take each back. */
  private undos: Placement[] = [];
  /** The placed tickets' bounds on the windows' wins, per service and lane. */
  private readonly bounds: PlacedBounds;
  /** Press order over the run's windows: the earliest win, calls ahead of a press. */
  private readonly presses: PressOrder;

  constructor(p: IndexParts) {
    this.hall = p.hall;
    this.seq = p.seq;
    this.now = p.now;
    this.times = p.times;
    this.timeIds = [...p.times.keys()];
    this.timeMs = [...p.times.values()];
    this.slack = p.slack;
    this.wholeMs = Number.isInteger(p.now) && this.timeMs.every(Number.isInteger) && p.windows.every((w) => w.phase === 2 || Number.isInteger(w.startAt));
    this.windows = p.windows;
    this.takers = takersFor(p.hall);
    this.bounds = new PlacedBounds(this.takers.services);
    this.presses = new PressOrder(p.windows, this.bounds, this.takers.servicesOfWindow);
    this.openEnd = this.runOpenEnd = p.openEnd;
    this.called = p.called;
    p.presses.callsInto(p.windows);
    this.pressLog = p.presses;
    this.leftover = new Map([...p.leftover].map(([id, ticket]) => [id, { ticket, version: 0 }]));
    this.closedCalls = p.windows.reduce((n, w) => n + (w.phase === 2 ? w.calls.length : 0), 0);
    // The newest instant first, then its tickets: noting them in run order made a new list at every later arrival.
    let newestAt = this.called.newestArrival();
    for (const l of this.leftover.values()) newestAt = Math.max(newestAt, l.ticket.arrivedAt);
    this.called.forEachTicket((t) => void (t.arrivedAt === newestAt && this.noteArrival(t)));
    for (const l of this.leftover.values()) if (l.ticket.arrivedAt === newestAt) this.noteArrival(l.ticket);
  }

  /** Whether the run used these service times. */
  usesTimes(serviceMs: (serviceId: string) => number): boolean {
    // Every read asks: over the service ids and times as arrays, with no iterator or entry per service.
    const ids = this.timeIds;
    for (let i = 0; i < ids.length; i++) if (serviceMs(ids[i]!) !== this.timeMs[i]) return false;
    return true;
  }

  /** The forecast of a ticket of `serviceId` and `lane` issued now (not in the run). */
  probe(serviceId: string, lane: Lane): TicketForecast {
    this.winsReady();
    const takers = this.takers.of(serviceId, lane);
    const w = this.presses.firstWin(takers, LANE_INDEX[lane]);
    if (w < 0) return { ahead: 0, callAt: null };
    const at = this.presses.winAt;
    return { ahead: this.presses.aheadAt(takers, w, at), callAt: this.windows[w]!.phase === 1 ? at : null };
  }

  /**
   * Places a ticket issued after the run. False when the index cannot follow it (an older arrival,
   * a ticket of the same instant from the run itself after it, or it displaces a call): run again then.
   */
  insert(t: Ticket): boolean {
    this.winsReady();
    if (t.front || t.targetWindowId !== undefined || t.arrivedAt < this.newestAt) return false;
    if (t.arrivedAt > this.newestAt || this.comesLast(t)) return this.place(t);
    // Tickets of the same instant order by id: take back those placed after `t`, then place all in order.
    // The placements kept (undos) are of this instant, in queue order: the later ones must be the last of them.
    let later = 0;
    for (const u of this.newestTickets) if (byQueueOrder(u, t) > 0) later++;
    const kept = this.undos.length;
    if (later > kept) return false;
    for (let k = kept - later; k < kept; k++) if (!(byQueueOrder(this.undos[k]!.ticket, t) > 0)) return false;
    const undone = this.undos.splice(kept - later);
    for (let k = undone.length - 1; k >= 0; k--) this.undo(undone[k]!);
    if (!this.place(t)) return false;
    for (const u of undone) if (!this.place(u.ticket)) return false;
    return true;
  }

  /** Whether `t`, of the newest instant, comes after every ticket of that instant in queue order. */
  private comesLast(t: Ticket): boolean {
    for (const u of this.newestTickets) if (byQueueOrder(u, t) >= 0) return false;
    return true;
  }

  /** Places `t`, the newest arrival; keeps how to take it back while tickets of its instant come. */
  private place(t: Ticket): boolean {
    // A new instant: the tickets before it are never taken back.
    if (t.arrivedAt > this.newestAt) this.forgetUndos();
    const lane = LANE_INDEX[t.lane];
    const takers = this.takers.of(t.serviceId, t.lane);
    const wi = this.presses.firstWin(takers, lane);
    const at = this.presses.winAt;
    const rec: Placement = {
      ticket: t,
      newestAt: this.newestAt,
      newestTickets: this.newestTickets,
      newestLength: this.newestTickets.length,
      w: wi,
      dropAt: NaN,
      dropStreak: 0,
      openEnd: this.openEnd,
      closedCalls: this.closedCalls,
      lost: 0,
      service: -1,
      boundW: NO_BOUND,
      boundAt: 0,
    };
    if (wi < 0) {
      this.leftover.set(t.id, { ticket: t, version: ++this.version });
    } else {
      const w = this.windows[wi]!;
      if (at !== w.dropAt) return false;
      const dropAt = at + (this.times.get(t.serviceId) ?? NaN);
      // A later end of the open windows moves every press of the closed ones: the rule reads the time.
      if (!Number.isFinite(dropAt) || (w.phase === 1 && dropAt > this.openEnd && this.closedCalls > 0)) return false;
      if (w.phase === 2 && this.openEnd !== this.runOpenEnd) return false;
      // Until it is called, `t` holds its lane at every window that may take it: the windows serving its service (forecast-bounds.ts).
      const s = this.takers.serviceIndex(t.serviceId);
      if (s < 0) return false;
      rec.service = s;
      rec.boundW = this.bounds.wOf(s, lane);
      rec.boundAt = this.bounds.atOf(s, lane);
      if (rec.boundW === NO_BOUND || this.presses.compare(rec.boundW, rec.boundAt, wi, at) < 0) this.bounds.set(s, lane, wi, at);
      this.callAtDropOut(w, t, dropAt, rec);
      this.called.place({ ticket: t, w: wi, at, version: ++this.version });
    }
    this.noteArrival(t);
    this.undos.push(rec);
    return true;
  }

  /** Takes back the placement `rec` (the latest one not taken back). */
  private undo(rec: Placement): void {
    const t = rec.ticket;
    if (rec.w < 0) this.leftover.delete(t.id);
    else {
      this.called.unplace(t.id);
      this.bounds.set(rec.service, LANE_INDEX[t.lane], rec.boundW, rec.boundAt);
      const w = this.windows[rec.w]!;
      for (const l of w.lanes) {
        const list = w.wins[l]!;
        list.pop();
        if (rec.lost & (1 << l)) list.push(rec.dropAt);
      }
      w.calls.pop();
      this.presses.sync(rec.w);
      w.dropAt = rec.dropAt;
      w.dropStreak = rec.dropStreak;
      this.openEnd = rec.openEnd;
      this.closedCalls = rec.closedCalls;
    }
    this.newestAt = rec.newestAt;
    this.newestTickets = rec.newestTickets;
    this.newestTickets.length = rec.newestLength;
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
    this.winsReady();
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
    for (const [w, at] of moves) this.moveDrop(w, at);
    for (const w of closed) this.moveDrop(w, openEnd);
    if (!Number.isInteger(openEnd) || moves.some(([, at]) => !Number.isInteger(at))) this.wholeMs = false;
    this.openEnd = this.runOpenEnd = openEnd;
    this.now = now;
    this.version++;
    // Taking back a placement restores the open windows' end as it was: not across a move.
    this.forgetUndos();
    return true;
  }

  /**
   * Moves the whole run on to `now` when that is the run of the same queues at `now`: every window
   * starts `now − this.now` later than the run had it (idle windows start at the clock), so every
   * press comes as much later, in the same order, and chooses as before while no longest-waiting
   * ticket it reads becomes overdue (slack, with a ms to spare for rounding of arrival times). Exact
   * when every time is whole ms. O(calls), no allocation. False, with the index untouched, otherwise.
   */
  shift(now: number, start: (w: IndexWindow) => WindowStart): boolean {
    this.winsReady();
    const d = now - this.now;
    if (!(d > 0) || !Number.isInteger(d) || !this.wholeMs || !(d < this.slack - 1)) return false;
    for (const w of this.windows) {
      const s = start(w);
      if (s.phase !== w.phase || s.streak !== w.startStreak || (w.phase === 1 && s.freeAt !== w.startAt + d)) return false;
    }
    for (const w of this.windows) w.shift(d);
    this.bounds.shift(d);
    this.presses.syncAll();
    this.called.shift(d);
    this.openEnd += d;
    this.runOpenEnd += d;
    this.slack -= d;
    this.now = now;
    this.version++;
    // Taking back a placement restores times as they were before the move.
    this.forgetUndos();
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
    const view: Forecast = { seq: this.seq, now: this.now, tickets: new ForecastView(this, this.version) };
    this.lastView = { version: this.version, seq: this.seq, view };
    return view;
  }

  /**
   * A ticket's forecast as of index version `version`. Its count reads the windows' calls as they are
   * now, and needs no copy of them as of then: a ticket placed later is called at the drop-out of a
   * window that had nothing left to take, so no window that may take this ticket (and would have
   * taken it before dropping out) calls a later ticket before it.
   */
  lookup(id: string, version: number): TicketForecast | undefined {
    const c = this.called.get(id);
    if (c && c.version <= version) {
      const { w, at } = c;
      return { ahead: this.presses.aheadAt(this.takers.ofTicket(c.ticket), w, at), callAt: this.windows[w]!.phase === 1 ? at : null };
    }
    const l = this.leftover.get(id);
    return l && l.version <= version ? { ahead: 0, callAt: null } : undefined;
  }

  /** The ids in the index as of version `version`. */
  *ids(version: number): IterableIterator<string> {
    yield* this.called.ids(version);
    for (const [id, l] of this.leftover) if (l.version <= version) yield id;
  }

  get size(): number {
    return this.called.size + this.leftover.size;
  }

  /** The drop-out press of `w` calls `t` instead; the window drops out one service later. Notes in `rec` what it changed. */
  private callAtDropOut(w: IndexWindow, t: Ticket, dropAt: number, rec: Placement): void {
    const at = w.dropAt;
    rec.dropAt = at;
    rec.dropStreak = w.dropStreak;
    const mine = LANE_INDEX[t.lane];
    // The drop-out was a win for every lane; now `t` is there too: the lanes whose newest ticket the rule still prefers.
    const policy = this.hall.policy;
    const overdue = w.overdue(t, policy, at);
    if (!overdue) this.slack = Math.min(this.slack, policy.maxWaitMinutes * 60_000 - (at - t.arrivedAt));
    const still = overdue ? 0 : w.winningLanes(1 << mine, w.dropStreak, policy);
    for (const l of w.lanes) {
      const list = w.wins[l]!;
      if (l !== mine && list[list.length - 1] === at && !(still & (1 << l))) {
        list.pop();
        rec.lost |= 1 << l;
      }
      list.push(dropAt);
    }
    w.calls.push(at);
    this.presses.sync(w.index);
    if (w.phase === 2) this.closedCalls++;
    else this.openEnd = Math.max(this.openEnd, dropAt);
    w.dropStreak = t.lane === 'elderly' ? w.dropStreak + 1 : 0;
    w.dropAt = dropAt;
  }

  /** Moves the only press of `w` (a drop-out) to `at`. */
  private moveDrop(w: IndexWindow, at: number): void {
    w.moveDrop(at);
    this.presses.sync(w.index);
  }

  /** Gives the windows their wins (the presses at which a newest ticket would be chosen), before anything reads or moves them. */
  private winsReady(): void {
    if (!this.pressLog) return;
    this.pressLog.winsInto(this.windows);
    this.pressLog = undefined;
    this.presses.syncAll();
  }

  private forgetUndos(): void {
    this.undos.length = 0;
  }

  private noteArrival(t: Ticket) {
    if (t.arrivedAt > this.newestAt) {
      this.newestAt = t.arrivedAt;
      this.newestTickets = [t];
    } else if (t.arrivedAt === this.newestAt) this.newestTickets.push(t);
  }
}

// What will happen if nobody new arrives: the one source of "people ahead" and of the wait estimate.
//
// It replays the lane policy — chooseNext, the very rule callNext uses, asked once per shape of a
// press (which lanes wait, the window's elderly streak: IndexWindow.choose) — on a scratch copy of the
// queues, as an event-driven run of the windows: each open window is free at `now` plus the
// expected remaining time of its current visitor; repeatedly the window that frees first (ties:
// hall window order) presses next at that instant, and is free again one expected service time of
// the called ticket's service later. A window with nothing it may take drops out (with no arrivals
// nothing comes back). When the open windows are done, the paused and closed windows press in hall
// order as if they had opened then: that ranks the tickets only they may take (no call time).
//
// For every waiting ticket:
//   ahead  = calls made before it, in that run, at windows that could take it (windowTakes);
//   callAt = the instant it is called, or null when no open window may take it.
// The run is kept as an index (forecast-index.ts): each window's call times and the presses at
// which a newly issued ticket would be called, so that a ticket issued later is placed in the run
// without running it again (Forecasts, forecasts.ts), and `ahead` is counted when asked.
// The live state is never touched: the run folds its own calls into a scratch state that shares
// the rest (queues.ts, ticket-table.ts).
import { ForecastIndex } from './forecast-index.ts';
import { RunQueues, type ChunkMemory } from './forecast-run-queues.ts';
import { ForecastCalls } from './forecast-calls.ts';
import { PressLog } from './forecast-press-log.ts';
import { IndexWindow } from './forecast-window.ts';
import { ticketById } from './ticket-table.ts';
import type { HallConfig, HallState, Ticket, WindowConfig } from './types.ts';

/**
 * Expected service time of one visitor of a service, ms; optionally, the expected remaining time of
 * the visitor at a window given how long they have been there (else the mean less the time elapsed).
 */
export type ServiceTimes = ((serviceId: string) => number) & { remainingMs?: (ticket: Ticket, windowId: string, now: number) => number };

export interface TicketForecast {
  /** Calls made before this ticket at windows that could take it. */
  ahead: number;
  /** When it is called (epoch ms), or null when no open window may take it. */
  callAt: number | null;
}

export interface Forecast {
  /** State version and clock it was made for. */
  seq: number;
  now: number;
  /** Every waiting ticket; each entry is counted when read, so look up the ones you show. */
  tickets: ReadonlyMap<string, TicketForecast>;
}

/** The configured average service time of each service. */
export function configuredServiceTimes(hall: HallConfig): ServiceTimes {
  const byId = new Map(hall.services.map((s) => [s.id, s.avgServiceMinutes * 60_000]));
  return (serviceId) => byId.get(serviceId) ?? 8 * 60_000;
}

export function isOpen(state: HallState, w: WindowConfig): boolean {
  return (state.windows[w.id]?.status ?? (w.openAtStart ? 'open' : 'closed')) === 'open';
}

/** All the run reads of a window, besides the queues: whether it is open, when it first presses, its elderly calls in a row. */
export interface WindowStart {
  /** 1: open, presses from `freeAt`; 2: paused or closed, presses after every open window is done. */
  phase: 1 | 2;
  freeAt: number;
  /** Elderly calls in a row (evolve's interleave count). */
  streak: number;
}

/** How `w` starts a run of `state` at `now`. */
export function windowStart(state: HallState, w: WindowConfig, now: number, serviceMs: ServiceTimes): WindowStart {
  // The current visitors' remaining times from `serviceMs` itself: its remainingMs hook, when it has one.
  return { phase: isOpen(state, w) ? 1 : 2, freeAt: freeAt(state, w, now, serviceMs), streak: state.windows[w.id]?.elderlyStreak ?? 0 };
}

/** The forecast of `state` at `now`, from a fresh run. */
export function forecast(state: HallState, hall: HallConfig, now: number, serviceMs: ServiceTimes): Forecast {
  return replay(state, hall, now, serviceMs).view();
}

/**
 * Runs the hall's next presses from `state` at `now` and keeps them as an index. `memory`: the queue
 * chunks the hall's last run read (forecast-run-queues.ts), kept by the caller for one hall's history.
 */
export function replay(state: HallState, hall: HallConfig, now: number, serviceMs: ServiceTimes, memory?: ChunkMemory): ForecastIndex {
  const times = new Map(hall.services.map((s) => [s.id, serviceMs(s.id)]));
  const ms = (serviceId: string) => times.get(serviceId) ?? serviceMs(serviceId);
  const n = hall.windows.length;
  const windows: IndexWindow[] = new Array(n);
  /** Elderly calls in a row per window (evolve's interleave count), carried on from the state's. */
  const streaks = new Int32Array(n);
  const active = new PressOrder(n);
  for (let i = 0; i < n; i++) {
    const config = hall.windows[i]!;
    const start = windowStart(state, config, now, serviceMs);
    windows[i] = new IndexWindow(config, i, start);
    streaks[i] = start.streak;
    active.freeAt[i] = start.freeAt;
  }
  active.reorder();
  const queues = new RunQueues(state, hall.windows, state.hallId === hall.id ? memory : undefined);
  const waiting = waitingIn(state);
  const called = new ForecastCalls(waiting);
  const presses = new PressLog(waiting + n);
  let lastAt = now;
  let openEnd: number | undefined;
  const maxWaitMs = hall.policy.maxWaitMinutes * 60_000;
  let slack = Infinity;
  for (;;) {
    const i = active.first();
    if (i < 0) break;
    const freeAt = active.freeAt[i]!;
    if (!Number.isFinite(freeAt)) {
      // The open windows are done: the others take over from then, as if they had just opened.
      openEnd = lastAt;
      active.startAll(lastAt);
      continue;
    }
    const at = (lastAt = freeAt);
    const w = windows[i]!;
    const oldest = queues.press(i, w.config);
    const streak = streaks[i]!;
    // The rule reads the clock only here (overdue): how much later this press could come and choose the same.
    const waited = oldest ? at - oldest.arrivedAt : -Infinity;
    if (waited < maxWaitMs) slack = Math.min(slack, maxWaitMs - waited);
    const t = w.choose(queues, oldest, streak, hall.policy, at);
    presses.add(i, at, w.pressWins, t !== undefined);
    if (!t) {
      w.dropAt = at;
      w.dropStreak = streak;
      active.dropFirst();
      continue;
    }
    called.addRun(t, i, at);
    // What evolve does for `ticket:called`: out of its queue, and the window's elderly count.
    queues.take(t);
    streaks[i] = t.lane === 'elderly' ? streak + 1 : 0;
    active.moveFirst(at + ms(t.serviceId));
  }
  return new ForecastIndex({ hall, seq: state.seq, now, times, windows, openEnd: openEnd ?? lastAt, called, presses, leftover: queues.leftover(), slack });
}

/** How many tickets wait in the state's queues (the most calls a run makes). */
function waitingIn(state: HallState): number {
  let n = 0;
  for (const key in state.queues) n += state.queues[key]!.size;
  return n;
}

function freeAt(state: HallState, w: WindowConfig, now: number, serviceMs: ServiceTimes): number {
  if (!isOpen(state, w)) return Infinity;
  const currentId = state.windows[w.id]?.currentTicketId;
  const current = currentId ? ticketById(state.tickets, currentId) : undefined;
  if (!current || (current.status !== 'called' && current.status !== 'serving')) return now;
  if (serviceMs.remainingMs) return now + serviceMs.remainingMs(current, w.id, now);
  const since = current.startedAt ?? current.calledAt ?? now;
  return now + Math.max(0, serviceMs(current.serviceId) - (now - since));
}

/**
 * The windows still pressing, the one that frees first on top (ties: the earlier in the hall's
 * list): a binary heap of window indexes over their free times, in typed arrays (no object per press).
 */
class PressOrder {
  /** When each window (by index in the hall) is free next. */
  readonly freeAt: Float64Array;
  private readonly heap: Int32Array;
  private size: number;

  constructor(windows: number) {
    this.freeAt = new Float64Array(windows);
    this.heap = new Int32Array(windows);
    for (let i = 0; i < windows; i++) this.heap[i] = i;
    this.size = windows;
  }

  /** The window that presses next, -1 when none is left. */
  first(): number {
    return this.size > 0 ? this.heap[0]! : -1;
  }

  /**
   * The first window is free again at `freeAt`. Bottom-up: the hole left at the top goes down to a
   * leaf by the earlier child (one comparison a level), then the window rises from there. A window
   * that has just pressed is free one service later, mostly after every other: it rises a level or
   * two, where sifting it down from the top took two comparisons at each of the heap's levels.
   */
  moveFirst(freeAt: number): void {
    const h = this.heap;
    const size = this.size;
    const w = h[0]!;
    this.freeAt[w] = freeAt;
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= size) break;
      const m = l + 1 < size && this.before(h[l + 1]!, h[l]!) ? l + 1 : l;
      h[k] = h[m]!;
      k = m;
    }
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.before(w, h[parent]!)) break;
      h[k] = h[parent]!;
      k = parent;
    }
    h[k] = w;
  }

  dropFirst(): void {
    this.size--;
    if (this.size === 0) return;
    this.heap[0] = this.heap[this.size]!;
    this.down(0);
  }

  /** Every window left is free at `at`. */
  startAll(at: number): void {
    for (let k = 0; k < this.size; k++) this.freeAt[this.heap[k]!] = at;
    this.reorder();
  }

  /** Restores the heap order after free times were set directly. */
  reorder(): void {
    for (let k = (this.size >> 1) - 1; k >= 0; k--) this.down(k);
  }

  private before(a: number, b: number): boolean {
    const fa = this.freeAt[a]!;
    const fb = this.freeAt[b]!;
    return fa < fb || (fa === fb && a < b);
  }

  private down(k: number) {
    const h = this.heap;
    const size = this.size;
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < size && this.before(h[l]!, h[m]!)) m = l;
      if (r < size && this.before(h[r]!, h[m]!)) m = r;
      if (m === k) return;
      const x = h[k]!;
      h[k] = h[m]!;
      h[m] = x;
      k = m;
    }
  }
}

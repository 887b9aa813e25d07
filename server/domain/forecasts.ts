// One hall's forecast, kept current as the hall changes: the status pages, the issue answer, the
// live events and the kiosk's estimate read one run of the lane policy (forecast.ts) instead of a
// run over the whole queue per state version or per ticket.
//
// The hall engine hands every event it folds to `observe`; what each does to the kept run:
// - a ticket issued as the newest arrival is placed in it (ForecastIndex.insert: O(windows that may take it + log calls));
// - a finish, no-show, start, recall, a called ticket's cancel, a window paused, resumed, opened or
//   closed leaves the queues as they were and changes at most how windows start: the next read
//   checks every window's start against the run's (ForecastIndex.retime, O(windows)) and keeps it
//   when the run is the same (a window that took nothing presses later, or nothing changed);
// - a waiting ticket cancelled before it was placed is just not placed;
// - anything else (a call, a waiting ticket's cancel, a transfer, a reactivation, a new day), a new
//   service-time estimate, or a window start the run cannot follow makes the next read run the
//   policy again over the queue. Why a call cannot be followed: it starts the calling window one
//   service later than the run had it (from the press, not from the run's clock), and that moves
//   presses past other windows' presses and so changes which ticket each one takes. (The learned
//   service times are handed in as published at most once a minute, server/metrics/published-times.ts,
//   not as they move at every call and release.) Nor is the common call the run's own press: on the
//   clerks bench's day (200 windows, each serving 3 of 20 services, 1,000 waiting) the run's first
//   press of the calling window took the called ticket in 9% of calls, because the idle windows all
//   press at the run's clock in hall order, so lower-numbered ones sharing a service take its head
//   first, while the clerk who presses takes it; and a finish, in the same batches, starts a window
//   that took tickets in the run some 8 minutes earlier, which no retime can follow either (a new
//   run after each of 30 batches of one finish). So a run is made cheap instead (forecast.ts).
// Reads on a later clock move the kept run on as well (retime), so its call times are of the
// clock read, not up to FORECAST_REUSE_MS old, whenever the run is the same then (no open window
// free with work waiting, no current visitor whose remaining time runs down with the clock), or
// move the whole run later (shift) when every window starts as much later (idle windows start at
// the clock) and no press's longest-waiting ticket becomes overdue by then: an idle hall issuing
// all day is not run again every FORECAST_REUSE_MS.
import type { StoredEvent } from './events.ts';
import { configuredServiceTimes, replay, windowStart, type Forecast, type ServiceTimes, type TicketForecast } from './forecast.ts';
import type { ForecastIndex } from './forecast-index.ts';
import type { ChunkMemory } from './forecast-run-queues.ts';
import type { IndexWindow } from './forecast-window.ts';
import { byQueueOrder } from './queues.ts';
import type { HallConfig, HallState, Lane, Ticket } from './types.ts';

/** A forecast is reused for reads within this many ms of the one it was made at (remaining service times run down). */
export const FORECAST_REUSE_MS = 5_000;

/** A read this many ms or more after the kept run's clock moves the run on to the read's clock when it can (O(windows)). */
export const RETIME_MS = 1_000;

/** Issued tickets held for the next read at most; past this the read runs again (nobody is reading). */
const MAX_PENDING = 5_000;

export class Forecasts {
  private times: ServiceTimes;
  private index?: ForecastIndex;
  private indexState?: HallState;
  /** Waiting tickets issued since the index's state, in log order; undefined after a change the index cannot follow. */
  private pending: Ticket[] | undefined;
  /** Seq of the last event `pending` covers. */
  private pendingSeq = 0;
  /** Whether an event since the index's state may have changed how a window starts (checked when read). */
  private windowsChanged = false;
  /** The index could not be moved on to a later clock: not tried again for it (it is reused until it is too old). */
  private stuck?: ForecastIndex;
  /** The queue chunks the last run read: the next run reuses the tickets of those a change copied (forecast-run-queues.ts). */
  private readonly chunks: ChunkMemory = new Map();
  /** Full runs of the lane policy so far (tests tell the kept run from a new one by it). */
  runs = 0;
  /** Reads that moved the kept run to a new clock or new window starts without running it (tests count them). */
  retimes = 0;
  /** Of those, the ones that moved the whole run later (every window starting as much later). */
  shifts = 0;

  constructor(readonly hall: HallConfig) {
    this.times = configuredServiceTimes(hall);
  }

  /** Expected service times (the metrics plug-in hands in recent means); the configured averages by default. */
  set serviceTimes(times: ServiceTimes) {
    this.times = times;
    this.index = undefined;
  }

  get serviceTimes(): ServiceTimes {
    return this.times;
  }

  /** An event the engine folded, in log order. */
  observe(event: StoredEvent): void {
    if (!this.index || !this.pending) return;
    if (event.seq !== this.pendingSeq + 1 || this.pending.length >= MAX_PENDING) return this.lose();
    this.pendingSeq = event.seq;
    switch (event.type) {
      case 'ticket:issued':
        if (event.data.ticket.status === 'waiting') this.pending.push(event.data.ticket);
        return;
      case 'ticket:cancelled':
        return this.cancelled(event.data.ticketId);
      case 'ticket:finished':
      case 'ticket:no-show':
      case 'ticket:started':
      case 'ticket:recalled':
      case 'window:opened':
      case 'window:resumed':
      case 'window:paused':
      case 'window:closed':
        this.windowsChanged = true;
        return;
      default:
        return this.lose();
    }
  }

  /** The forecast for every waiting ticket of `state` at `now`. */
  of(state: HallState, now: number): Forecast {
    return this.indexOf(state, now).view();
  }

  /** The forecast for a ticket of `serviceId` and `lane` taken now (a kiosk's button). */
  forNew(state: HallState, now: number, serviceId: string, lane: Lane = 'normal'): TicketForecast {
    return this.indexOf(state, now).probe(serviceId, lane);
  }

  private indexOf(state: HallState, now: number): ForecastIndex {
    const index = this.index;
    if (index && state.hallId === this.hall.id && now >= index.now && index.usesTimes(this.times)) {
      if (state === this.indexState || state.seq === index.seq) {
        if (this.onClock(index, state, now)) return index;
      } else if (state.seq < index.seq) {
        // An older state someone kept: answered apart, the kept run stays.
        if (now - index.now < FORECAST_REUSE_MS) {
          this.runs++;
          return replay(state, this.hall, now, this.times);
        }
      } else if (state.seq === this.pendingSeq && this.follow(index, state, now)) {
        this.indexState = state;
        return index;
      }
    }
    return this.rebuild(state, now);
  }

  /** The index of `state` brought to the clock `now`: moved on, or reused while not too old. */
  private onClock(index: ForecastIndex, state: HallState, now: number): boolean {
    if (now - index.now < RETIME_MS || (this.stuck !== index && this.retime(index, state, now))) return true;
    this.stuck = index;
    return now - index.now < FORECAST_REUSE_MS;
  }

  /** Follows the events since the index's state; false when one of them needs a new run. */
  private follow(index: ForecastIndex, state: HallState, now: number): boolean {
    if (!this.pending) return false;
    if (this.windowsChanged) {
      // The windows' starts changed: the run at the read's clock, else at the index's own, must be this one.
      if (!this.retime(index, state, now) && !(now - index.now < FORECAST_REUSE_MS && this.retime(index, state, index.now))) return false;
      this.windowsChanged = false;
    } else if (!this.onClock(index, state, now)) return false;
    return this.catchUp(index);
  }

  /** Moves the index to `state`'s window starts at `now`, when the run stays the same. */
  private retime(index: ForecastIndex, state: HallState, now: number): boolean {
    const start = (w: IndexWindow) => windowStart(state, w.config, now, this.times);
    // The same run with later presses that take nothing, or the whole run later (every window idle, say).
    if (!index.retime(now, start)) {
      if (!index.shift(now, start)) return false;
      this.shifts++;
    }
    this.retimes++;
    this.stuck = undefined;
    return true;
  }

  /** Places the tickets issued since the index's state; false when one of them needs a new run. */
  private catchUp(index: ForecastIndex): boolean {
    const pending = this.pending;
    if (!pending) return false;
    // In queue order: a group commit issues its tickets at one instant, which order by id, and a
    // ticket placed before one of its instant that comes earlier is taken back and placed again
    // (ForecastIndex.insert): in log order that was about half the batch again for every ticket.
    // The index ends the same whatever the order (insert keeps queue order), so only the work changes.
    if (pending.length > 1) pending.sort(byQueueOrder);
    for (let i = 0; i < pending.length; i++) {
      if (!index.insert(pending[i]!)) {
        this.pending = undefined;
        return false;
      }
    }
    // Emptied in place: a read per issue allocates no new list.
    pending.length = 0;
    index.advance(this.pendingSeq);
    return true;
  }

  /** A cancel: of a ticket issued since the index (not placed yet: it is not), of one the run holds (run again), or of a called one (its window is free). */
  private cancelled(ticketId: string): void {
    const i = this.pending!.findIndex((t) => t.id === ticketId);
    if (i >= 0) this.pending!.splice(i, 1);
    else if (this.index!.has(ticketId)) this.lose();
    else this.windowsChanged = true;
  }

  /** An event the index cannot follow: the next read runs the policy again. */
  private lose(): void {
    this.pending = undefined;
  }

  private rebuild(state: HallState, now: number): ForecastIndex {
    this.runs++;
    this.index = replay(state, this.hall, now, this.times, this.chunks);
    this.indexState = state;
    this.pending = [];
    this.pendingSeq = state.seq;
    this.windowsChanged = false;
    return this.index;
  }
}

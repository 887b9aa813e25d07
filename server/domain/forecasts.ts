// One hall's forecast, kept current as tickets are issued: the status pages, the issue answer, the
// live events and the kiosk's estimate read one run of the lane policy (forecast.ts) instead of a
// run over the whole queue per state version or per ticket.
//
// The hall engine hands every event it folds to `observe`. A ticket issued as the newest arrival
// is placed in the kept run (ForecastIndex.insert: O(windows × log calls)); anything else (a call,
// a finish, a window opening, a transfer, a reactivation), a new service-time estimate or a clock
// FORECAST_REUSE_MS further on makes the next read run the policy again over the queue.
import type { StoredEvent } from './events.ts';
import { configuredServiceTimes, replay, type Forecast, type ServiceTimes, type TicketForecast } from './forecast.ts';
import type { ForecastIndex } from './forecast-index.ts';
import type { HallConfig, HallState, Lane, Ticket } from './types.ts';

/** A forecast is reused for reads within this many ms of the one it was made at (remaining service times run down). */
export const FORECAST_REUSE_MS = 5_000;

/** Issued tickets held for the next read at most; past this the read runs again (nobody is reading). */
const MAX_PENDING = 5_000;

export class Forecasts {
  private times: ServiceTimes;
  private index?: ForecastIndex;
  private indexState?: HallState;
  /** Waiting tickets issued since the index's state, in log order; undefined after any other change. */
  private pending: Ticket[] | undefined;
  /** Seq of the last event `pending` covers. */
  private pendingSeq = 0;
  /** Full runs of the lane policy so far (tests tell the kept run from a new one by it). */
  runs = 0;

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
    if (event.seq !== this.pendingSeq + 1 || event.type !== 'ticket:issued' || this.pending.length >= MAX_PENDING) {
      this.pending = undefined;
      return;
    }
    this.pendingSeq = event.seq;
    if (event.data.ticket.status === 'waiting') this.pending.push(event.data.ticket);
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
    if (index && state.hallId === this.hall.id && now - index.now < FORECAST_REUSE_MS && now >= index.now && index.usesTimes(this.times)) {
      if (state === this.indexState || state.seq === index.seq) return index;
      if (state.seq < index.seq) {
        // An older state someone kept: answered apart, the kept run stays.
        this.runs++;
        return replay(state, this.hall, now, this.times);
      }
      if (state.seq === this.pendingSeq && this.catchUp(index)) {
        this.indexState = state;
        return index;
      }
    }
    return this.rebuild(state, now);
  }

  /** Places the tickets issued since the index's state; false when one of them needs a new run. */
  private catchUp(index: ForecastIndex): boolean {
    const pending = this.pending;
    if (!pending) return false;
    this.pending = [];
    for (const t of pending) if (!index.insert(t)) return false;
    index.advance(this.pendingSeq);
    return true;
  }

  private rebuild(state: HallState, now: number): ForecastIndex {
    this.runs++;
    this.index = replay(state, this.hall, now, this.times);
    this.indexState = state;
    this.pending = [];
    this.pendingSeq = state.seq;
    return this.index;
  }
}

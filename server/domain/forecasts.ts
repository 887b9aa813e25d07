// One hall's forecasts, kept so that a snapshot listing every waiting ticket, the status pages and
// the issue response share one replay per state version (and per few seconds, as current visitors'
// remaining times run down and tickets become overdue) instead of one replay per ticket.
import { configuredServiceTimes, forecast, type Forecast, type ServiceTimes, type TicketForecast } from './forecast.ts';
import type { HallConfig, HallState, Lane, Ticket } from './types.ts';

/** A forecast is reused for reads within this many ms of the same state version. */
export const FORECAST_REUSE_MS = 5_000;

export class Forecasts {
  private times: ServiceTimes;
  private last?: { key: string; forecast: Forecast };
  private probes = new Map<string, TicketForecast>();
  private probesKey = '';

  constructor(readonly hall: HallConfig) {
    this.times = configuredServiceTimes(hall);
  }

  /** Expected service times (the metrics plug-in hands in recent means); the configured averages by default. */
  set serviceTimes(times: ServiceTimes) {
    this.times = times;
    this.last = undefined;
    this.probes.clear();
  }

  get serviceTimes(): ServiceTimes {
    return this.times;
  }

  /** The forecast for every waiting ticket of `state` at `now`. */
  of(state: HallState, now: number): Forecast {
    const key = keyOf(state, now);
    if (this.last?.key !== key) this.last = { key, forecast: forecast(state, this.hall, now, this.times) };
    return this.last.forecast;
  }

  /** The forecast for a ticket of `serviceId` and `lane` taken now (a kiosk's button). */
  forNew(state: HallState, now: number, serviceId: string, lane: Lane = 'normal'): TicketForecast {
    const key = keyOf(state, now);
    if (this.probesKey !== key) {
      this.probesKey = key;
      this.probes.clear();
    }
    const probeKey = `${serviceId}|${lane}`;
    let out = this.probes.get(probeKey);
    if (!out) {
      const probe: Ticket = { id: '~new', hallId: this.hall.id, serviceId, lane, number: '', status: 'waiting', serviceDay: state.serviceDay ?? '', issuedAt: now, arrivedAt: now, recalls: 0 };
      out = forecast(state, this.hall, now, this.times, probe).tickets.get(probe.id)!;
      this.probes.set(probeKey, out);
    }
    return out;
  }
}

function keyOf(state: HallState, now: number): string {
  return `${state.hallId}|${state.seq}|${Math.floor(now / FORECAST_REUSE_MS)}`;
}

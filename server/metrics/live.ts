// Today's metrics, kept current with every event of the hall (never recomputed from the log per
// request): one MetricsFold, restarted when a new service day begins.
import type { StoredEvent } from '../domain/events.ts';
import { configuredServiceTimes } from '../domain/forecast.ts';
import { Forecasts } from '../domain/forecasts.ts';
import { waitingCounts } from '../domain/lane-policy.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { HallConfig, HallState, Ticket } from '../domain/types.ts';
import type { EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import { MetricsFold } from './day-fold.ts';
import { startOfLocalDay } from './days.ts';
import { estimateWait, INFLOW_WINDOW_MS, type Estimate, type RecentIssue } from './estimate.ts';
import type { LiveMetricsPayload } from './live-types.ts';
import { clerkRows, windowUsage } from './report.ts';
import { emptyTally, figuresOf } from './tally.ts';
import { ticketById } from '../domain/ticket-table.ts';

export const WAIT_BUCKETS_MINUTES = [0, 5, 10, 15, 20, 30, 45, 60];

export class LiveMetrics {
  fold: MetricsFold;
  /** Today's issued tickets in the estimator's inflow window, oldest first from `recentHead`, and counted alike per service, lane and target window. */
  private recent = new RecentIssues();

  /**
   * `forecasts`: the hall engine's, so that the people ahead every screen shows and this estimate
   * come from one replay; this fold hands it the recent service times.
   */
  constructor(
    readonly hall: HallConfig,
    readonly forecasts: Forecasts = new Forecasts(hall),
  ) {
    this.fold = new MetricsFold(hall);
    const configured = configuredServiceTimes(hall);
    forecasts.serviceTimes = (serviceId) => {
      const recent = this.fold.recentServiceMs(serviceId);
      return recent !== undefined && recent > 0 ? recent : configured(serviceId);
    };
  }

  /** Folds today's events already in the log (at start). */
  async load(store: EventStore, now: number): Promise<void> {
    const day = serviceDayOf(now, this.hall.timeZone);
    const events = await store.readRange(streams.hall(this.hall.id), startOfLocalDay(day, this.hall.timeZone), Number.MAX_SAFE_INTEGER);
    this.apply(events);
  }

  /** Events in log order; a new service day starts a new fold. Already folded events are skipped. */
  apply(events: readonly StoredEvent[]): void {
    let from = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.seq <= this.fold.seq) continue;
      if (e.type === 'day:started') {
        this.fold.apply(events.slice(from, i));
        this.fold = new MetricsFold(this.hall);
        this.fold.seq = e.seq - 1;
        this.recent = new RecentIssues();
        from = i;
      }
      if (e.type === 'ticket:issued' || e.type === 'ticket:transferred') this.recent.add(e.data.ticket);
    }
    this.fold.apply(events.slice(from));
  }

  private context(state: HallState, now: number) {
    return { hall: this.hall, state, now, serviceMs: this.forecasts.serviceTimes, recentIssues: this.recent.counted(now - INFLOW_WINDOW_MS) };
  }

  estimate(state: HallState, ticket: Ticket, now: number): Estimate {
    return estimateWait(this.context(state, now), ticket, this.forecasts.of(state, now).tickets.get(ticket.id));
  }

  /** Predicted wait for a ticket of `serviceId` and `lane` taken now. */
  estimateNew(state: HallState, serviceId: string, now: number, lane: Ticket['lane'] = 'normal'): Estimate {
    const phantom: Ticket = { id: '~new', hallId: this.hall.id, serviceId, lane, number: '', status: 'waiting', serviceDay: state.serviceDay ?? '', issuedAt: now, arrivedAt: now, recalls: 0 };
    return estimateWait(this.context(state, now), phantom, this.forecasts.forNew(state, now, serviceId, lane));
  }

  payload(state: HallState, now: number): LiveMetricsPayload {
    const r = this.fold.result(now);
    const waiting = waitingCounts(state, this.hall);
    const usage = new Map(windowUsage(this.hall, r).map((w) => [w.windowId, w]));
    const counts = WAIT_BUCKETS_MINUTES.map(() => 0);
    for (const ms of r.total.wait) {
      let i = WAIT_BUCKETS_MINUTES.length - 1;
      while (i > 0 && ms < WAIT_BUCKETS_MINUTES[i]! * 60_000) i--;
      counts[i]!++;
    }
    return {
      hallId: this.hall.id,
      serviceDay: state.serviceDay,
      timeZone: this.hall.timeZone,
      at: now,
      eventId: this.fold.seq,
      total: figuresOf(r.total),
      waitingTotal: Object.values(waiting).reduce((a, b) => a + b, 0),
      services: this.hall.services.map((s) => ({
        id: s.id,
        prefix: s.prefix,
        name: s.name,
        targetWaitMinutes: s.targetWaitMinutes,
        waiting: waiting[s.id] ?? 0,
        estimatedWaitMinutes: this.estimateNew(state, s.id, now).minutes,
        figures: figuresOf(r.groups.service[s.id] ?? emptyTally()),
      })),
      lanes: this.hall.lanes.map((lane) => ({ lane, ...figuresOf(r.groups.lane[lane] ?? emptyTally()) })),
      hours: Object.keys(r.groups.hour)
        .sort()
        .map((hour) => {
          const f = figuresOf(r.groups.hour[hour]!);
          return { hour, issued: f.issued, called: f.called, served: f.served, waitMean: f.wait.mean, zeroWaitRate: f.zeroWaitRate };
        }),
      windows: this.hall.windows.map((w) => {
        const ws = state.windows[w.id];
        const cur = ws?.currentTicketId ? ticketById(state.tickets, ws.currentTicketId) : undefined;
        const u = usage.get(w.id) ?? { windowId: w.id, number: w.number, calls: 0, served: 0, openMinutes: 0, busyMinutes: 0, idleMinutes: 0, utilisation: null };
        const out = { ...u, name: w.name, status: ws?.status ?? (w.openAtStart ? 'open' : 'closed') } as LiveMetricsPayload['windows'][number];
        if (cur && (cur.status === 'called' || cur.status === 'serving')) out.current = cur.number;
        return out;
      }),
      clerks: clerkRows(r),
      waitHistogram: { boundsMinutes: WAIT_BUCKETS_MINUTES, counts },
    };
  }
}


/**
 * The tickets issued since some time, counted alike (service, lane, target window): the estimate
 * reads one entry per kind, not one per ticket, however many were issued in the last half hour.
 */
class RecentIssues {
  private list: RecentIssue[] = [];
  private head = 0;
  private kinds = new Map<string, RecentIssue & { count: number }>();

  add(t: RecentIssue): void {
    this.list.push(t);
    const key = kindOf(t);
    const kind = this.kinds.get(key);
    if (kind) {
      kind.count++;
      kind.issuedAt = Math.max(kind.issuedAt, t.issuedAt);
    } else this.kinds.set(key, { id: '', serviceId: t.serviceId, lane: t.lane, targetWindowId: t.targetWindowId, issuedAt: t.issuedAt, count: 1 });
  }

  /** One entry per kind issued at `from` or later, with its count. */
  counted(from: number): readonly RecentIssue[] {
    while (this.head < this.list.length && this.list[this.head]!.issuedAt < from) {
      const key = kindOf(this.list[this.head++]!);
      const kind = this.kinds.get(key)!;
      if (--kind.count === 0) this.kinds.delete(key);
    }
    // Drop the passed entries now and then, not on every read.
    if (this.head > 1024 && this.head * 2 > this.list.length) {
      this.list = this.list.slice(this.head);
      this.head = 0;
    }
    return [...this.kinds.values()];
  }
}

function kindOf(t: RecentIssue): string {
  return `${t.serviceId}|${t.lane}|${t.targetWindowId ?? ''}`;
}

// Today's metrics, kept current with every event of the hall (never recomputed from the log per
// request): one MetricsFold, restarted when a new service day begins.
import type { StoredEvent } from '../domain/events.ts';
import type { TicketForecast } from '../domain/forecast.ts';
import { Forecasts } from '../domain/forecasts.ts';
import { waitingCounts } from '../domain/lane-policy.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { HallConfig, HallState, Lane, Ticket, WindowConfig } from '../domain/types.ts';
import type { EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import { MetricsFold } from './day-fold.ts';
import { KindTable } from './kind-table.ts';
import { startOfLocalDay } from './days.ts';
import { callRate, estimateOfKind, kindView, kindWindows, type Estimate, type EstimateContext, type KindView, type KindWindows } from './estimate.ts';
import { OvertakingShare } from './overtaking.ts';
import type { LiveMetricsPayload } from './live-types.ts';
import { clerkRows, windowUsage } from './report.ts';
import { ServiceTimeLearner } from './service-times.ts';
import { PublishedTimes } from './published-times.ts';
import { BreakLearner } from './breaks.ts';
import { emptyTally, figuresOf } from './tally.ts';
import { ticketById } from '../domain/ticket-table.ts';

export const WAIT_BUCKETS_MINUTES = [0, 5, 10, 15, 20, 30, 45, 60];

export class LiveMetrics {
  fold: MetricsFold;
  /** Today's expected service times, learned per event from the hall file's averages on. */
  private times: ServiceTimeLearner;
  /** Today's share of issued work per service and lane, for the tickets that overtake. */
  private overtaking: OvertakingShare;
  /** Today's break lengths, for when a paused window is back. */
  private breaks = new BreakLearner();
  /** What the forecast runs with: the learner's means as published at most once a minute of the hall's clock. */
  private readonly published: PublishedTimes;

  /**
   * `forecasts`: the hall engine's, so that the people ahead every screen shows and this estimate
   * come from one replay; this hands it the service times learned today (as published: published-times.ts).
   */
  constructor(
    readonly hall: HallConfig,
    readonly forecasts: Forecasts = new Forecasts(hall),
  ) {
    this.fold = new MetricsFold(hall);
    this.times = new ServiceTimeLearner(hall, this.serviceOfTicket);
    this.overtaking = new OvertakingShare(hall);
    this.published = new PublishedTimes(this.times);
    this.forecasts.serviceTimes = this.published.times;
    this.context = { hall, state: undefined as unknown as HallState, now: NaN, ...this.readers };
  }

  /** Folds today's events already in the log (at start). */
  async load(store: EventStore, now: number): Promise<void> {
    const day = serviceDayOf(now, this.hall.timeZone);
    const events = await store.readRange(streams.hall(this.hall.id), startOfLocalDay(day, this.hall.timeZone), Number.MAX_SAFE_INTEGER);
    this.apply(events);
  }

  /**
   * Events in log order; a new service day starts a new fold. Already folded events are skipped.
   * Each event goes to the fold before the learners: the service-time learner reads a called
   * ticket's service from the fold (serviceOfTicket).
   */
  apply(events: readonly StoredEvent[]): void {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.seq <= this.fold.seq) continue;
      if (e.type === 'day:started') {
        this.fold = new MetricsFold(this.hall);
        this.fold.seq = e.seq - 1;
        this.times = new ServiceTimeLearner(this.hall, this.serviceOfTicket);
        this.published.restart(this.times, e.at);
        this.overtaking = new OvertakingShare(this.hall);
        this.breaks = new BreakLearner();
      }
      this.fold.add(e);
      this.times.apply(e);
      this.published.onEvent(e.at);
      this.breaks.apply(e);
      if (e.type === 'ticket:issued' || e.type === 'ticket:transferred') {
        const t = e.data.ticket;
        this.overtaking.observe(t.serviceId, t.lane, this.times.serviceMs(t.serviceId), e.at);
      }
    }
  }

  /** The service of a ticket today's fold tracks, for today's learner (made once: a new day's learner gets it too). */
  private readonly serviceOfTicket = (ticketId: string) => this.fold.serviceOf(ticketId);

  /**
   * The estimate's readers of today's learners, made once (a closure per call cost more than the
   * reads): they look the learners up at each call, as a new day replaces them.
   */
  private readonly readers = {
    overtakingShare: (lane: Lane, windows: readonly WindowConfig[], at: number) => this.overtaking.share(lane, windows, at),
    pausedReturnsInMs: (since: number, at: number) => this.breaks.returnsInMs(since, at),
    windowCallMs: (w: WindowConfig) => this.times.windowMs(w.id, w.services),
    windowsCallRate: (windows: readonly WindowConfig[]) => this.callRateOf(windows),
    freePoints: (windows: readonly WindowConfig[], returnsMs: readonly number[], at: number, stretch: number, count: number) => this.times.freePoints(windows, returnsMs, at, stretch, count),
  };

  /** What kindView reads, the readers with the state and instant of the view being made (set then:
   * one object, not a spread of the readers per view). */
  private readonly context: EstimateContext;

  /** Summed call rates per window list (kept while the windows' states stay), good while today's
   * learned times are unchanged: an issue changes neither, and a hall may have hundreds of windows. */
  private callRates = new WeakMap<readonly WindowConfig[], { times: ServiceTimeLearner; revision: number; rate: number | undefined }>();

  private callRateOf(windows: readonly WindowConfig[]): number | undefined {
    const kept = this.callRates.get(windows);
    if (kept && kept.times === this.times && kept.revision === this.times.revision) return kept.rate;
    const rate = callRate(windows, this.readers.windowCallMs);
    this.callRates.set(windows, { times: this.times, revision: this.times.revision, rate });
    return rate;
  }

  /**
   * The estimate's view of the hall per kind of ticket (service, lane, target window), good for one
   * state, instant and last event folded: the issue answers, live events and status pages of that
   * moment all read it, and only a ticket's own forecast and arrival differ. Each kind's entry is
   * stamped with the `round` it was made in and overwritten in a later one (not a table cleared and
   * filled again at every issue batch, as each batch is a new state and seq).
   */
  private readonly views = { state: undefined as HallState | undefined, now: NaN, seq: -1, round: 0, byKind: new KindTable<{ round: number; view: KindView }>() };
  /**
   * The windows that may take each kind of ticket, good while every window keeps its status: they
   * depend on nothing else of the windows' states, which a call or a finish changes (its current
   * ticket) at every press. Kept, the lists also keep their call rates (callRates is by list).
   */
  private readonly kindWindows = { of: undefined as HallState['windows'] | undefined, statuses: [] as (string | undefined)[], byKind: new KindTable<KindWindows>() };

  private kindViewOf(state: HallState, ticket: Ticket, now: number): KindView {
    const views = this.views;
    if (views.state !== state || views.now !== now || views.seq !== this.fold.seq) {
      views.state = state;
      views.now = now;
      views.seq = this.fold.seq;
      views.round++;
    }
    const kept = views.byKind.get(ticket);
    if (kept?.round === views.round) return kept.view;
    const context = this.context;
    context.state = state;
    context.now = now;
    const view = kindView(context, ticket, this.windowsOf(state, ticket));
    if (kept) {
      kept.round = views.round;
      kept.view = view;
    } else views.byKind.set(ticket, { round: views.round, view });
    return view;
  }

  private windowsOf(state: HallState, ticket: Ticket): KindWindows {
    const cache = this.kindWindows;
    if (cache.of !== state.windows) {
      cache.of = state.windows;
      if (!this.keepStatuses(cache.statuses, state.windows)) cache.byKind.clear();
    }
    let windows = cache.byKind.get(ticket);
    if (!windows) {
      windows = kindWindows(this.hall, state, ticket);
      cache.byKind.set(ticket, windows);
    }
    return windows;
  }

  /** Writes each hall window's status (undefined: none yet) into `statuses`; true when none changed. */
  private keepStatuses(statuses: (string | undefined)[], windows: HallState['windows']): boolean {
    const hallWindows = this.hall.windows;
    let same = statuses.length === hallWindows.length;
    statuses.length = hallWindows.length;
    for (let i = 0; i < hallWindows.length; i++) {
      const status = windows[hallWindows[i]!.id]?.status;
      if (statuses[i] !== status) {
        statuses[i] = status;
        same = false;
      }
    }
    return same;
  }

  estimate(state: HallState, ticket: Ticket, now: number): Estimate {
    return this.estimateWith(state, ticket, now, this.forecasts.of(state, now).tickets.get(ticket.id));
  }

  /** Predicted wait for a ticket of `serviceId` and `lane` taken now. */
  estimateNew(state: HallState, serviceId: string, now: number, lane: Ticket['lane'] = 'normal'): Estimate {
    const phantom: Ticket = { id: '~new', hallId: this.hall.id, serviceId, lane, number: '', status: 'waiting', serviceDay: state.serviceDay ?? '', issuedAt: now, arrivedAt: now, recalls: 0 };
    return this.estimateWith(state, phantom, now, this.forecasts.forNew(state, now, serviceId, lane));
  }

  private estimateWith(state: HallState, ticket: Ticket, now: number, f: TicketForecast | undefined): Estimate {
    if (ticket.status !== 'waiting' || !f) return { minutes: 0, ms: 0, ahead: 0, windows: 0 };
    return estimateOfKind(this.hall, this.kindViewOf(state, ticket, now), ticket, f, now);
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

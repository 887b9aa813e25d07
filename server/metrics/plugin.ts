// The metrics plug-in: keeps a live fold per hall current with every event, serves the live
// figures, reports, wait estimates, Prometheus text and the manager's dashboard, pushes
// `metrics:updated` to dashboards on the admin-only socket.io namespace `/metrics`, and adds
// `estimatedWaitMinutes` to a ticket's issue response and public status.
import type { Context } from 'koa';
import type { Namespace } from 'socket.io';
import type { Ticket } from '../domain/types.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { LiveMetricsPayload, MetricsHandshakeAuth, MetricsServerToClientEvents } from './contract.ts';
import type { RealtimeGateway } from '../realtime/gateway.ts';
import type { Feature } from '../feature.ts';
import { dashboardRoutes } from '../../displays/metrics/dashboard/serve.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import { forbidden, unauthorized } from '../http/errors.ts';
import { bearerMatches } from '../http/security.ts';
import { addDays } from './days.ts';
import { LiveMetrics } from './live.ts';
import { HallPrometheus } from './prometheus.ts';
import { ReportSource } from './report-source.ts';
import { metricsOpenApiPaths, metricsRoutes } from './routes.ts';
import { ticketById } from '../domain/ticket-table.ts';
import type { HallRegistry } from '../engine/hall-registry.ts';
import type { AppDeps, RouteModule } from '../http/context.ts';
import type { Logger } from '../log.ts';
import client from 'prom-client';
import { registerOverloadMetrics } from './overload-metrics.ts';
import { registerSatisfactionGauges } from './satisfaction.ts';
import { periodExtras } from './period-extras.ts';

export interface MetricsPluginOptions {
  /** Least time between two `metrics:updated` pushes per hall, ms (events in between are folded, then sent once). */
  pushEveryMs?: number;
  /**
   * Closed days to fold into the report cache in the background after start (default 56: eight
   * weeks), so the first report over recent weeks does not pay for reading them; 0 turns it off.
   */
  prewarmDays?: number;
  /** Delay before the background prewarm starts, ms (default 10 s: after start-up traffic). */
  prewarmAfterMs?: number;
}

type MetricsNamespace = Namespace<Record<string, never>, MetricsServerToClientEvents>;

export function metricsPlugin(options: MetricsPluginOptions = {}): Feature {
  return {
    name: 'metrics',
    start: async ({ registry, deps, env, log, services }) => {
      // Rating figures (server/ratings), when that feature runs before this one.
      const satisfaction = services.optional('satisfaction');
      const engines = registry.all();
      const lives = new Map<string, LiveMetrics>();
      const prom = new HallPrometheus(engines, lives, deps.clockOffset && (() => deps.clockOffset?.reading()));
      registerOverloadMetrics(prom.registry, deps);
      const payloadOf = (engine: HallEngine) => {
        const p = lives.get(engine.hallId)!.payload(engine.current, engine.now());
        const sat = satisfaction?.today(engine.hallId);
        return sat ? { ...p, satisfaction: sat } : p;
      };
      const pusher = new MetricsPusher(payloadOf, options.pushEveryMs ?? 300);
      const offs = await followHalls(engines, registry.store, lives, prom, pusher);
      if (satisfaction) {
        registerSatisfactionGauges(client, prom.registry, engines.map((e) => e.hallId), satisfaction);
        for (const engine of engines) offs.push(satisfaction.onChange(engine.hallId, () => pusher.push(engine)));
      }
      const source = new ReportSource(registry.store, {
        now: () => engines[0]!.now(),
        today: (hallId) => {
          const engine = registry.get(hallId);
          return engine ? lives.get(hallId)?.fold.result(engine.now()) : undefined;
        },
      });
      const prewarm = prewarmPastDays(engines, source, options.prewarmDays ?? Number(env.METRICS_PREWARM_DAYS ?? 56), options.prewarmAfterMs ?? 10_000, log);

      return {
        hallRoutes: [
          metricsRoutes(lives, source, payloadOf, satisfaction, periodExtras({ satisfaction, applicationFigures: services.optional('applicationFigures'), assist: services.optional('assist'), caseDesk: services.optional('caseDesk') })),
        ],
        openApiPaths: metricsOpenApiPaths(),
        ticketHooks: { viewExtras: [waitEstimate(lives)] },
        rootRoutes: [prometheusRoute(prom, env), dashboardRoutes],
        health: [() => ({ metrics: { halls: [...lives.values()].map((l) => ({ hall: l.hall.id, eventId: l.fold.seq })) } })],
        attach(gateway: RealtimeGateway) {
          pusher.ns = metricsNamespace(gateway, registry, deps, payloadOf);
        },
        stop() {
          prewarm.stop();
          for (const off of offs) off();
          pusher.stop();
          prom.stop();
        },
      };
    },
  };
}

/** Sends `metrics:updated` to a hall's dashboards at most once per `everyMs`: events in between are folded, then sent once. */
class MetricsPusher {
  ns: MetricsNamespace | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly payloadOf: (engine: HallEngine) => LiveMetricsPayload,
    private readonly everyMs: number,
  ) {}

  push(engine: HallEngine) {
    if (!this.ns || this.timers.has(engine.hallId)) return;
    this.timers.set(
      engine.hallId,
      setTimeout(() => {
        this.timers.delete(engine.hallId);
        // Built only for a hall with a dashboard open (one that connects gets the payload then): it
        // costs a forecast, and on a busy day it held up calls to the displays when nobody watched.
        const room = `hall:${engine.hallId}`;
        if (this.ns?.adapter.rooms.get(room)?.size) this.ns.to(room).emit('metrics:updated', this.payloadOf(engine));
      }, this.everyMs),
    );
  }

  stop() {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.ns?.disconnectSockets(true);
    this.ns = undefined;
  }
}

/** One live fold per hall, kept current with every event; returns the unsubscribe functions. */
async function followHalls(engines: HallEngine[], store: Parameters<LiveMetrics['load']>[0], lives: Map<string, LiveMetrics>, prom: HallPrometheus, pusher: MetricsPusher) {
  const offs: (() => void)[] = [];
  for (const engine of engines) {
    const live = new LiveMetrics(engine.hall, engine.forecasts);
    lives.set(engine.hallId, live);
    // Subscribe before loading: events appended meanwhile are folded once (the fold skips seen seqs).
    offs.push(
      engine.onEvents((events, state) => {
        live.apply(events);
        prom.observe(events, state);
        pusher.push(engine);
      }),
    );
    await live.load(store, engine.now());
    // The learned times just handed to the forecast dropped the run made with the configured ones
    // (the notifications read one at their start): run it again now, at start, rather than in the
    // first append after it, where a big hall's run (50-100 ms at 10k waiting) held up every request.
    engine.forecast();
  }
  return offs;
}

/** The ticket hook adding `estimatedWaitMinutes` and `estimatedCallAt` to a waiting or called ticket. */
function waitEstimate(lives: Map<string, LiveMetrics>) {
  return (engine: HallEngine, ticket: Ticket) => {
    const live = lives.get(engine.hallId);
    if (!live || (ticket.status !== 'waiting' && ticket.status !== 'called')) return {};
    const now = engine.now();
    const e = live.estimate(engine.current, ticketById(engine.current.tickets, ticket.id) ?? ticket, now);
    return { estimatedWaitMinutes: e.minutes, estimatedCallAt: e.ms === null ? null : Math.round(now + e.ms) };
  };
}

/** Folds the closed days before today into the report cache in the background, one at a time. */
function prewarmPastDays(engines: HallEngine[], source: ReportSource, days: number, afterMs: number, log: Logger) {
  let closed = false;
  const run = async () => {
    for (const engine of engines) {
      const today = serviceDayOf(engine.now(), engine.hall.timeZone);
      // One day at a time, yielding in between, so requests are not held up.
      for (let i = days; i >= 1 && !closed; i--) {
        const day = addDays(today, -i);
        await source.day(engine.hall, day).catch((err) => {
          // A request for that day computes it again; a store closed at shutdown is no news.
          if (!closed) log.warn({ err, hall: engine.hallId, day }, 'pre-computing a past day failed');
        });
        await new Promise((r) => setImmediate(r));
      }
    }
  };
  const timer = days > 0 ? setTimeout(run, afterMs) : undefined;
  timer?.unref();
  return {
    stop() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function prometheusRoute(prom: HallPrometheus, env: Record<string, string | undefined>): RouteModule {
  return (router) => {
    router.get('/metrics', async (ctx) => {
      requireMetricsToken(ctx, env);
      ctx.type = prom.contentType;
      ctx.body = await prom.text();
    });
  };
}

/** The admin-only `/metrics` namespace: a dashboard joins its hall's room and gets the figures at once. */
function metricsNamespace(gateway: RealtimeGateway, registry: HallRegistry, deps: AppDeps, payloadOf: (engine: HallEngine) => LiveMetricsPayload): MetricsNamespace {
  const ns = gateway.io.of('/metrics') as unknown as MetricsNamespace;
  ns.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Partial<MetricsHandshakeAuth>;
    const engine = registry.get(auth.hall ?? registry.defaultHallId);
    if (!engine) return next(new Error('unknown_hall'));
    try {
      deps.auth.requireToken(auth.token, engine.hallId, ['admin']);
    } catch {
      return next(new Error('unauthorized'));
    }
    socket.data.hall = engine.hallId;
    next();
  });
  ns.on('connection', (socket) => {
    const engine = registry.get(socket.data.hall as string)!;
    void socket.join(`hall:${engine.hallId}`);
    socket.emit('metrics:updated', payloadOf(engine));
  });
  return ns;
}

/**
 * Who may scrape /metrics: with METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>`
 * (compared in constant time); without it, anyone in demo mode and nobody in production (the
 * figures and process details are not for the public internet; set METRICS_TOKEN to scrape).
 */
function requireMetricsToken(ctx: Context, env: Record<string, string | undefined>) {
  const token = env.METRICS_TOKEN;
  if (token) {
    if (!bearerMatches(ctx, token)) throw unauthorized('/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    return;
  }
  if (env.NODE_ENV === 'production') throw forbidden('metrics_token_required', '/metrics is off in production until METRICS_TOKEN is set');
}

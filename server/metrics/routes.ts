// HTTP routes of the metrics plug-in (hall-scoped: under /api and /api/halls/:hall).
//   GET /metrics/live                              today so far (admin)
//   GET /reports?from&to&groupBy&format            figures per group over a date range (admin)
//   GET /reports/summary?from&to                   the period summary a hall publishes (admin)
//   GET /estimates                                 predicted wait per service for a ticket taken now (public: kiosk)
import type Router from '@koa/router';
import { z } from 'zod';
import { serviceDayOf } from '../domain/service-day.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { dateSchema, queryRange } from '../http/dates.ts';
import { parse } from '../http/validate.ts';
import { DIMENSIONS, type Dimension } from './day-fold.ts';
import type { LiveMetrics } from './live.ts';
import { buildReport, periodSummary, reportCsv, type Report } from './report.ts';
import { hallReport, monthReport } from './cross-hall.ts';
import type { Context } from 'koa';
import type { ReportSource } from './report-source.ts';
import { satisfactionOfRow, type SatisfactionSource } from './satisfaction.ts';
import type { LiveMetricsPayload } from './live-types.ts';
import type { PeriodExtras } from './period-extras.ts';

/** Longest range one report may cover: two years of days (a half-year report is ~184). */
export const MAX_REPORT_DAYS = 731;

const rangeQuery = z.object({ from: dateSchema.optional(), to: dateSchema.optional() });
const reportQuery = rangeQuery.extend({
  groupBy: z.enum([...DIMENSIONS, 'month', 'hall']).default('day'),
  format: z.enum(['json', 'csv']).default('json'),
});

function rangeOf(engine: HallEngine, q: { from?: string; to?: string }) {
  const today = serviceDayOf(engine.now(), engine.hall.timeZone);
  return queryRange(
    q,
    (g) => {
      const to = g.to ?? g.from ?? today;
      return { from: g.from ?? to, to };
    },
    MAX_REPORT_DAYS,
  );
}

export function metricsRoutes(
  lives: ReadonlyMap<string, LiveMetrics>,
  source: ReportSource,
  payloadOf?: (engine: HallEngine) => LiveMetricsPayload,
  satisfaction?: SatisfactionSource,
  extras?: PeriodExtras,
) {
  const liveOf = (engine: HallEngine) => {
    const live = lives.get(engine.hallId);
    if (!live) throw notFound('unknown_hall', `no metrics for hall "${engine.hallId}"`);
    return live;
  };
  return (router: Router, deps: AppDeps) => {
    liveRoutes(router, deps, liveOf, payloadOf);
    reportRoutes(router, deps, source, satisfaction, extras);
    estimateRoutes(router, deps, liveOf);
  };
}

type LiveOf = (engine: HallEngine) => LiveMetrics;

/** GET /metrics/live: today so far (admin). */
function liveRoutes(router: Router, deps: AppDeps, liveOf: LiveOf, payloadOf: ((engine: HallEngine) => LiveMetricsPayload) | undefined) {
  router.get('/metrics/live', (ctx) => {
    const engine = hallOf(ctx, deps);
    deps.auth.require(ctx, engine.hallId, ['admin', 'manager']);
    ctx.set('cache-control', 'no-store');
    const live = liveOf(engine);
    ctx.body = payloadOf ? payloadOf(engine) : live.payload(engine.current, engine.now());
  });
}

/** GET /reports and /reports/summary: figures over a date range (admin). */
function reportRoutes(router: Router, deps: AppDeps, source: ReportSource, satisfaction: SatisfactionSource | undefined, extras: PeriodExtras | undefined) {
  router.get('/reports', async (ctx) => {
    const engine = hallOf(ctx, deps);
    const q = parse(reportQuery, ctx.query);
    const report = q.groupBy === 'hall' ? await acrossHalls(ctx, deps, source, satisfaction, q) : await oneHall(ctx, deps, engine, source, satisfaction, q);
    if (q.format === 'csv') {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('content-disposition', `attachment; filename="${report.hallId === '*' ? 'halls' : report.hallId}-${report.from}-${report.to}-by-${q.groupBy}.csv"`);
      // A BOM so spreadsheet programs read the Chinese labels as UTF-8.
      ctx.body = '\ufeff' + reportCsv(report);
      return;
    }
    ctx.body = report;
  });

  router.get('/reports/summary', async (ctx) => {
    const engine = hallOf(ctx, deps);
    deps.auth.require(ctx, engine.hallId, ['admin', 'manager']);
    const { from, to } = rangeOf(engine, parse(rangeQuery, ctx.query));
    const summary = periodSummary(engine.hall, await source.range(engine.hall, from, to, ['hour']), from, to);
    ctx.body = { ...summary, ...(await extras?.(engine, from, to)) };
  });
}

type ReportQuery = z.infer<typeof reportQuery>;

/** One hall's report, by one of the fold's dimensions or by month; satisfaction per row where rated. */
async function oneHall(ctx: Context, deps: AppDeps, engine: HallEngine, source: ReportSource, satisfaction: SatisfactionSource | undefined, q: ReportQuery): Promise<Report> {
  deps.auth.require(ctx, engine.hallId, ['admin', 'manager']);
  const { from, to } = rangeOf(engine, q);
  const dim = q.groupBy === 'month' ? 'day' : (q.groupBy as Dimension);
  const result = await source.range(engine.hall, from, to, [dim]);
  const byDim = buildReport(engine.hall, result, dim, from, to);
  const report = q.groupBy === 'month' ? monthReport(engine.hall, result, from, to, byDim) : byDim;
  // Ratings of the tickets finished in the range, per row (service, window, hour, day).
  const sat = await satisfaction?.range(engine.hallId, from, to);
  for (const row of [...report.groups, report.total]) {
    const f = satisfactionOfRow(sat, report.groupBy, row.key);
    if (f) row.satisfaction = f;
  }
  return report;
}

/** Every hall side by side (groupBy=hall): under plain /api, for a token that may read every hall's reports. */
async function acrossHalls(ctx: Context, deps: AppDeps, source: ReportSource, satisfaction: SatisfactionSource | undefined, q: ReportQuery): Promise<Report> {
  if ((ctx.params as Record<string, string | undefined>).hall) throw badRequest('hall_grouping_plain_api', 'groupBy=hall covers every hall: ask under /api, not /api/halls/:hall');
  const engines = deps.registry.all();
  for (const e of engines) deps.auth.require(ctx, e.hallId, ['admin', 'manager']);
  const { from, to } = rangeOf(engines[0]!, q);
  const halls = await Promise.all(engines.map(async (e) => ({ hall: e.hall, result: await source.range(e.hall, from, to, ['day']) })));
  const report = hallReport(halls, from, to);
  for (const row of report.groups) {
    const sat = await satisfaction?.range(row.key, from, to);
    if (sat) row.satisfaction = sat.total;
  }
  return report;
}

/** GET /estimates: predicted wait per service for a ticket taken now (public: kiosk). */
function estimateRoutes(router: Router, deps: AppDeps, liveOf: LiveOf) {
  router.get('/estimates', (ctx) => {
    const engine = hallOf(ctx, deps);
    const live = liveOf(engine);
    const now = engine.now();
    ctx.set('cache-control', 'no-store');
    ctx.body = {
      at: now,
      services: engine.hall.services.map((s) => {
        const e = live.estimateNew(engine.current, s.id, now);
        return { id: s.id, estimatedWaitMinutes: e.minutes, ahead: Math.ceil(e.ahead) };
      }),
    };
  });
}

/** The metrics routes in the OpenAPI document (the metrics feature contributes them). */
export function metricsOpenApiPaths(): Record<string, Record<string, unknown>> {
  const q = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  const admin = { security: [{ bearer: [] }] };
  const range = [q('from', 'first local date YYYY-MM-DD (default: to, or today)'), q('to', 'last local date YYYY-MM-DD, included (default: from, or today)')];
  return {
    '/api/metrics/live': {
      get: { summary: "Today's zero-wait figures so far (admin); also pushed as metrics:updated on the /metrics socket.io namespace", ...admin, responses: { 200: ok('LiveMetricsPayload'), 401: err('no token'), 403: err('not admin') } },
    },
    '/api/reports': {
      get: {
        summary: `Figures per group over a date range in the hall's time zone, with totals, window usage and clerks (admin; at most ${MAX_REPORT_DAYS} days)`,
        ...admin,
        parameters: [...range, q('groupBy', 'grouping: month sums a hall\'s days per local month; hall (under /api only, for a token valid in every hall) puts every hall side by side with the total over all', { enum: [...DIMENSIONS, 'month', 'hall'], default: 'day' }), q('format', 'json or csv (UTF-8 with BOM, a TOTAL row)', { enum: ['json', 'csv'], default: 'json' })],
        responses: { 200: ok('Report, or text/csv'), 400: err('bad date, range or grouping; hall_grouping_plain_api'), 401: err('no token'), 403: err('not admin (of every hall, for groupBy=hall)') },
      },
    },
    '/api/reports/summary': {
      get: {
        summary: 'The period summary a hall publishes: tickets received and completed, average wait, zero-wait rate, elderly, green channel, no-shows, busiest hour; with the features running: applications (received, completed, on time, free mailings, picked up), phone consultations, assist requests and answer times, 办不成事 cases, satisfaction (admin)',
        ...admin,
        parameters: range,
        responses: { 200: ok('PeriodSummary with zh and en text'), 400: err('bad date or range'), 401: err('no token'), 403: err('not admin') },
      },
    },
    '/api/estimates': {
      get: { summary: 'Predicted wait per service for a ticket taken now (public, for kiosks)', responses: { 200: ok('{at, services: [{id, estimatedWaitMinutes, ahead}]}') } },
    },
    '/metrics': {
      get: {
        summary:
          'Prometheus text: queue length per service, wait histogram, calls, zero-wait ratio, process metrics. With METRICS_TOKEN set it needs Authorization: Bearer <METRICS_TOKEN>; in production without METRICS_TOKEN it is off (403 metrics_token_required)',
        security: [{ bearer: [] }],
        responses: {
          200: { description: 'text/plain; version=0.0.4' },
          401: { description: 'METRICS_TOKEN is set and the request does not carry it' },
          403: { description: 'production without METRICS_TOKEN' },
        },
      },
    },
  };
}

// Ratings routes (hall-scoped: under /api and /api/halls/:hall).
//   GET  /tickets/:id/rating     may this ticket be rated, and how (public: the id is the QR's capability)
//   POST /tickets/:id/rating     rate it from the visitor's status page (with the key of the ticket's QR)
//   GET  /windows/:id/rating     the ticket its rating device may rate now (rater of that window, admin)
//   POST /windows/:id/rating     rate the ticket finished last at that window (rater of that window, admin)
//   GET  /ratings/report         counts per level and satisfaction rate, grouped, JSON or CSV (admin)
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { readJson } from '../http/body.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { queryRange } from '../http/dates.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { parse } from '../http/validate.ts';
import { SATISFACTION_DIMENSIONS } from '../metrics/satisfaction.ts';
import { LEVEL_LABELS, LEVELS } from './levels.ts';
import { findTicket, lastFinishedAt } from './ticket-lookup.ts';
import type { HallRatings } from './hall-ratings.ts';
import { reportCsv, ratingsReport } from './report.ts';
import { tallyRatings } from './figures.ts';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a valid id');
export const rateBody = z.object({
  level: z.enum(LEVELS),
  reasons: z.array(z.string().max(32)).max(12).default([]),
  comment: z.string().trim().max(500).optional(),
});
/** The visitor's form sends the ticket's rating key (the `k` of its QR link) with the rating. */
export const visitorRateBody = rateBody.extend({ key: z.string().max(64).optional() });
export const deviceRateBody = rateBody.extend({
  /** The ticket the device shows; refused when another has been finished at the window since. */
  ticketId: id.optional(),
});
export const reportQuery = z.object({
  groupBy: z.enum([...SATISFACTION_DIMENSIONS, 'level']).default('day'),
  format: z.enum(['json', 'csv']).default('json'),
});

/** Where a client may send the rating key instead of the body's `key`. */
export const RATING_KEY_HEADER = 'x-rating-key';

const options = (r: HallRatings) => ({
  levels: LEVELS.map((l) => ({ id: l, ...LEVEL_LABELS[l] })),
  reasons: r.config.reasons,
  windowHours: r.config.windowHours,
});

export function ratingRoutes(ratingsOf: (engine: HallEngine) => HallRatings) {
  return (router: Router, deps: AppDeps) => {

    router.get('/tickets/:id/rating', async (ctx) => {
      const engine = hallOf(ctx, deps);
      const r = ratingsOf(engine);
      const found = await findTicket(deps.registry.store, engine, parse(id, ctx.params.id), r.config.windowHours);
      if (!found) throw notFound('unknown_ticket', `no ticket "${ctx.params.id}"`);
      await r.desk.refresh();
      ctx.set('cache-control', 'no-store');
      ctx.body = { ticketNumber: found.ticket.number, ...r.status(found.ticket), ...options(r) };
    });

    router.post('/tickets/:id/rating', async (ctx) => {
      const engine = hallOf(ctx, deps);
      const r = ratingsOf(engine);
      const ticketId = parse(id, ctx.params.id);
      const { key, ...body } = parse(visitorRateBody, await readJson(ctx));
      const found = await findTicket(deps.registry.store, engine, ticketId, r.config.windowHours);
      if (!found) throw notFound('unknown_ticket', `no ticket "${ticketId}"`);
      // The id is public (live events, /api/state); only the visitor's QR carries the key.
      if (!deps.ticketKeys.matches(ticketId, key ?? ctx.get(RATING_KEY_HEADER)))
        throw forbidden('rating_key_wrong', '请扫描您号票上的二维码评价 · scan the QR on your ticket to rate');
      ctx.status = 201;
      ctx.body = await r.rate(found, { ...body, via: 'status' }, { role: 'visitor', name: 'visitor' }, ctx.state.log);
    });

    // Public, for the wall: the hall's rate today, only when the hall shows it (`ratings.showOnWall`).
    router.get('/ratings/today', (ctx) => {
      const engine = hallOf(ctx, deps);
      const r = ratingsOf(engine);
      ctx.set('cache-control', 'no-store');
      if (!r.config.showOnWall) {
        ctx.body = { enabled: false };
        return;
      }
      const t = tallyRatings(r.today(r.desk.now()), engine.hall.timeZone).total;
      ctx.body = { enabled: true, ratings: t.ratings, good: t.good, rate: t.rate };
    });

    router.get('/ratings/report', async (ctx) => {
      const engine = hallOf(ctx, deps);
      deps.auth.require(ctx, engine.hallId, ['admin']);
      const q = parse(reportQuery, ctx.query);
      const today = serviceDayOf(engine.now(), engine.hall.timeZone);
      const { from, to } = queryRange(ctx.query, (g) => ({ from: g.from ?? addDays(g.to ?? today, -30), to: g.to ?? today }), 731);
      const r = ratingsOf(engine);
      const tz = engine.hall.timeZone;
      const ratings = await r.finishedBetween(localToEpoch(from, 0, tz), localToEpoch(addDays(to, 1), 0, tz));
      const report = ratingsReport(engine.hall, ratings, q.groupBy, from, to);
      if (q.format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.set('content-disposition', `attachment; filename="${engine.hallId}-ratings-${from}-${to}-by-${q.groupBy}.csv"`);
        ctx.body = '\ufeff' + reportCsv(report);
        return;
      }
      ctx.body = report;
    });
  };
}

/** The rating device's routes: root routes under /api and /api/halls/:hall, so they are matched before
 * the core's `/windows/:id/:action` (as assist's window actions are). */
export function deviceRoutes(ratingsOf: (engine: HallEngine) => HallRatings) {
  return (router: Router, deps: AppDeps) => {
    const windowOf = (ctx: Context, engine: HallEngine) => {
      const windowId = parse(id, ctx.params.id);
      const p = deps.auth.require(ctx, engine.hallId, ['rater', 'admin']);
      const w = engine.hall.windows.find((x) => x.id === windowId);
      if (p.role === 'rater' && !p.windows.includes(windowId)) throw forbidden('wrong_window', `this rating device is for window ${p.windows.join(', ')}, not ${windowId}`);
      if (!w) throw notFound('unknown_window', `no window "${windowId}" in this hall`);
      return { w, p };
    };
    for (const prefix of ['/api', '/api/halls/:hall']) {
      router.get(`${prefix}/windows/:id/rating`, async (ctx) => {
        const engine = hallOf(ctx, deps);
        const { w } = windowOf(ctx, engine);
        const r = ratingsOf(engine);
        await Promise.all([r.desk.refresh(), engine.refresh()]);
        const t = lastFinishedAt(engine, w.id);
        ctx.set('cache-control', 'no-store');
        ctx.body = {
          window: { id: w.id, number: w.number, name: w.name },
          ticket: t ? { id: t.id, number: t.number, finishedAt: t.finishedAt, ...r.status({ ...t, finishedAt: t.finishedAt! }) } : null,
          ...options(r),
          idleSeconds: r.config.deviceIdleSeconds,
        };
      });

      router.post(`${prefix}/windows/:id/rating`, async (ctx) => {
        const engine = hallOf(ctx, deps);
        const { w, p } = windowOf(ctx, engine);
        const r = ratingsOf(engine);
        const body = parse(deviceRateBody, await readJson(ctx));
        await engine.refresh();
        const last = lastFinishedAt(engine, w.id);
        if (!last) throw new ApiError(409, 'nothing_to_rate', `no ticket has been finished at window ${w.number} today`);
        if (body.ticketId && body.ticketId !== last.id)
          throw new ApiError(409, 'not_last_finished', `another ticket has been finished at window ${w.number} since; rate ${last.number}`);
        const found = await findTicket(deps.registry.store, engine, last.id, r.config.windowHours);
        const { ticketId: _ticketId, ...rating } = body;
        ctx.status = 201;
        ctx.body = await r.rate(found!, { ...rating, via: 'device' }, { role: p.role, name: p.name }, ctx.state.log);
      });

    }
  };
}

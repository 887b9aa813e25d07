// GET /api/notifications?from&to: the send log (admin only): what was queued for whom (masked),
// sent, retried, given up or dropped by a limit, over local dates (default: today).
import type Router from '@koa/router';
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { queryRange } from '../http/dates.ts';
import { notFound } from '../http/errors.ts';
import type { HallNotifications } from './hall-notifications.ts';

export function notificationRoutes(of: (engine: HallEngine) => HallNotifications | undefined) {
  return (router: Router, deps: AppDeps) => {
    router.get('/notifications', async (ctx) => {
      const engine = hallOf(ctx, deps);
      deps.auth.require(ctx, engine.hallId, ['admin']);
      const n = of(engine);
      if (!n) throw notFound('no_notifications', `hall "${engine.hallId}" sends no notifications`);
      const tz = engine.hall.timeZone;
      const today = serviceDayOf(n.stream.now(), tz);
      const range = queryRange(ctx.query, (g) => ({ from: g.from ?? g.to ?? today, to: g.to ?? g.from ?? today }), 31);
      const rows = await n.sendLog(localToEpoch(range.from, 0, tz), localToEpoch(addDays(range.to, 1), 0, tz));
      ctx.body = { from: range.from, to: range.to, messages: rows };
    });
  };
}

// GET /api/staff/attendance: the attendance report (admin, manager), JSON or CSV.
import type Router from '@koa/router';
import { streams } from '../store/streams.ts';
import { z } from 'zod';
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { queryRange } from '../http/dates.ts';
import { parse } from '../http/validate.ts';
import { attendanceCsv, attendanceReport } from './attendance-report.ts';
import type { Staff } from './staff.ts';

export function attendanceRoutes(staff: Staff) {
  return (router: Router, deps: AppDeps) => {
    router.get('/staff/attendance', async (ctx) => {
      const engine = hallOf(ctx, deps);
      deps.auth.require(ctx, engine.hallId, ['admin', 'manager']);
      const tz = engine.hall.timeZone;
      const now = engine.now();
      const today = serviceDayOf(now, tz);
      const range = queryRange(ctx.query, (g) => ({ from: g.from ?? g.to ?? today, to: g.to ?? g.from ?? today }));
      const format = ctx.query.format === undefined ? 'json' : parse(z.enum(['json', 'csv']), ctx.query.format, 'format');
      const from = localToEpoch(range.from, 0, tz);
      const to = localToEpoch(addDays(range.to, 1), 0, tz);
      const att = staff.attendanceOf(engine.hallId);
      // A session of the first day may have begun before it: read from the day before.
      const [signs, hallEvents] = await Promise.all([deps.registry.store.readRange(att.stream, from - 86_400_000, to), deps.registry.store.readRange(streams.hall(engine.hallId), from, to)]);
      const rows = attendanceReport(signs, hallEvents, tz, now).filter((r) => r.date >= range.from && r.date <= range.to);
      if (format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.set('content-disposition', `attachment; filename="${engine.hallId}-${range.from}-${range.to}-attendance.csv"`);
        ctx.body = '\ufeff' + attendanceCsv(rows, tz);
        return;
      }
      ctx.body = { hallId: engine.hallId, from: range.from, to: range.to, rows };
    });
  };
}

// GET /api/records?company=&phone=&from=&to=: the admin's search of the record (the event log).
// Personal data is returned to the admin only, and never logged.
import type Router from '@koa/router';
import { z } from 'zod';
import { addDays, isDate, localToEpoch } from '../appointments/local-time.ts';
import type { BookingEvent } from '../appointments/types.ts';
import type { AssistEvent } from '../assist/types.ts';
import type { CaseEvent } from '../cases/types.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { badRequest } from '../http/errors.ts';
import { parse } from '../http/validate.ts';
import type { Stored } from '../engine/stream-engine.ts';
import { searchRecords } from './search.ts';

const query = z.object({
  company: z.string().trim().min(2, 'company: at least 2 characters').max(100).optional(),
  phone: z.string().trim().regex(/^\+?[0-9 -]{5,20}$/, 'phone: 5-20 digits').optional(),
  from: z.string().refine(isDate, 'from: YYYY-MM-DD').optional(),
  to: z.string().refine(isDate, 'to: YYYY-MM-DD').optional(),
});

/** The longest period one search reads, so a search cannot scan years of log at once. */
const MAX_DAYS = 366;

export function recordRoutes(router: Router, deps: AppDeps) {
  router.get('/records', async (ctx) => {
    const engine = hallOf(ctx, deps);
    deps.auth.require(ctx, engine.hallId, ['admin']);
    const q = parse(query, ctx.query);
    if (!q.company && !q.phone) throw badRequest('invalid_request', 'give a company or a phone number');
    const tz = engine.hall.timeZone;
    const today = serviceDayOf(engine.now(), tz);
    const fromDate = q.from ?? q.to ?? today;
    const toDate = q.to ?? today;
    if (toDate < fromDate) throw badRequest('invalid_request', 'to is before from');
    if (addDays(fromDate, MAX_DAYS) < toDate) throw badRequest('range_too_long', `search at most ${MAX_DAYS} days at once`);
    const from = localToEpoch(fromDate, 0, tz);
    const to = localToEpoch(addDays(toDate, 1), 0, tz);
    const store = deps.registry.store;
    const h = engine.hallId;
    const [hall, bookings, assist, cases] = await Promise.all([
      store.readRange(h, from, to),
      store.readRange(`${h}/bookings`, from, to),
      store.readRange(`${h}/assist`, from, to),
      store.readRange(`${h}/cases`, from, to),
    ]);
    const found = searchRecords(
      { company: q.company, phone: q.phone },
      {
        hall,
        bookings: bookings as unknown as Stored<BookingEvent>[],
        assist: assist as unknown as Stored<AssistEvent>[],
        cases: cases as unknown as Stored<CaseEvent>[],
      },
    );
    ctx.set('cache-control', 'no-store');
    ctx.body = { query: { company: q.company, phone: q.phone }, from: fromDate, to: toDate, ...found };
  });
}

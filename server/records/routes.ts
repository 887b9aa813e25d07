// GET /api/records?company=&phone=&idNumber=&from=&to=&limit=&cursor=: the admin's search of the record (the
// event log), a page at a time. A page reads the log one local day at a time from where the last
// page stopped, and stops once it has `limit` entries or has read MAX_DAYS_PER_PAGE days; `next`
// is the cursor of the following page (null at the end). Personal data is returned to the admin
// only, and never logged.
import type Router from '@koa/router';
import { z } from 'zod';
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { MAX_RANGE_DAYS, queryRange } from '../http/dates.ts';
import { badRequest } from '../http/errors.ts';
import { parse } from '../http/validate.ts';
import { hashIdNumber, validIdNumber } from '../http/visitor-id.ts';
import type { EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import { decodeCursor, encodeCursor, type RecordCursor } from './cursor.ts';
import { RecordScanner, type RecordEntry, type RecordStreams } from './search.ts';

const query = z.object({
  company: z.string().trim().min(2, 'company: at least 2 characters').max(100).optional(),
  phone: z.string().trim().regex(/^\+?[0-9 -]{5,20}$/, 'phone: 5-20 digits').optional(),
  idNumber: z.string().trim().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Days one page reads at most, so a search that finds little still answers quickly. */
export const MAX_DAYS_PER_PAGE = 31;

/** The four streams' events of one local day. */
async function readDay(store: EventStore, engine: HallEngine, day: string): Promise<RecordStreams> {
  const tz = engine.hall.timeZone;
  const from = localToEpoch(day, 0, tz);
  const to = localToEpoch(addDays(day, 1), 0, tz);
  const h = engine.hallId;
  const [hall, bookings, assist, cases] = await Promise.all([
    store.readRange(streams.hall(h), from, to),
    store.readRange(streams.bookings(h), from, to),
    store.readRange(streams.assist(h), from, to),
    store.readRange(streams.cases(h), from, to),
  ]);
  return { hall, bookings, assist, cases };
}

export function recordRoutes(router: Router, deps: AppDeps) {
  router.get('/records', async (ctx) => {
    const engine = hallOf(ctx, deps);
    deps.auth.require(ctx, engine.hallId, ['admin']);
    const q = parse(query, { company: ctx.query.company, phone: ctx.query.phone, idNumber: ctx.query.idNumber, limit: ctx.query.limit });
    if (!q.company && !q.phone && !q.idNumber) throw badRequest('invalid_request', 'give a company, a phone number or an ID number');
    // Events keep only the keyed hash of an ID number (server/http/visitor-id.ts): search by it.
    const idHash = q.idNumber ? hashIdNumber(deps.idHashKey, validIdNumber(q.idNumber, new Date(engine.now()), engine.hall.timeZone).idNumber) : undefined;
    const today = serviceDayOf(engine.now(), engine.hall.timeZone);
    const range = queryRange(ctx.query, (g) => ({ from: g.from ?? g.to ?? today, to: g.to ?? today }), MAX_RANGE_DAYS);
    const cursor: RecordCursor = ctx.query.cursor === undefined ? { day: range.from, skip: 0, carry: { bookings: [], requests: [], cases: [] } } : decodeCursor(ctx.query.cursor);
    if (cursor.day < range.from || cursor.day > range.to) throw badRequest('invalid_cursor', 'cursor: not from a search over this period');

    const scanner = new RecordScanner({ company: q.company, phone: q.phone, idHash }, cursor.carry);
    const entries: RecordEntry[] = [];
    let next: RecordCursor | null = null;
    let day = cursor.day;
    let skip = cursor.skip;
    for (let read = 0; day <= range.to; read++, day = addDays(day, 1), skip = 0) {
      if (read === MAX_DAYS_PER_PAGE) {
        next = { day, skip: 0, carry: scanner.carry() };
        break;
      }
      const carryAtStart = scanner.carry();
      const found = scanner.scan(await readDay(deps.registry.store, engine, day)).slice(skip);
      const room = q.limit - entries.length;
      entries.push(...found.slice(0, room));
      if (found.length > room) {
        next = { day, skip: skip + room, carry: carryAtStart };
        break;
      }
    }
    ctx.set('cache-control', 'no-store');
    ctx.body = {
      query: { company: q.company, phone: q.phone },
      from: range.from,
      to: range.to,
      visitors: scanner.visitors(),
      entries,
      next: next && encodeCursor(next),
    };
  });
}

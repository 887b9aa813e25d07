// The optional cap on walk-in numbers per hour (appointments.onSiteCapPerHour): with bookings
// keeping the hall uncrowded, the kiosk and desk may not hand out more than N normal/elderly numbers
// in one local clock hour. Green-channel and appointment tickets are never capped.
import type Router from '@koa/router';
import type { Context, Next } from 'koa';
import { Readable } from 'node:stream';
import { localHourOf, serviceDayOf } from '../domain/service-day.ts';
import type { HallState } from '../domain/types.ts';
import type { AppDeps } from '../http/context.ts';
import { BODY_LIMIT_BYTES } from '../http/body.ts';
import { BookingError } from './errors.ts';

const CAPPED_LANES = new Set(['normal', 'elderly']);

/** Walk-in tickets issued in the local hour holding `now`. Pure. */
export function walkInsThisHour(state: HallState, timeZone: string, now: number): number {
  const day = serviceDayOf(now, timeZone);
  const hour = localHourOf(now, timeZone);
  let n = 0;
  for (const t of Object.values(state.tickets))
    if (CAPPED_LANES.has(t.lane) && !t.transferredFrom && serviceDayOf(t.issuedAt, timeZone) === day && localHourOf(t.issuedAt, timeZone) === hour) n++;
  return n;
}

/**
 * Runs in front of the core POST /tickets route. It peeks at the lane in the body and hands the
 * same bytes on (the core route reads the request stream itself). Two issues racing for the last
 * walk-in number may both pass: this is a rate cap, not an exact capacity like bookings.
 */
export function onSiteCapRoutes(router: Router, deps: AppDeps) {
  const guard = async (ctx: Context, next: Next) => {
    const engine = deps.registry.get((ctx.params as Record<string, string>).hall ?? deps.registry.defaultHallId);
    const cap = engine?.hall.appointments?.onSiteCapPerHour;
    if (!engine || cap === undefined) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      chunks.push(chunk);
      if (size > BODY_LIMIT_BYTES) break; // the core route answers 413 from content-length / its own count
    }
    const raw = Buffer.concat(chunks);
    ctx.req = Object.assign(Readable.from(raw.length ? [raw] : []), { headers: ctx.req.headers }) as unknown as typeof ctx.req;
    let lane = 'normal';
    try {
      const body = JSON.parse(raw.toString('utf8') || '{}') as { lane?: unknown };
      if (typeof body.lane === 'string') lane = body.lane;
    } catch {
      return next(); // bad JSON: the core route gives its 400
    }
    if (CAPPED_LANES.has(lane) && walkInsThisHour(engine.current, engine.hall.timeZone, engine.now()) >= cap) {
      const e = new BookingError('on_site_cap_reached', `this hall issues at most ${cap} walk-in numbers an hour; please book an appointment or come back next hour`);
      ctx.status = e.status;
      ctx.body = { error: { code: e.code, message: e.message } };
      return;
    }
    return next();
  };
  router.post('/api/tickets', guard);
  router.post('/api/halls/:hall/tickets', guard);
}

// GET /api/queue?service=<id>[,<id>…]&cursor=&limit=: the waiting tickets of one or more services, a
// page at a time, in arrival order (server/domain/waiting-page.ts), for consoles that list a whole
// queue (the clerk console, the triage desk). Public like the snapshot: tickets carry no visitor data.
// `next` is the cursor of the following page, or null at the end; it stays valid while tickets are
// issued and called, so every ticket waiting from the first page to the last is listed exactly once.
import type Router from '@koa/router';
import { z } from 'zod';
import { publicTicket } from '../../domain/public-view.ts';
import { waitingPage, type ArrivalKey } from '../../domain/waiting-page.ts';
import { hallOf, type AppDeps } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { parse } from '../validate.ts';

export const QUEUE_PAGE_MAX = 200;

const query = z.object({
  service: z.string().min(1, 'service: give one or more service ids, comma separated').max(1000),
  limit: z.coerce.number().int().min(1).max(QUEUE_PAGE_MAX).default(50),
  cursor: z.string().max(300).optional(),
});

const cursorSchema = z.tuple([z.number().int().min(0), z.number().int().min(0), z.string().min(1).max(100)]);

export function encodeQueueCursor(k: ArrivalKey): string {
  return Buffer.from(JSON.stringify([k.arrivedAt, k.issuedAt, k.id])).toString('base64url');
}

export function decodeQueueCursor(text: string): ArrivalKey {
  const bad = () => badRequest('invalid_cursor', 'cursor: not a cursor this queue gave out');
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw bad();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw bad();
  const [arrivedAt, issuedAt, id] = parsed.data;
  return { arrivedAt, issuedAt, id };
}

export function queueRoutes(router: Router, deps: AppDeps) {
  router.get('/queue', (ctx) => {
    const engine = hallOf(ctx, deps);
    const q = parse(query, { service: ctx.query.service, limit: ctx.query.limit, cursor: ctx.query.cursor });
    const services = [...new Set(q.service.split(','))];
    for (const s of services) if (!engine.hall.services.some((x) => x.id === s)) throw notFound('unknown_service', `no service "${s}"`);
    const after = q.cursor === undefined ? undefined : decodeQueueCursor(q.cursor);
    const state = engine.current;
    const page = waitingPage(state, services, after, q.limit);
    const forecast = page.tickets.length ? engine.forecast() : undefined;
    ctx.body = {
      hallId: engine.hallId,
      eventId: state.seq,
      services,
      tickets: page.tickets.map((t) => publicTicket(state, engine.hall, t, forecast)),
      next: page.next ? encodeQueueCursor(page.next) : null,
    };
  });
}

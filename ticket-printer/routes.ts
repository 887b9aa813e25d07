// Ticket printers: status for the triage console, reprint, and the ticket as an HTML page.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { readJson } from '../server/http/body.ts';
import { hallOf, type AppDeps, type RouteModule } from '../server/http/context.ts';
import { ApiError, notFound } from '../server/http/errors.ts';
import { findTicket } from '../server/http/routes/tickets.ts';
import { parse } from '../server/http/validate.ts';
import { materialsFor, type KnowledgeBase } from '../server/kb/knowledge-base.ts';
import { deskOf, printable, printAt, type Printing } from './hall-printing.ts';
import { renderTicketHtml } from './html.ts';
import { ticketLayout, statusUrl } from './layout.ts';

export const reprintBody = z.object({ printer: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional() });

export function printerRoutes(printing: Printing, kb: KnowledgeBase | undefined): RouteModule {
  return (router: Router, deps: AppDeps) => {
    router.get('/printers', (ctx) => {
      const engine = hallOf(ctx, deps);
      deps.auth.require(ctx, engine.hallId, ['triage', 'kiosk', 'admin']);
      ctx.body = { printers: printing.forHall(engine.hallId)?.pool.statuses() ?? [] };
    });

    router.post('/tickets/:id/print', async (ctx) => {
      const engine = hallOf(ctx, deps);
      deps.auth.require(ctx, engine.hallId, ['triage', 'kiosk', 'admin']);
      const body = parse(reprintBody, await readJson(ctx));
      const ticket = findTicket(engine, ctx.params.id!);
      const p = printing.forHall(engine.hallId);
      if (!p) throw new ApiError(409, 'no_printer', 'printing is not set up on this server');
      let desk = deskOf(ctx, p.tokens, p.auth)!;
      if (body.printer) {
        const chosen = p.pool.statuses().find((s) => s.id === body.printer);
        if (!chosen) throw notFound('unknown_printer', `no printer "${body.printer}"`);
        desk = chosen.desk;
      }
      const outcome = printAt(p, ticket, desk, true);
      if (!outcome.queued) throw new ApiError(409, 'no_printer', outcome.message);
      ctx.status = 202;
      ctx.body = outcome;
    });

    router.get('/tickets/:id/ticket.html', async (ctx) => {
      const engine = hallOf(ctx, deps);
      const ticket = findTicket(engine, ctx.params.id!);
      const { ticket: t, estimatedWaitMinutes } = printable(engine, ticket, printing.forHall(engine.hallId));
      const layout = ticketLayout({
        hall: engine.hall,
        ticket: t,
        statusUrl: statusUrl(engine.hall.publicUrl ?? deps.publicUrl, ticket.id, mayShowKey(ctx, deps, engine.hallId, ticket.id) ? deps.ticketKeys.keyOf(ticket.id) : undefined),
        materials: materialsFor(ticket.serviceId, engine.hall, kb),
        ...(estimatedWaitMinutes !== undefined ? { estimatedWaitMinutes } : {}),
      });
      ctx.type = 'html';
      ctx.body = await renderTicketHtml(layout, `${ticket.number} · ${engine.hall.name.zh}`);
    });
  };
}

/**
 * The page is public (anyone with the id), so its QR carries the rating key only for who already has
 * it (`?k=`, the visitor) or a desk that prints tickets; anyone else sees the plain status link.
 */
function mayShowKey(ctx: Context, deps: AppDeps, hallId: string, ticketId: string): boolean {
  if (deps.ticketKeys.matches(ticketId, ctx.query.k)) return true;
  try {
    return deps.auth.require(ctx, hallId, ['triage', 'kiosk', 'admin']) !== undefined;
  } catch {
    return false;
  }
}

/** OpenAPI paths of the printer routes, merged into /api/openapi.json. */
export function printerOpenApiPaths(): Record<string, Record<string, unknown>> {
  const errorRef = { $ref: '#/components/schemas/Error' };
  const err = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });
  const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
  const secured = [{ bearer: [] }];
  return {
    '/api/printers': {
      get: {
        summary: 'Ticket printers of the hall: {printers: [{id, desk, url, state: online|offline|error, jobsWaiting, lastError, printed}]} (triage, kiosk, admin)',
        security: secured,
        responses: { 200: ok('printers'), 401: err('no or unknown token'), 403: err('wrong role') },
      },
    },
    '/api/tickets/{id}/print': {
      post: {
        summary: "Reprint a ticket at the caller's desk printer, or at `printer`; queued, printed when the printer is ready",
        security: secured,
        parameters: id,
        requestBody: { content: { 'application/json': { schema: z.toJSONSchema(reprintBody, { io: 'input' }) } } },
        responses: {
          202: ok('{queued: true, printer, jobId, status}'),
          401: err('no or unknown token'),
          403: err('wrong role'),
          404: err('unknown ticket or printer'),
          409: err('no printer for this desk'),
        },
      },
    },
    '/api/tickets/{id}/ticket.html': {
      get: {
        summary: 'The ticket as an HTML page, same layout as the printed one',
        parameters: id,
        responses: { 200: { description: 'HTML', content: { 'text/html': {} } }, 404: err('unknown ticket') },
      },
    },
  };
}

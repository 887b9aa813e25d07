// Ticket printers: status for the triage console, reprint, and the ticket as an HTML page.
import type Router from '@koa/router';
import { z } from 'zod';
import { ticketLayout, statusUrl } from '../../../ticket-printer/layout.ts';
import { renderTicketHtml } from '../../../ticket-printer/html.ts';
import { deskOf, printable, printAt, printingFor } from '../../../ticket-printer/hall-printing.ts';
import { readJson } from '../body.ts';
import { hallOf, type AppDeps } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { findTicket } from './tickets.ts';
import { parse } from '../validate.ts';

const reprintBody = z.object({ printer: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional() });

export function printerRoutes(router: Router, deps: AppDeps) {
  router.get('/printers', (ctx) => {
    const engine = hallOf(ctx, deps);
    deps.auth.require(ctx, engine.hallId, ['triage', 'kiosk', 'admin']);
    ctx.body = { printers: printingFor(engine)?.pool.statuses() ?? [] };
  });

  router.post('/tickets/:id/print', async (ctx) => {
    const engine = hallOf(ctx, deps);
    deps.auth.require(ctx, engine.hallId, ['triage', 'kiosk', 'admin']);
    const body = parse(reprintBody, await readJson(ctx));
    const ticket = findTicket(engine, ctx.params.id!);
    const p = printingFor(engine);
    if (!p) throw new ApiError(409, 'no_printer', 'printing is not set up on this server');
    let desk = deskOf(ctx, p.tokens)!;
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
    const { ticket: t, estimatedWaitMinutes } = printable(engine, ticket);
    const layout = ticketLayout({
      hall: engine.hall,
      ticket: t,
      statusUrl: statusUrl(engine.hall.publicUrl ?? deps.publicUrl, ticket.id),
      ...(estimatedWaitMinutes !== undefined ? { estimatedWaitMinutes } : {}),
    });
    ctx.type = 'html';
    ctx.body = await renderTicketHtml(layout, `${ticket.number} · ${engine.hall.name.zh}`);
  });
}

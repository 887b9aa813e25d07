// Ticket printing in the server: a printer pool per hall (config `printers`, plus ONEWINDOW_PRINTER
// for the default hall's triage desk), the `print: true` hook on POST /api/tickets, reprint, the
// printers' status for /healthz and the triage console, and the HTML ticket view.
import { printerRoutes } from '../server/http/routes/printers.ts';
import { ticketExtras } from '../server/http/context.ts';
import type { ServerPlugin } from '../server/server.ts';
import { deskOf, printAt, printingFor, registerPrinting, unregisterPrinting, type HallPrinting } from './hall-printing.ts';
import { PrinterPool, type PrinterPoolOptions } from './printers.ts';

/** `options` tune the print queues (retry back-off, status probe interval); defaults suit a hall. */
export function ticketPrinterPlugin(options: PrinterPoolOptions = {}): ServerPlugin {
  return ({ registry, deps, env }) => {
    const halls: HallPrinting[] = registry.all().map((engine) => {
      // ONEWINDOW_PRINTER is the demo's triage-desk printer: it applies to the default hall only.
      const pool = PrinterPool.fromHall(engine.hall, engine.hallId === registry.defaultHallId ? env : {}, options);
      const p: HallPrinting = {
        pool,
        engine,
        tokens: registry.deployment.tokens,
        publicUrl: () => deps.publicUrl,
        extras: (ticket) => ticketExtras(deps, engine, ticket),
      };
      registerPrinting(p);
      return p;
    });
    // The ticket is issued whatever happens here; the response only says whether it went to a printer queue.
    deps.ticketHooks.afterIssue.push(async ({ ctx, engine, ticket, print }) => {
      if (!print) return;
      const p = printingFor(engine);
      if (!p) return { print: { queued: false, reason: 'no_printer', message: 'printing is not set up on this server' } };
      const desk = deskOf(ctx, p.tokens);
      return { print: desk ? printAt(p, ticket, desk) : { queued: false, reason: 'no_printer', message: 'no desk for this token' } };
    });
    return {
      hallRoutes: [printerRoutes],
      health: [() => ({ printers: halls.flatMap((p) => p.pool.statuses().map((s) => ({ hall: p.engine.hallId, ...s }))) })],
      close() {
        for (const p of halls) {
          p.pool.close();
          unregisterPrinting(p.engine);
        }
      },
    };
  };
}

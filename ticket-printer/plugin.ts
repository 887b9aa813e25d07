// Ticket printing in the server: a printer pool per hall (config `printers`, plus ONEWINDOW_PRINTER
// for the default hall's triage desk), the `print: true` hook on POST /api/tickets, reprint, the
// printers' status for /healthz and the triage console, and the HTML ticket view. It provides the
// `printing` service to the features started after it (appointments' check-in, assist's notice).
import { ticketExtras } from '../server/http/context.ts';
import type { Feature } from '../server/feature.ts';
import { deskOf, printAt, type HallPrinting, type Printing } from './hall-printing.ts';
import { PrinterPool, type PrinterPoolOptions } from './printers.ts';
import { printerOpenApiPaths, printerRoutes } from './routes.ts';

/** `options` tune the print queues (retry back-off, status probe interval); defaults suit a hall. */
export function ticketPrinterPlugin(options: PrinterPoolOptions = {}): Feature {
  return {
    name: 'ticket-printer',
    start({ registry, deps, env, services, log }) {
      // The materials on a ticket come from the knowledge base when the kb feature runs (before this one).
      const knowledgeBase = options.knowledgeBase ?? services.optional('knowledgeBase');
      const halls = new Map<string, HallPrinting>();
      for (const engine of registry.all()) {
        // ONEWINDOW_PRINTER is the demo's triage-desk printer: it applies to the default hall only.
        const pool = PrinterPool.fromHall(engine.hall, engine.hallId === registry.defaultHallId ? env : {}, { log: log.child({ hall: engine.hallId }), ...options, knowledgeBase });
        halls.set(engine.hallId, {
          pool,
          engine,
          tokens: registry.deployment.tokens,
          auth: deps.auth,
          publicUrl: () => deps.publicUrl,
          ratingKey: (ticketId) => deps.ticketKeys.keyOf(ticketId),
          extras: (ticket) => ticketExtras(deps, engine, ticket),
        });
      }
      const printing: Printing = { forHall: (hallId) => halls.get(hallId) };
      services.provide('printing', printing);
      return {
        hallRoutes: [printerRoutes(printing, knowledgeBase)],
        openApiPaths: printerOpenApiPaths(),
        ticketHooks: {
          // The ticket is issued whatever happens here; the response only says whether it went to a printer queue.
          afterIssue: [
            // Synchronous (printAt only queues the job): the issue answer need not wait a turn for it.
            ({ ctx, engine, ticket, print }) => {
              if (!print) return;
              const p = halls.get(engine.hallId)!;
              const desk = deskOf(ctx, p.tokens, p.auth);
              return { print: desk ? printAt(p, ticket, desk) : { queued: false, reason: 'no_printer', message: 'no desk for this token' } };
            },
          ],
          // A transfer's new number is printed at the window that transferred it, when that window has a printer.
          afterTransfer: [
            async ({ ctx, engine, ticket, windowId }) => {
              const p = halls.get(engine.hallId)!;
              const desk = [deskOf(ctx, p.tokens, p.auth), `window-${windowId}`].find((d) => d && p.pool.printerForDesk(d));
              return desk ? { print: printAt(p, ticket, desk) } : undefined;
            },
          ],
        },
        health: [() => ({ printers: [...halls.values()].flatMap((p) => p.pool.statuses().map((s) => ({ hall: p.engine.hallId, ...s }))) })],
        stop() {
          for (const p of halls.values()) p.pool.close();
        },
      };
    },
  };
}

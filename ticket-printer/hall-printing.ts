// Per-hall printing state the server routes use: the hall's printer pool, the desk a request comes
// from, and the ticket as it prints now (people ahead, wait estimate).
import type { Context } from 'koa';
import type { Auth } from '../server/http/auth.ts';
import type { DeploymentConfig } from '../server/config/schema.ts';
import { publicTicket } from '../server/domain/public-view.ts';
import type { Ticket } from '../server/domain/types.ts';
import type { HallEngine } from '../server/engine/hall-engine.ts';
import { estimateWait } from '../server/metrics/estimate.ts';
import type { TicketForPrint } from './layout.ts';
import type { PrinterPool, PrintOutcome } from './printers.ts';
import { ticketById } from '../server/domain/ticket-table.ts';

export interface HallPrinting {
  pool: PrinterPool;
  engine: HallEngine;
  tokens: DeploymentConfig['tokens'];
  /** Who else may be calling: a person signed in at the triage desk, a device token. */
  auth?: Auth;
  publicUrl: () => string;
  /** The ticket's rating key, printed in its QR only (deps.ticketKeys). */
  ratingKey: (ticketId: string) => string;
  /** The public extras of a ticket view on this server (the metrics plug-in's wait estimate). */
  extras: (ticket: Ticket) => Record<string, unknown>;
}

/** The printing service the ticket-printer feature hands to later features (appointments, assist). */
export interface Printing {
  /** The hall's printing on this server; undefined for a hall this server does not print for. */
  forHall(hallId: string): HallPrinting | undefined;
}

declare module '../server/feature.ts' {
  interface FeatureServices {
    printing: Printing;
  }
}

/** The desk a request comes from: its token's `desk`, else its role (triage, kiosk, admin). */
export function deskOf(ctx: Context, tokens: DeploymentConfig['tokens'], auth?: Auth): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
  const token = bearer ? tokens.find((t) => t.token === bearer) : undefined;
  if (token) return token.desk ?? token.role;
  try {
    // A staff session (cookie or bearer) or a device token, resolved by the features that know them.
    const p = auth?.identify(ctx);
    return p ? (p.desk ?? p.role) : undefined;
  } catch {
    return undefined;
  }
}

/** The ticket as printed now: people ahead and the wait estimate from the current state. */
export function printable(engine: HallEngine, ticket: Ticket, printing?: HallPrinting): { ticket: TicketForPrint; estimatedWaitMinutes?: number } {
  const forecast = engine.forecast();
  const view = publicTicket(engine.current, engine.hall, ticket, forecast);
  const out: TicketForPrint = { id: ticket.id, number: ticket.number, serviceId: ticket.serviceId, lane: ticket.lane, issuedAt: ticket.issuedAt };
  if (view.ahead !== undefined) out.ahead = view.ahead;
  // The metrics plug-in's estimate (the one the status page shows, with recent service times) when
  // it runs; the same estimator on configured service times otherwise.
  const extras = printing?.extras(ticket) ?? {};
  const estimate =
    typeof extras.estimatedWaitMinutes === 'number'
      ? extras.estimatedWaitMinutes
      : (estimateWait(
          { hall: engine.hall, state: engine.current, now: engine.now() },
          ticketById(engine.current.tickets, ticket.id) ?? ticket,
          forecast.tickets.get(ticket.id),
        ).minutes ?? undefined);
  return estimate !== undefined ? { ticket: out, estimatedWaitMinutes: estimate } : { ticket: out };
}

export function printAt(p: HallPrinting, ticket: Ticket, desk: string, reprint = false): PrintOutcome {
  return p.pool.printTicket({ desk, ...printable(p.engine, ticket, p), reprint, publicUrl: p.engine.hall.publicUrl ?? p.publicUrl(), ratingKey: p.ratingKey(ticket.id) });
}

// Printing a one-time notice: on the ticket printer of the clerk's desk (the token's `desk`, or
// `window-<id>`), through the ticket-printer module's queue, in the same ESC/POS it prints tickets
// with; and as HTML through its HTML renderer.
import type { Context } from 'koa';
import type { HallConfig } from '../config/schema.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { AppDeps } from '../http/context.ts';
import type { KbEntry } from '../kb/schema.ts';
import { renderEscPos } from '../../ticket-printer/escpos.ts';
import { deskOf, type Printing } from '../../ticket-printer/hall-printing.ts';
import { renderTicketHtml } from '../../ticket-printer/html.ts';
import { noticeLayout } from './notice-layout.ts';
import { maskName } from '../domain/resident-id.ts';
import { ticketById } from '../domain/ticket-table.ts';
import type { Notice } from './types.ts';

export type NoticePrint =
  | { queued: true; printer: string; jobId: string }
  | { queued: false; reason: 'no_printer'; message: string };

/** The name on the notice's ticket, while the ticket (today's, not yet purged) has one. */
export function visitorNameOf(engine: HallEngine, notice: Notice): string | undefined {
  return ticketById(engine.current.tickets, notice.ticketId)?.visitor?.name;
}

export function printNotice(ctx: Context, engine: HallEngine, deps: AppDeps, printers: Printing | undefined, notice: Notice, kb?: KbEntry): NoticePrint {
  const printing = printers?.forHall(engine.hallId);
  if (!printing) return { queued: false, reason: 'no_printer', message: 'printing is not set up on this server' };
  const desks = [deskOf(ctx, deps.registry.deployment.tokens), `window-${notice.windowId}`].filter((d): d is string => !!d);
  const cfg = desks.map((d) => printing.pool.printerForDesk(d)).find((p) => p !== undefined);
  if (!cfg) return { queued: false, reason: 'no_printer', message: `no printer for desk ${desks.join(' or ')}` };
  const job = printing.pool.queue(cfg.id)!.enqueue(notice.id, renderEscPos(noticeLayout(engine.hall, notice, kb, visitorNameOf(engine, notice)), { width: cfg.width }));
  return { queued: true, printer: cfg.id, jobId: job.id };
}

/** The page a visitor may open on a phone from a shared link: the name masked (张*). */
export function renderNoticeHtml(hall: HallConfig, notice: Notice, kb?: KbEntry, visitorName?: string): Promise<string> {
  return renderTicketHtml(noticeLayout(hall, notice, kb, visitorName ? maskName(visitorName) : undefined), `一次性告知单 · ${notice.ticketNumber}`);
}

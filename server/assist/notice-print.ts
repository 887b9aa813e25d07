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
import type { Notice } from './types.ts';

export type NoticePrint =
  | { queued: true; printer: string; jobId: string }
  | { queued: false; reason: 'no_printer'; message: string };

export function printNotice(ctx: Context, engine: HallEngine, deps: AppDeps, printers: Printing | undefined, notice: Notice, kb?: KbEntry): NoticePrint {
  const printing = printers?.forHall(engine.hallId);
  if (!printing) return { queued: false, reason: 'no_printer', message: 'printing is not set up on this server' };
  const desks = [deskOf(ctx, deps.registry.deployment.tokens), `window-${notice.windowId}`].filter((d): d is string => !!d);
  const cfg = desks.map((d) => printing.pool.printerForDesk(d)).find((p) => p !== undefined);
  if (!cfg) return { queued: false, reason: 'no_printer', message: `no printer for desk ${desks.join(' or ')}` };
  const job = printing.pool.queue(cfg.id)!.enqueue(notice.id, renderEscPos(noticeLayout(engine.hall, notice, kb), { width: cfg.width }));
  return { queued: true, printer: cfg.id, jobId: job.id };
}

export function renderNoticeHtml(hall: HallConfig, notice: Notice, kb?: KbEntry): Promise<string> {
  return renderTicketHtml(noticeLayout(hall, notice, kb), `一次性告知单 · ${notice.ticketNumber}`);
}

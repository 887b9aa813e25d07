// The acceptance receipt (受理回执) and the correction notice (补正告知) as ticket-printer layout blocks,
// printed on the printer of the desk that asked (its token's desk, or `window-<id>`), in the same
// ESC/POS tickets print with. No personal data on paper: the receipt number is the visitor's key.
import type { Context } from 'koa';
import type { HallConfig } from '../config/schema.ts';
import { localClock } from '../appointments/local-time.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { AppDeps } from '../http/context.ts';
import { noticeLayout } from '../assist/notice-layout.ts';
import { describeMaterial } from '../kb/knowledge-base.ts';
import { renderEscPos } from '../../ticket-printer/escpos.ts';
import { deskOf, type Printing } from '../../ticket-printer/hall-printing.ts';
import type { LayoutBlock } from '../../ticket-printer/layout.ts';
import type { Application } from './types.ts';

export type PrintOutcome = { queued: true; printer: string; jobId: string } | { queued: false; reason: 'no_printer'; message: string };

const text = (t: string, extra: Partial<Extract<LayoutBlock, { kind: 'text' }>> = {}): LayoutBlock => ({ kind: 'text', text: t, size: 'normal', bold: false, align: 'left', ...extra });

export function applicationUrl(publicUrl: string, receipt: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/a/${encodeURIComponent(receipt)}`;
}

export function receiptLayout(hall: HallConfig, a: Application, url: string): LayoutBlock[] {
  const service = hall.services.find((s) => s.id === a.serviceId);
  const when = `${serviceDayOf(a.receivedAt, hall.timeZone)} ${localClock(a.receivedAt, hall.timeZone)}`;
  const blocks: LayoutBlock[] = [
    text(hall.name.zh, { align: 'center', bold: true, role: 'hall' }),
    text('受理回执', { align: 'center', bold: true, size: 'tall', role: 'notice' }),
    text('Acceptance receipt', { align: 'center' }),
    { kind: 'rule' },
    text(`受理编号 No. ${a.receipt}`, { bold: true, role: 'number' }),
    text(`事项：${service?.name.zh ?? a.serviceId}`, { role: 'service' }),
    text(`Service: ${service?.name.en ?? a.serviceId}`, { role: 'service' }),
    text(`受理时间 Received: ${when}`, { role: 'time' }),
    text(`承诺办结 Promised by: ${a.promisedDate}（${a.workingDays}个工作日 working days）`, { bold: true, role: 'time' }),
    text(a.delivery.type === 'mail' ? '取件方式：免费邮寄 Free mailing' : '取件方式：出件窗口领取 Collect at the pickup window'),
    { kind: 'rule' },
    text('已收材料 Materials received:', { bold: true }),
  ];
  a.materials.forEach((m, i) => blocks.push(text(`${i + 1}. ${describeMaterial(m, 'zh')}`, { role: 'material' })));
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'qr', data: url, caption: '扫码查看办理进度 Scan to follow your application' });
  blocks.push(text('凭本回执领取办理结果。Bring this receipt to collect the result.', { role: 'notice' }));
  blocks.push({ kind: 'feed', lines: 2 });
  blocks.push({ kind: 'cut' });
  return blocks;
}

/** The correction notice (补正): assist's one-time notice layout, numbered with the receipt. */
export function correctionLayout(hall: HallConfig, a: Application): LayoutBlock[] {
  return noticeLayout(hall, {
    id: a.id,
    windowId: a.windowId ?? '',
    ticketId: a.ticketId ?? '',
    ticketNumber: a.receipt,
    serviceId: a.serviceId,
    missing: a.missing ?? [],
    ...(a.returnNote ? { notes: a.returnNote } : {}),
    issuedBy: a.steps.at(-1)?.by ?? '',
    issuedAt: a.steps.at(-1)?.at ?? a.receivedAt,
  });
}

/** Queues blocks on the printer of the caller's desk, else of the application's window. */
export function printFor(ctx: Context, engine: HallEngine, deps: AppDeps, printers: Printing | undefined, a: Application, jobId: string, blocks: LayoutBlock[]): PrintOutcome {
  const printing = printers?.forHall(engine.hallId);
  if (!printing) return { queued: false, reason: 'no_printer', message: 'printing is not set up on this server' };
  const desks = [deskOf(ctx, deps.registry.deployment.tokens, deps.auth), a.windowId ? `window-${a.windowId}` : undefined].filter((d): d is string => !!d);
  const cfg = desks.map((d) => printing.pool.printerForDesk(d)).find((p) => p !== undefined);
  if (!cfg) return { queued: false, reason: 'no_printer', message: `no printer for desk ${desks.join(' or ') || '(none)'}` };
  const job = printing.pool.queue(cfg.id)!.enqueue(jobId, renderEscPos(blocks, { width: cfg.width }));
  return { queued: true, printer: cfg.id, jobId: job.id };
}

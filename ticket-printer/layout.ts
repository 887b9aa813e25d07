// The printed ticket as data. One pure function decides what is on the paper; the ESC/POS and HTML
// renderers only decide how it looks, so the ticket at the desk and the ticket on screen match.
import type { HallConfig, Lane, ServiceConfig } from '../server/config/schema.ts';

export type Align = 'left' | 'center' | 'right';
/** normal: font A; tall: double height; double: double width and height (the number). */
export type TextSize = 'normal' | 'tall' | 'double';

export type LayoutBlock =
  | { kind: 'text'; text: string; size: TextSize; bold: boolean; align: Align; role?: BlockRole }
  | { kind: 'rule' }
  | { kind: 'qr'; data: string; caption?: string }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

/** What a block means, so the HTML view and tests can find it without parsing text. */
export type BlockRole = 'hall' | 'service' | 'number' | 'lane' | 'ahead' | 'time' | 'material' | 'notice' | 'visitor' | 'clerk' | 'address' | 'phone';

export interface TicketForPrint {
  id: string;
  number: string;
  serviceId: string;
  lane: Lane;
  issuedAt: number;
  /** People ahead at issue time: calls before it at the windows that could take it (server/domain/forecast.ts). */
  ahead?: number;
}

export interface LayoutInput {
  hall: HallConfig;
  ticket: TicketForPrint;
  /** Minutes; omitted from the ticket when unknown. */
  estimatedWaitMinutes?: number;
  /** The ticket's status page, also the QR payload. */
  statusUrl: string;
  /** "补打" on a reprint, so a second paper with the same number is not mistaken for a new one. */
  reprint?: boolean;
  /** What to bring, from the knowledge base; the hall file's short list when absent. */
  materials?: ServiceConfig['materials'];
}

export const LANE_MARKS: Record<Lane, { zh: string; en: string } | undefined> = {
  green: { zh: '绿色通道', en: 'Fast track' },
  elderly: { zh: '敬老', en: 'Elderly' },
  appointment: { zh: '预约', en: 'Appointment' },
  normal: undefined,
};

/** The visitor's status link; with the ticket's rating key (`?k=`) on what the visitor takes away. */
export function statusUrl(publicUrl: string, ticketId: string, ratingKey?: string): string {
  const url = `${publicUrl.replace(/\/+$/, '')}/t/${encodeURIComponent(ticketId)}`;
  return ratingKey ? `${url}?k=${encodeURIComponent(ratingKey)}` : url;
}

/** "2026-11-27 09:05" in the hall's time zone (the visitor reads local time, not the server's). */
export function formatIssueTime(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function text(t: string, opts: Partial<Omit<Extract<LayoutBlock, { kind: 'text' }>, 'kind' | 'text'>> = {}): LayoutBlock {
  return { kind: 'text', text: t, size: opts.size ?? 'normal', bold: opts.bold ?? false, align: opts.align ?? 'left', ...(opts.role ? { role: opts.role } : {}) };
}

export function ticketLayout(input: LayoutInput): LayoutBlock[] {
  const { hall, ticket } = input;
  const service = hall.services.find((s) => s.id === ticket.serviceId);
  if (!service) throw new Error(`ticket ${ticket.id}: unknown service ${ticket.serviceId}`);
  const blocks: LayoutBlock[] = [];
  blocks.push(text(hall.name.zh, { align: 'center', bold: true, size: 'tall', role: 'hall' }));
  blocks.push(text(hall.name.en, { align: 'center', role: 'hall' }));
  blocks.push({ kind: 'rule' });
  blocks.push(text(service.name.zh, { align: 'center', bold: true, size: 'tall', role: 'service' }));
  blocks.push(text(service.name.en, { align: 'center', role: 'service' }));
  blocks.push(text(ticket.number, { align: 'center', bold: true, size: 'double', role: 'number' }));
  const mark = LANE_MARKS[ticket.lane];
  if (mark) blocks.push(text(`【${mark.zh}】 ${mark.en}`, { align: 'center', bold: true, size: 'tall', role: 'lane' }));
  if (input.reprint) blocks.push(text('（补打 Reprint）', { align: 'center' }));
  if (ticket.ahead !== undefined) {
    blocks.push(text(`前面还有 ${ticket.ahead} 人 / ${ticket.ahead} ahead of you`, { align: 'center', role: 'ahead' }));
  }
  if (input.estimatedWaitMinutes !== undefined) {
    const m = input.estimatedWaitMinutes;
    blocks.push(
      text(m > 0 ? `预计等候约 ${m} 分钟 / About ${m} min wait` : '即将叫号 / You will be called shortly', { align: 'center', role: 'ahead' }),
    );
  }
  blocks.push(text(`取号时间 Issued: ${formatIssueTime(ticket.issuedAt, hall.timeZone)}`, { align: 'center', role: 'time' }));
  blocks.push({ kind: 'rule' });
  const materials = input.materials ?? service.materials;
  if (materials.length) {
    blocks.push(text('请备齐以下材料 Please bring:', { bold: true }));
    materials.forEach((m, i) => {
      const extra = [m.original ? '原件 original' : '', m.copies ? `复印件${m.copies}份 ${m.copies} cop${m.copies > 1 ? 'ies' : 'y'}` : '']
        .filter(Boolean)
        .join('，');
      blocks.push(text(`${i + 1}. ${m.zh}${extra ? `（${extra}）` : ''}`, { role: 'material' }));
      blocks.push(text(`   ${m.en}`, { role: 'material' }));
    });
    blocks.push({ kind: 'rule' });
  }
  blocks.push({ kind: 'qr', data: input.statusUrl, caption: '扫码查看排队进度 Scan to follow your place' });
  if (hall.notice) blocks.push(text(hall.notice.zh, { role: 'notice' }));
  blocks.push(text('过号请到咨询台重新激活 Missed your call? Ask at the desk.', { align: 'center' }));
  blocks.push({ kind: 'feed', lines: 2 });
  blocks.push({ kind: 'cut' });
  return blocks;
}

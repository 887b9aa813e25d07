// The one-time notice (一次性告知单) as layout blocks of the ticket printer: the same pure-data
// layout its ESC/POS and HTML renderers take, so the notice prints on the ticket printer and shows
// as a page. It tells the visitor, once and completely, what is still missing.
import type { HallConfig } from '../config/schema.ts';
import { localClock } from '../appointments/local-time.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import { describeMaterial } from '../kb/knowledge-base.ts';
import type { KbEntry } from '../kb/schema.ts';
import type { LayoutBlock } from '../../ticket-printer/layout.ts';
import type { Notice } from './types.ts';

const text = (t: string, extra: Partial<Extract<LayoutBlock, { kind: 'text' }>> = {}): LayoutBlock => ({
  kind: 'text',
  text: t,
  size: 'normal',
  bold: false,
  align: 'left',
  ...extra,
});

/**
 * visitorName: the name on the visitor's ticket, read when printing (the notice itself keeps none, so
 * the nightly visitor-data purge covers it): the printed slip carries it in full, the page masked.
 */
export function noticeLayout(hall: HallConfig, notice: Notice, kb?: KbEntry, visitorName?: string): LayoutBlock[] {
  const service = hall.services.find((s) => s.id === notice.serviceId);
  const window = hall.windows.find((w) => w.id === notice.windowId);
  const title = kb?.title ?? service?.name ?? { zh: notice.serviceId, en: notice.serviceId };
  const when = `${serviceDayOf(notice.issuedAt, hall.timeZone)} ${localClock(notice.issuedAt, hall.timeZone)}`;
  const blocks: LayoutBlock[] = [
    text(hall.name.zh, { align: 'center', bold: true, role: 'hall' }),
    text('一次性告知单', { align: 'center', bold: true, size: 'tall', role: 'notice' }),
    text('One-time notice of missing materials', { align: 'center' }),
    { kind: 'rule' },
    text(`事项：${title.zh}`, { role: 'service' }),
    text(`Service: ${title.en}`, { role: 'service' }),
    text(`号码 No. ${notice.ticketNumber}  ${window ? `${window.number}号窗口 Window ${window.number}` : ''}`.trimEnd(), { role: 'number' }),
    text(`时间 Time: ${when}`, { role: 'time' }),
    ...(visitorName ? [text(`申请人 Applicant: ${visitorName}`, { role: 'visitor' })] : []),
    text(`经办人 Clerk: ${notice.issuedBy}${notice.issuedByNumber ? `（工号 ${notice.issuedByNumber}）` : ''}`, { role: 'clerk' }),
    { kind: 'rule' },
    text('尚需补齐的材料 Still missing:', { bold: true }),
  ];
  notice.missing.forEach((m, i) => {
    blocks.push(text(`${i + 1}. ${describeMaterial(m, 'zh')}`, { role: 'material' }));
    blocks.push(text(`   ${describeMaterial(m, 'en')}`, { role: 'material' }));
  });
  if (notice.notes) {
    blocks.push(text('窗口说明 Notes from the window:', { bold: true }));
    blocks.push(text(notice.notes, { role: 'notice' }));
  }
  if (kb?.timeLimit) blocks.push(text(`办理时限：${kb.timeLimit.zh}`));
  blocks.push({ kind: 'rule' });
  blocks.push(text('材料补齐后请携本告知单回窗口办理，一次办结。', { role: 'notice' }));
  blocks.push(text('Bring this notice back with the missing papers.', { role: 'notice' }));
  blocks.push(...hallContact(hall));
  blocks.push({ kind: 'feed', lines: 2 });
  blocks.push({ kind: 'cut' });
  return blocks;
}

/** Where the hall is and whom to call about the service (监督电话), when the hall file says. */
function hallContact(hall: HallConfig): LayoutBlock[] {
  const lines: LayoutBlock[] = [];
  if (hall.address) lines.push(text(`地址：${hall.address.zh}`, { role: 'address' }), text(`Address: ${hall.address.en}`, { role: 'address' }));
  if (hall.supervisionPhone) lines.push(text(`监督电话 Supervision: ${hall.supervisionPhone}`, { role: 'phone' }));
  return lines.length ? [{ kind: 'rule' }, ...lines] : [];
}

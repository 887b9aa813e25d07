// What the ticket status page says for a ticket: the headline a visitor reads at a glance.
import type { PublicTicket } from '../../server/realtime/contract.ts';
import { STATUS_LABELS, type Bilingual } from './labels.ts';

export interface StatusView {
  tone: 'wait' | 'go' | 'serving' | 'over';
  headline: Bilingual;
  detail?: Bilingual;
}

export function ticketStatusView(
  t: Pick<PublicTicket, 'status' | 'ahead' | 'windowNumber' | 'number' | 'transferredToNumber'> & { estimatedWaitMinutes?: number | null },
): StatusView {
  switch (t.status) {
    case 'waiting': {
      const ahead = t.ahead ?? 0;
      // The metrics plug-in's estimate (GET /api/tickets/:id), refined on every re-read.
      const m = t.estimatedWaitMinutes;
      return {
        tone: 'wait',
        headline: ahead === 0 ? { zh: '下一位就是您', en: "You're next" } : { zh: `前面还有 ${ahead} 人`, en: `${ahead} ahead of you` },
        detail:
          typeof m === 'number' && m > 0
            ? { zh: `预计等候约 ${m} 分钟，请留意叫号`, en: `About ${m} min to wait — please watch for your number` }
            : { zh: '请留意叫号', en: 'Please watch for your number' },
      };
    }
    case 'called':
      return {
        tone: 'go',
        headline: { zh: `请到 ${t.windowNumber ?? '?'} 号窗口`, en: `Your turn — please go to window ${t.windowNumber ?? '?'}` },
        detail: { zh: '轮到您了', en: "It's your turn" },
      };
    case 'serving':
      return {
        tone: 'serving',
        headline: { zh: `正在 ${t.windowNumber ?? '?'} 号窗口办理`, en: `Being served at window ${t.windowNumber ?? '?'}` },
      };
    case 'no_show':
      return {
        tone: 'over',
        headline: STATUS_LABELS.no_show,
        detail: { zh: '请到咨询台恢复排队', en: 'Ask at the consultation desk to rejoin the queue' },
      };
    case 'transferred':
      // The visitor keeps this page: the new number must be on it, or they cannot follow their turn.
      return t.transferredToNumber
        ? {
            tone: 'wait',
            headline: { zh: `已转办，新号码 ${t.transferredToNumber}`, en: `Transferred — your new number is ${t.transferredToNumber}` },
            detail: { zh: '请留意新号码的叫号', en: 'Please watch for your new number' },
          }
        : { tone: 'over', headline: STATUS_LABELS.transferred, detail: { zh: '请到咨询台查询新号码', en: 'Ask at the consultation desk for your new number' } };
    default:
      return { tone: 'over', headline: STATUS_LABELS[t.status] };
  }
}

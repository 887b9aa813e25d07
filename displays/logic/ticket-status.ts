// What the ticket status page says for a ticket: the headline a visitor reads at a glance.
import type { PublicTicket } from '../../server/realtime/contract.ts';
import { STATUS_LABELS, type Bilingual } from './labels.ts';

export interface StatusView {
  tone: 'wait' | 'go' | 'serving' | 'over';
  headline: Bilingual;
  detail?: Bilingual;
}

export function ticketStatusView(
  t: Pick<PublicTicket, 'status' | 'ahead' | 'windowNumber' | 'number'> & { estimatedWaitMinutes?: number | null },
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
      return { tone: 'over', headline: STATUS_LABELS.transferred, detail: { zh: '请查看新号码', en: 'See your new number' } };
    default:
      return { tone: 'over', headline: STATUS_LABELS[t.status] };
  }
}

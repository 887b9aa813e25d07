// Text for the dashboard's ratings section, without a DOM.
export interface FollowUp {
  id: string;
  number: string;
  ticketNumber?: string;
  windowId?: string;
  status: string;
  rating: { level: string; reasons: string[]; clerk?: string };
  dueAt?: number;
  contactedAt?: number;
  overdue: boolean;
}

const LEVEL_ZH: Record<string, string> = { dissatisfied: '不满意', very_dissatisfied: '非常不满意' };

export const satisfactionText = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export function followUpView(f: FollowUp, timeZone: string) {
  const due = f.dueAt === undefined ? '—' : new Intl.DateTimeFormat('zh-CN', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(f.dueAt);
  const state = f.overdue ? '已超期 overdue' : f.contactedAt !== undefined ? '已回访 contacted' : '待回访 to contact';
  return { due, state, overdue: f.overdue, level: LEVEL_ZH[f.rating.level] ?? f.rating.level };
}

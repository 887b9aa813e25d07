// The back-office list as plain functions (tested without a DOM): live events update one request
// in place; the list shows what still needs someone first, oldest first.
import type { AssistRequest } from '../../../server/assist/contract.ts';

export function upsert(list: AssistRequest[], r: AssistRequest): AssistRequest[] {
  const i = list.findIndex((x) => x.id === r.id);
  if (i < 0) return [...list, r];
  const out = [...list];
  out[i] = r;
  return out;
}

const RANK: Record<AssistRequest['status'], number> = { accepted: 0, open: 1, answered: 2, withdrawn: 3 };

export function ordered(list: AssistRequest[]): AssistRequest[] {
  return [...list].sort((a, b) => RANK[a.status] - RANK[b.status] || a.askedAt - b.askedAt);
}

/** "3分12秒" since asked: how long the visitor has been waiting at the window. */
export function waited(from: number, now: number): string {
  const s = Math.max(0, Math.floor((now - from) / 1000));
  return s < 60 ? `${s}秒` : `${Math.floor(s / 60)}分${String(s % 60).padStart(2, '0')}秒`;
}

export const STATUS_LABEL: Record<AssistRequest['status'], string> = {
  open: '待接单 Waiting',
  accepted: '处理中 In progress',
  answered: '已答复 Answered',
  withdrawn: '已撤回 Withdrawn',
};

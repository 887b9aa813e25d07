// What the clerk's assist panel shows, as plain functions (tested without a DOM).
import type { AssistRequest } from '../../../server/assist/contract.ts';

/** The request the panel is about: the window's pending one, else its latest. */
export function currentRequest(list: AssistRequest[], windowId: string): AssistRequest | undefined {
  const mine = list.filter((r) => r.windowId === windowId).sort((a, b) => b.askedAt - a.askedAt);
  return mine.find((r) => r.status === 'open' || r.status === 'accepted') ?? mine[0];
}

export function statusLine(r: AssistRequest): string {
  switch (r.status) {
    case 'open':
      return '已呼叫后台，等待接单 Waiting for the back office';
    case 'accepted':
      return `${r.acceptedBy} 已接单 Accepted by ${r.acceptedBy}`;
    case 'answered':
      return `${r.acceptedBy} 已答复 Answered`;
    case 'withdrawn':
      return '已撤回 Withdrawn';
  }
}

/** The token the clerk console stored for this window, so one sign-in serves both. */
export function tokenKeys(hall: string, windowId: string): string[] {
  const scope = hall || 'default';
  return [`onewindow.token.${scope}:clerk-${windowId}`, `onewindow.token.${scope}:clerk`, 'onewindow.clerk-assist.token'];
}

// The rating screens' logic, without a DOM: the five levels with their colours, which levels ask
// for reasons, what is sent, and the device's screen after each step.

export interface LevelOption {
  id: string;
  zh: string;
  en: string;
}

export interface ReasonOption {
  id: string;
  zh: string;
  en: string;
}

/** Green for the good levels to red for the bad ones, as rating devices in halls show them. */
export const LEVEL_COLOURS: Record<string, string> = {
  very_satisfied: '#0a7d32',
  satisfied: '#2e9b4f',
  basically_satisfied: '#7a9a1f',
  dissatisfied: '#d9822b',
  very_dissatisfied: '#c8102e',
};

/** 不满意 and 非常不满意 ask for reasons before they are sent. */
export function asksReasons(level: string): boolean {
  return level === 'dissatisfied' || level === 'very_dissatisfied';
}

export function ratingBody(level: string, reasons: readonly string[], comment = ''): { level: string; reasons: string[]; comment?: string } {
  const c = comment.trim();
  return { level, reasons: [...reasons], ...(c ? { comment: c } : {}) };
}

export function toggle(list: readonly string[], id: string): string[] {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

/** The device's screens: idle (the window's number), the levels, reasons for a bad level, thanks. */
export type DevicePhase = { kind: 'idle' } | { kind: 'levels'; ticketId: string; number: string } | { kind: 'reasons'; ticketId: string; number: string; level: string; chosen: string[] } | { kind: 'thanks' };

/** Seconds the thanks stay on screen before the device is idle again. */
export const THANKS_SECONDS = 5;

/** Whether a ticket the device learns about should be offered for rating (finished a moment ago, not rated). */
export function offerable(ticket: { rateable: boolean; finishedAt: number } | null, now: number, idleSeconds: number): boolean {
  return !!ticket && ticket.rateable && now - ticket.finishedAt <= idleSeconds * 1000;
}

// Pure helpers for the dashboard's text: tested without a DOM.
export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
export const mins = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${x.toFixed(1)}`);

/** Today's date (YYYY-MM-DD) in the hall's time zone. */
export function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Green when the zero-wait rate meets the goal, amber within 10 points, red below. */
export function rateLevel(rate: number | null, goal = 0.9): 'good' | 'warn' | 'bad' | 'none' {
  if (rate === null) return 'none';
  if (rate >= goal) return 'good';
  return rate >= goal - 0.1 ? 'warn' : 'bad';
}

export const STATUS_TEXT: Record<string, string> = { open: '开放 open', paused: '暂停 paused', closed: '关闭 closed' };

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

/** Hours from 08 to 17 at least (a steady axis through the day), filled with zeros where nothing happened. */
export function hourRange<T extends { hour: string; issued: number; waitMean: number | null }>(hours: T[]): { hour: string; issued: number; waitMean: number | null }[] {
  const by = new Map(hours.map((h) => [h.hour, h]));
  const keys = hours.map((h) => Number(h.hour));
  const from = Math.min(8, ...keys);
  const to = Math.max(17, ...keys);
  const out = [];
  for (let h = from; h <= to; h++) {
    const k = String(h).padStart(2, '0');
    out.push(by.get(k) ?? { hour: k, issued: 0, waitMean: null });
  }
  return out;
}

// Where the wait estimate misses (`npm run simulate -- --seeds N --breakdown`): the share of tickets
// within the band, ours and the naive estimate's, and our mean signed error, per people ahead at
// issue, per estimate, per lane and per hour of the day, over all the seeds' tickets. With the oracle
// (`--oracle`), its best point's within-share too: how much of each group's miss any estimate could win.
import type { Prediction } from './run-day.ts';

const MIN = 60_000;

export interface BreakdownRow {
  tickets: number;
  'ours within': string;
  'naive within': string;
  /** Mean of estimate − actual, minutes: negative means the wait was longer than estimated. */
  'ours bias': string;
  'ours MAE': string;
  /** With the oracle: its best point's within-share (the ceiling for the group). */
  'oracle within'?: string;
}

type Measured = Prediction & { estimateMs: number; actualMs: number; dayStart: number };

function within(est: number | null, actual: number): boolean {
  return est !== null && Math.abs(est - actual) <= Math.max(0.2 * est, 2 * MIN);
}

function rowOf(ps: readonly Measured[]): BreakdownRow {
  const share = (f: (p: Measured) => boolean) => `${((ps.filter(f).length / ps.length) * 100).toFixed(1)}%`;
  const mean = (f: (p: Measured) => number) => (ps.reduce((s, p) => s + f(p), 0) / ps.length / MIN).toFixed(2);
  const row: BreakdownRow = {
    tickets: ps.length,
    'ours within': share((p) => within(p.estimateMs, p.actualMs)),
    'naive within': share((p) => within(p.baselineMs, p.actualMs)),
    'ours bias': mean((p) => p.estimateMs - p.actualMs),
    'ours MAE': mean((p) => Math.abs(p.estimateMs - p.actualMs)),
  };
  if (ps.every((p) => p.oracleBestMs !== undefined)) row['oracle within'] = share((p) => within(p.oracleBestMs!, p.actualMs));
  return row;
}

/** Groups by `key` (groups in the order of their first number, then by name). */
function grouped(ps: readonly Measured[], key: (p: Measured) => string): Record<string, BreakdownRow> {
  const groups = new Map<string, Measured[]>();
  for (const p of ps) groups.set(key(p), [...(groups.get(key(p)) ?? []), p]);
  const order = [...groups.keys()].sort((a, b) => parseFloat(a) - parseFloat(b) || a.localeCompare(b));
  return Object.fromEntries(order.map((k) => [k, rowOf(groups.get(k)!)]));
}

const bucket = (x: number, bounds: readonly number[]) => {
  let i = 0;
  while (i < bounds.length - 1 && x >= bounds[i + 1]!) i++;
  return i === bounds.length - 1 ? `${bounds[i]}+` : `${bounds[i]}–${bounds[i + 1]}`;
};

/** The breakdown tables of the tickets of several days (each day's predictions with its opening time). */
export function breakdown(days: readonly { predictions: readonly Prediction[]; start: number }[]): Record<string, Record<string, BreakdownRow>> {
  const ps: Measured[] = [];
  for (const d of days) for (const p of d.predictions) if (p.estimateMs !== null && p.actualMs !== null) ps.push({ ...(p as Measured), dayStart: d.start });
  return {
    'people ahead at issue': grouped(ps, (p) => bucket(p.ahead, [0, 1, 2, 3, 4, 6, 9, 13, 20])),
    'estimate, minutes': grouped(ps, (p) => bucket(p.estimateMs / MIN, [0, 2, 5, 10, 15, 20, 30, 45])),
    'actual wait, minutes': grouped(ps, (p) => bucket(p.actualMs / MIN, [0, 2, 5, 10, 15, 20, 30, 45])),
    lane: grouped(ps, (p) => p.lane),
    'hour since opening': grouped(ps, (p) => String(Math.floor((p.issuedAt - p.dayStart) / 3_600_000))),
  };
}

// Adds fold results: the figures of a period are the sum of its days' figures.
// Samples of all days are gathered and sorted once per group (a pairwise merge day by day
// would copy the growing arrays once per day: quadratic over a half-year report).
import { DIMENSIONS, type Dimension, type FoldResult } from './day-fold.ts';
import { emptyTally, type Tally } from './tally.ts';

export function emptyResult(): FoldResult {
  return {
    total: emptyTally(),
    groups: Object.fromEntries(DIMENSIONS.map((d) => [d, {}])) as FoldResult['groups'],
    windows: {},
    clerks: {},
    windowStatus: {},
    days: [],
  };
}

const COUNTS = ['issued', 'called', 'served', 'noShow', 'transferred', 'cancelled', 'elderlyServed', 'greenIssued', 'appointmentIssued', 'withinTarget'] as const;
const SAMPLES = ['wait', 'walk', 'service'] as const;

/** The sum of tallies, samples sorted once. */
export function sumTallies(tallies: readonly Tally[]): Tally {
  const out = emptyTally();
  if (tallies.length === 1) {
    const t = tallies[0]!;
    for (const k of COUNTS) out[k] = t[k];
    for (const s of SAMPLES) out[s] = t[s].slice();
    return out;
  }
  for (const t of tallies) for (const k of COUNTS) out[k] += t[k];
  for (const s of SAMPLES) {
    let n = 0;
    for (const t of tallies) n += t[s].length;
    const all = new Float64Array(n);
    let i = 0;
    for (const t of tallies) {
      all.set(t[s], i);
      i += t[s].length;
    }
    all.sort();
    out[s] = all;
  }
  return out;
}

/**
 * Sums day results. `dims` limits which groupings are summed (a report needs one; the
 * others are left empty), which keeps a long report's cost to what it shows.
 */
export function mergeResults(results: readonly FoldResult[], dims: readonly Dimension[] = DIMENSIONS): FoldResult {
  const out = emptyResult();
  out.total = sumTallies(results.map((r) => r.total));
  for (const d of dims) {
    const parts = new Map<string, Tally[]>();
    for (const r of results)
      for (const [k, t] of Object.entries(r.groups[d])) {
        const list = parts.get(k);
        if (list) list.push(t);
        else parts.set(k, [t]);
      }
    for (const [k, list] of parts) out.groups[d][k] = sumTallies(list);
  }
  for (const r of results) {
    for (const [id, w] of Object.entries(r.windows)) {
      const x = (out.windows[id] ??= { openMs: 0, busyMs: 0, calls: 0, served: 0 });
      x.openMs += w.openMs;
      x.busyMs += w.busyMs;
      x.calls += w.calls;
      x.served += w.served;
    }
    for (const [name, c] of Object.entries(r.clerks)) {
      const x = (out.clerks[name] ??= { served: 0, serviceMs: 0, ...(c.staffNumber ? { name: c.name, staffNumber: c.staffNumber } : {}) });
      x.served += c.served;
      x.serviceMs += c.serviceMs;
    }
    Object.assign(out.windowStatus, r.windowStatus);
    for (const d of r.days) if (!out.days.includes(d)) out.days.push(d);
  }
  out.days.sort();
  return out;
}

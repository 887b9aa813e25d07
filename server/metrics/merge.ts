// Adds fold results: the figures of a period are the sum of its days' figures.
import { DIMENSIONS, type FoldResult } from './day-fold.ts';
import { addTallies, emptyTally, type Tally } from './tally.ts';

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

export function mergeResults(results: readonly FoldResult[]): FoldResult {
  const out = emptyResult();
  for (const r of results) {
    out.total = addTallies(out.total, r.total);
    for (const d of DIMENSIONS) {
      const into = out.groups[d];
      for (const [k, t] of Object.entries(r.groups[d])) into[k] = addTallies(into[k] ?? emptyTally(), t as Tally);
    }
    for (const [id, w] of Object.entries(r.windows)) {
      const x = (out.windows[id] ??= { openMs: 0, busyMs: 0, calls: 0, served: 0 });
      x.openMs += w.openMs;
      x.busyMs += w.busyMs;
      x.calls += w.calls;
      x.served += w.served;
    }
    for (const [name, c] of Object.entries(r.clerks)) {
      const x = (out.clerks[name] ??= { served: 0, serviceMs: 0 });
      x.served += c.served;
      x.serviceMs += c.serviceMs;
    }
    Object.assign(out.windowStatus, r.windowStatus);
    for (const d of r.days) if (!out.days.includes(d)) out.days.push(d);
  }
  out.days.sort();
  return out;
}

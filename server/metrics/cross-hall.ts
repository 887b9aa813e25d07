// Two groupings the reports build on top of the day fold: `month` (a hall's days summed per local
// month) and `hall` (every hall of the server side by side, each row that hall's own total, for the
// district hall and its street/community centres). Pure: fold results in, report out.
import type { HallConfig } from '../domain/types.ts';
import type { FoldResult } from './day-fold.ts';
import { mergeResults, sumTallies } from './merge.ts';
import { clerkRows, type Report, type ReportRow } from './report.ts';
import { figuresOf } from './tally.ts';

/** A hall's report grouped by local month "YYYY-MM", from its day groups. */
export function monthReport(hall: HallConfig, r: FoldResult, from: string, to: string, base: Report): Report {
  const byMonth = new Map<string, ReturnType<typeof sumTallies>[]>();
  for (const [day, tally] of Object.entries(r.groups.day)) {
    const month = day.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), tally]);
  }
  const groups: ReportRow[] = [...byMonth.keys()].sort().map((month) => ({ key: month, label: month, ...figuresOf(sumTallies(byMonth.get(month)!)) }));
  return { ...base, hallId: hall.id, from, to, groupBy: 'month', groups };
}

/** One row per hall (its total over the range), and the total over all halls. */
export function hallReport(halls: readonly { hall: HallConfig; result: FoldResult }[], from: string, to: string): Report {
  const merged = mergeResults(halls.map((h) => h.result), ['day']);
  const groups: ReportRow[] = halls.map(({ hall, result }) => ({ key: hall.id, label: `${hall.name.zh} / ${hall.name.en}`, ...figuresOf(result.total) }));
  return {
    hallId: '*',
    // Each hall's days are its own local dates; the range is read in each hall's time zone.
    timeZone: [...new Set(halls.map((h) => h.hall.timeZone))].join(','),
    from,
    to,
    groupBy: 'hall',
    groups,
    total: { key: 'TOTAL', label: 'Total', ...figuresOf(merged.total) },
    // Window usage is per hall (GET /api/halls/:hall/reports); clerks are named by hall-wide names.
    windows: [],
    clerks: clerkRows(merged),
  };
}

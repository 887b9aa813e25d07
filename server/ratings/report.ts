// The ratings report: per level, or per service, window, clerk, hour or day, with the satisfaction
// rate (good = 非常满意 + 满意 + 基本满意, over all ratings). JSON and CSV. Pure.
import type { HallConfig } from '../domain/types.ts';
import type { SatisfactionDimension, SatisfactionFigures } from '../metrics/satisfaction.ts';
import { emptyFigures, tallyRatings } from './figures.ts';
import { LEVEL_LABELS, LEVELS, isBad } from './levels.ts';
import type { Rating } from './types.ts';

export type RatingsGroupBy = SatisfactionDimension | 'level';

export interface RatingsReport {
  hallId: string;
  from: string;
  to: string;
  groupBy: RatingsGroupBy;
  definition: string;
  groups: ({ key: string; label: string } & SatisfactionFigures)[];
  total: SatisfactionFigures;
}

function label(hall: HallConfig, dim: RatingsGroupBy, key: string): string {
  if (dim === 'level') return LEVEL_LABELS[key as keyof typeof LEVEL_LABELS]?.zh ?? key;
  if (dim === 'service') return hall.services.find((s) => s.id === key)?.name.zh ?? key;
  if (dim === 'window') return hall.windows.find((w) => w.id === key)?.name.zh ?? key;
  if (dim === 'hour') return `${key}:00-${key}:59`;
  return key;
}

export function ratingsReport(hall: HallConfig, ratings: Rating[], groupBy: RatingsGroupBy, from: string, to: string): RatingsReport {
  const t = tallyRatings(ratings, hall.timeZone);
  let groups: Record<string, SatisfactionFigures>;
  if (groupBy === 'level') {
    groups = {};
    for (const l of LEVELS) {
      const n = t.total.levels[l];
      const f = emptyFigures();
      f.ratings = n;
      f.levels[l] = n;
      f[isBad(l) ? 'bad' : 'good'] = n;
      f.rate = n ? (isBad(l) ? 0 : 1) : null;
      groups[l] = f;
    }
  } else groups = t.groups[groupBy];
  const keys = groupBy === 'level' ? [...LEVELS] : Object.keys(groups).sort();
  return {
    hallId: hall.id,
    from,
    to,
    groupBy,
    definition: 'satisfaction rate = (非常满意 + 满意 + 基本满意) / all ratings; by the day and hour the ticket was finished',
    groups: keys.map((key) => ({ key, label: label(hall, groupBy, key), ...groups[key]! })),
    total: t.total,
  };
}

const cell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const RATINGS_CSV_COLUMNS = ['group', 'label', 'ratings', ...LEVELS, 'good', 'bad', 'satisfaction_rate'] as const;

export function reportCsv(r: RatingsReport): string {
  const row = (key: string, lab: string, f: SatisfactionFigures) => [key, lab, f.ratings, ...LEVELS.map((l) => f.levels[l]), f.good, f.bad, f.rate === null ? null : Math.round(f.rate * 10000) / 10000].map(cell).join(',');
  return [RATINGS_CSV_COLUMNS.join(','), ...r.groups.map((g) => row(g.key, g.label, g)), row('TOTAL', 'Total', r.total)].join('\r\n') + '\r\n';
}

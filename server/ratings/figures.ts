// Rating figures: counts per level and the satisfaction rate (good = the top three levels, over
// all ratings), in total and per service, window, clerk, hour and day of the finished ticket. Pure.
import { localClock } from '../appointments/local-time.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import { SATISFACTION_DIMENSIONS, type SatisfactionBreakdown, type SatisfactionDimension, type SatisfactionFigures } from '../metrics/satisfaction.ts';
import { isBad, LEVELS } from './levels.ts';
import type { Rating } from './types.ts';

export function emptyFigures(): SatisfactionFigures {
  return { ratings: 0, good: 0, bad: 0, rate: null, levels: Object.fromEntries(LEVELS.map((l) => [l, 0])) as SatisfactionFigures['levels'] };
}

function add(f: SatisfactionFigures, r: Rating) {
  f.ratings++;
  f.levels[r.level]++;
  if (isBad(r.level)) f.bad++;
  else f.good++;
  f.rate = f.good / f.ratings;
}

export function groupKey(r: Rating, dim: SatisfactionDimension, timeZone: string): string {
  switch (dim) {
    case 'service':
      return r.serviceId;
    case 'window':
      return r.windowId;
    case 'clerk':
      return r.clerk ?? '-';
    case 'hour':
      return localClock(r.finishedAt, timeZone).slice(0, 2);
    case 'day':
      return serviceDayOf(r.finishedAt, timeZone);
  }
}

export function tallyRatings(ratings: Iterable<Rating>, timeZone: string): SatisfactionBreakdown {
  const out: SatisfactionBreakdown = { total: emptyFigures(), groups: Object.fromEntries(SATISFACTION_DIMENSIONS.map((d) => [d, {}])) as SatisfactionBreakdown['groups'] };
  for (const r of ratings) {
    add(out.total, r);
    for (const d of SATISFACTION_DIMENSIONS) add((out.groups[d][groupKey(r, d, timeZone)] ??= emptyFigures()), r);
  }
  return out;
}

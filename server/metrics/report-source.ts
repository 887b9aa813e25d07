// Where reports get their days: each day is read from the event log (readRange over that local
// day) and folded once; days before today cannot change any more, so their results are cached
// and a report over weeks of history folds only the days it has not seen. Today comes from the
// live fold when one is given.
import type { HallConfig } from '../domain/types.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import { DIMENSIONS, MetricsFold, type Dimension, type FoldResult } from './day-fold.ts';
import { addDays, datesBetween, startOfLocalDay } from './days.ts';
import { mergeResults } from './merge.ts';

export interface ReportSourceOptions {
  now?: () => number;
  /** Today's figures from the live fold, so today is not re-read per report. */
  today?: (hallId: string) => FoldResult | undefined;
  /** Closed days kept in memory (LRU). A day of a busy hall is ~100-200 kB. */
  cacheDays?: number;
}

export class ReportSource {
  private readonly cache = new Map<string, FoldResult>();
  private readonly now: () => number;
  private readonly cacheDays: number;
  /** Days read from the store (a cache miss); for tests and the bench. */
  reads = 0;

  constructor(
    private readonly store: EventStore,
    private readonly options: ReportSourceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cacheDays = options.cacheDays ?? 400;
  }

  async day(hall: HallConfig, day: string): Promise<FoldResult> {
    const today = serviceDayOf(this.now(), hall.timeZone);
    if (day > today) return mergeResults([]);
    if (day === today) {
      const live = this.options.today?.(hall.id);
      // A hall with no event yet today still holds its last active day's fold (it restarts on
      // day:started): that is not today's, so today is read from the log instead.
      // The live result's tallies are the fold's own, changed by the next event (its samples then
      // unsorted until the next result()): a report, which may wait on the store, keeps a copy.
      if (live && live.days.every((d) => d === day)) return mergeResults([live]);
    }
    const key = `${hall.id}|${day}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    this.reads++;
    const events = await this.store.readRange(streams.hall(hall.id), startOfLocalDay(day, hall.timeZone), startOfLocalDay(addDays(day, 1), hall.timeZone));
    const result = new MetricsFold(hall).apply(events).result();
    if (day < today) {
      this.cache.set(key, result);
      if (this.cache.size > this.cacheDays) this.cache.delete(this.cache.keys().next().value!);
    }
    return result;
  }

  /** The sum of the days from `from` to `to` (both included); only the groupings in `dims` are summed. */
  async range(hall: HallConfig, from: string, to: string, dims: readonly Dimension[] = DIMENSIONS): Promise<FoldResult> {
    const results: FoldResult[] = [];
    for (const d of datesBetween(from, to)) results.push(await this.day(hall, d));
    return mergeResults(results, dims);
  }

  clear() {
    this.cache.clear();
  }
}

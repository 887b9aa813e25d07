// How long a paused window stays away, learned from the day's breaks, so that the wait estimate can
// count on a paused window coming back (the forecast leaves paused windows out: it does not know
// when they return). A break nobody announced the length of is expected to last the day's mean
// break so far, starting from BREAK_PRIOR_MINUTES worth PRIOR_WEIGHT breaks. O(1) per event and read.
import type { StoredEvent } from '../domain/events.ts';

const MIN = 60_000;
/** A break's length before any was seen today: a short rest, not lunch. */
const BREAK_PRIOR_MINUTES = 10;
const PRIOR_WEIGHT = 2;
/** A window paused past the mean is expected back within this share of the mean, not at once. */
const OVERDUE_FLOOR = 0.2;

export class BreakLearner {
  private readonly pausedAt = new Map<string, number>();
  private n = 0;
  private sum = 0;

  apply(e: StoredEvent): void {
    if (e.type === 'window:paused') this.pausedAt.set(e.data.windowId, e.at);
    else if (e.type === 'window:resumed') {
      const from = this.pausedAt.get(e.data.windowId);
      this.pausedAt.delete(e.data.windowId);
      if (from !== undefined && e.at >= from) {
        this.n++;
        this.sum += e.at - from;
      }
    } else if (e.type === 'window:closed' || e.type === 'window:opened') this.pausedAt.delete(e.data.windowId);
  }

  /** Mean break length, ms. */
  meanMs(): number {
    return (PRIOR_WEIGHT * BREAK_PRIOR_MINUTES * MIN + this.sum) / (PRIOR_WEIGHT + this.n);
  }

  /** Expected ms from `now` until a window paused since `since` is open again. */
  returnsInMs(since: number, now: number): number {
    const mean = this.meanMs();
    return Math.max(mean - Math.max(0, now - since), OVERDUE_FLOOR * mean);
  }
}

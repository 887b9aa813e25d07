// What a kept forecast (forecast-index.ts) hands its readers: a map of tickets counted when first read.
import type { TicketForecast } from './forecast.ts';
import type { ForecastIndex } from './forecast-index.ts';

/**
 * The forecast's map of tickets: each entry counted when first read, then kept. The index hands the
 * same view to every reader of one version (view()), so the live event, the issue answer and the
 * near-turn check of a new ticket share one count.
 */
export class ForecastView implements ReadonlyMap<string, TicketForecast> {
  readonly size: number;
  /** The entries read so far: most views are read for one ticket (an issue's), so a Map only from the second. */
  private firstId?: string;
  private firstForecast?: TicketForecast;
  private counted?: Map<string, TicketForecast>;

  constructor(
    private readonly index: ForecastIndex,
    private readonly version: number,
  ) {
    this.size = index.size;
  }

  get(id: string): TicketForecast | undefined {
    if (id === this.firstId) return this.firstForecast;
    let f = this.counted?.get(id);
    if (f === undefined) {
      f = this.index.lookup(id, this.version);
      // Only tickets it has: a read of any other id keeps nothing.
      if (!f) return undefined;
      if (this.firstId === undefined) {
        this.firstId = id;
        this.firstForecast = f;
      } else (this.counted ??= new Map()).set(id, f);
    }
    return f;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  *entries(): MapIterator<[string, TicketForecast]> {
    for (const id of this.index.ids(this.version)) yield [id, this.get(id)!];
  }

  *keys(): MapIterator<string> {
    yield* this.index.ids(this.version);
  }

  *values(): MapIterator<TicketForecast> {
    for (const [, f] of this.entries()) yield f;
  }

  [Symbol.iterator](): MapIterator<[string, TicketForecast]> {
    return this.entries();
  }

  forEach(fn: (value: TicketForecast, key: string, map: ReadonlyMap<string, TicketForecast>) => void): void {
    for (const [id, f] of this.entries()) fn(f, id, this);
  }
}

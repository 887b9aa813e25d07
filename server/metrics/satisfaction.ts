// The port through which the metrics get rating figures (好差评): the metrics define what they
// need, the ratings feature (server/ratings) provides it at start as the `satisfaction` service.
// So the metrics import nothing from ratings, and run without it (no satisfaction figures then).

/** Ratings grouped the way the reports group tickets, plus the clerk. */
export const SATISFACTION_DIMENSIONS = ['service', 'window', 'clerk', 'hour', 'day'] as const;
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number];

/** The five national levels, best first (server/ratings/levels.ts holds their labels). */
export type LevelCounts = Record<'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'very_dissatisfied', number>;

export interface SatisfactionFigures {
  ratings: number;
  /** 好评: 非常满意 + 满意 + 基本满意. */
  good: number;
  /** 差评: 不满意 + 非常不满意. */
  bad: number;
  /** Satisfaction rate = good / ratings (the national 好评率), 0..1; null without ratings. */
  rate: number | null;
  levels: LevelCounts;
}

export interface SatisfactionBreakdown {
  total: SatisfactionFigures;
  /** Keys as in the reports: service id, window id, clerk name, local hour "09", local date; by when the ticket was finished. */
  groups: Record<SatisfactionDimension, Record<string, SatisfactionFigures>>;
}

export interface SatisfactionSource {
  /** Tickets finished today (the hall's service day) and rated so far. */
  today(hallId: string): SatisfactionBreakdown | undefined;
  /** Tickets finished on local dates from..to (inclusive) and rated. */
  range(hallId: string, from: string, to: string): Promise<SatisfactionBreakdown | undefined>;
  /** Called after every rating of the hall (from any node). */
  onChange(hallId: string, listener: () => void): () => void;
  /** Whether the wall shows today's rate (the hall's `ratings.showOnWall`). */
  showOnWall(hallId: string): boolean;
}

declare module '../feature.ts' {
  interface FeatureServices {
    satisfaction: SatisfactionSource;
  }
}

/** Prometheus gauges of today's ratings, read from the source at scrape time. */
export function registerSatisfactionGauges(
  client: typeof import('prom-client'),
  registry: import('prom-client').Registry,
  hallIds: readonly string[],
  source: SatisfactionSource,
): void {
  new client.Gauge({
    name: 'onewindow_ratings_today',
    help: "Today's ratings (好差评) per level, by the day the ticket was finished",
    labelNames: ['hall', 'level'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const hall of hallIds) for (const [level, n] of Object.entries(source.today(hall)?.total.levels ?? {})) this.set({ hall, level }, n);
    },
  });
  new client.Gauge({
    name: 'onewindow_satisfaction_ratio',
    help: "Today's satisfaction rate: (非常满意 + 满意 + 基本满意) / all ratings (0..1); absent without ratings",
    labelNames: ['hall'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const hall of hallIds) {
        const rate = source.today(hall)?.total.rate;
        if (rate !== null && rate !== undefined) this.set({ hall }, rate);
      }
    },
  });
}

/** The satisfaction figures of one report row (reports group by service, window, hour, day; lanes are not rated). */
export function satisfactionOfRow(b: SatisfactionBreakdown | undefined, dim: string, key: string): SatisfactionFigures | undefined {
  if (!b) return undefined;
  if (key === 'TOTAL') return b.total;
  return (SATISFACTION_DIMENSIONS as readonly string[]).includes(dim) ? b.groups[dim as SatisfactionDimension][key] : undefined;
}

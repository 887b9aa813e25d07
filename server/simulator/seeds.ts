// Many seeded days of one hall: the wait estimate's error and the naive estimate's, measured on the
// same simulated visitors, per seed and as a distribution over the seeds (`npm run simulate -- --seeds N`).
import type { HallConfig } from '../domain/types.ts';
import type { SimulationConfig } from './config.ts';
import { predictionError, simulateDay, type PredictionError, type SimulatedDay } from './run-day.ts';

export interface SeedRow {
  seed: number;
  ours: PredictionError;
  naive: PredictionError;
  /** With the oracle (oracle.ts): its mean wait's error and its best point's. */
  oracle?: { mean: PredictionError; best: PredictionError };
  day: SimulatedDay;
}

export interface Spread {
  mean: number;
  /** The seed that did worst (highest MAE, lowest within-share) and best. */
  worst: number;
  best: number;
}

export interface SeedSummary {
  mae: { ours: Spread; naive: Spread };
  within: { ours: Spread; naive: Spread };
  /** Seeds on which ours had both a lower MAE and a higher within-share than the naive estimate. */
  oursBetterOn: number;
}

/** Runs one day per seed, `base`, `base + 1`, …, each on its own engine and store. */
export async function simulateSeeds(config: SimulationConfig, hall: HallConfig, count: number, base: number, oracle = false): Promise<SeedRow[]> {
  const rows: SeedRow[] = [];
  for (let seed = base; seed < base + count; seed++) {
    const day = await simulateDay({ config: { ...config, seed }, hall, oracle });
    const row: SeedRow = { seed, ours: day.error, naive: day.baselineError, day };
    if (oracle) row.oracle = { mean: predictionError(day.predictions, 'oracleMeanMs'), best: predictionError(day.predictions, 'oracleBestMs') };
    rows.push(row);
  }
  return rows;
}

export function summarise(rows: readonly SeedRow[]): SeedSummary {
  const spread = (xs: number[], higherIsBetter: boolean): Spread => {
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, worst: higherIsBetter ? lo : hi, best: higherIsBetter ? hi : lo };
  };
  return {
    mae: { ours: spread(rows.map((r) => r.ours.maeMinutes), false), naive: spread(rows.map((r) => r.naive.maeMinutes), false) },
    within: { ours: spread(rows.map((r) => r.ours.withinShare), true), naive: spread(rows.map((r) => r.naive.withinShare), true) },
    oursBetterOn: rows.filter((r) => r.ours.maeMinutes < r.naive.maeMinutes && r.ours.withinShare > r.naive.withinShare).length,
  };
}

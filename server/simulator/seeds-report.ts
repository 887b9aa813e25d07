// What `npm run simulate -- --seeds N` prints: what the days ran with, a row per seed, and the
// distribution over the seeds of the estimate's error next to the naive estimate's.
import type { HallConfig } from '../domain/types.ts';
import type { SimulationConfig } from './config.ts';
import { simulateSeeds, summarise, type Spread } from './seeds.ts';
import { describeTruth } from './truth.ts';
import { breakdown } from './breakdown.ts';
import type { SeedRow } from './seeds.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const min = (x: number) => x.toFixed(2);

/** `withBreakdown`: also where the estimate misses (breakdown.ts); `oracle`: also the ceiling (oracle.ts). */
export async function printSeedsReport(config: SimulationConfig, hall: HallConfig, count: number, base: number, withBreakdown = false, oracle = false): Promise<void> {
  const t0 = performance.now();
  const rows = await simulateSeeds(config, hall, count, base, oracle);
  const wallMs = Math.round(performance.now() - t0);
  const { truth } = config;
  console.log(`Simulated ${hall.name.en}, ${count} days (seeds ${base}…${base + count - 1}, day ${config.day}) in ${wallMs} ms.`);
  console.log(
    `The truth differs from the hall file's avgServiceMinutes (the estimator's priors): per seed, each service's true mean = ` +
      `serviceMinutes × (1 + ${truth.serviceMeanSpread})^u, each window's clerk × (1 + ${truth.clerkSpeedSpread})^u, u uniform in [−1, 1]; ` +
      `one visit is lognormal around that with cv ${config.serviceTimeCv}. No-shows ${pct(config.noShowShare)}, transfers ${pct(config.transferShare)}, ` +
      `walk ${config.walkMinutes.join('–')} min, ${config.pauses.perWindow} breaks per window of ${config.pauses.minutes.join('–')} min; ` +
      `lanes elderly ${config.lanes.elderly}, green ${config.lanes.green}, appointment ${config.lanes.appointment}.`,
  );
  console.log(`Within = the actual wait (issue → first call) is within ±20% of the estimate or ±2 min. Naive = people ahead × avgServiceMinutes ÷ open windows that take it.\n`);
  console.table(
    Object.fromEntries(
      rows.map((r) => [
        r.seed,
        { tickets: r.ours.n, 'ours MAE': min(r.ours.maeMinutes), 'ours within': pct(r.ours.withinShare), 'ours bias': min(r.ours.biasMinutes), 'naive MAE': min(r.naive.maeMinutes), 'naive within': pct(r.naive.withinShare) },
      ]),
    ),
  );
  const s = summarise(rows);
  const line = (x: Spread, f: (v: number) => string) => ({ mean: f(x.mean), worst: f(x.worst), best: f(x.best) });
  console.table({
    'ours MAE (min)': line(s.mae.ours, min),
    'naive MAE (min)': line(s.mae.naive, min),
    'ours within': line(s.within.ours, pct),
    'naive within': line(s.within.naive, pct),
  });
  if (oracle) printOracle(rows);
  console.log(`Ours beats the naive estimate (lower MAE and higher within-share) on ${s.oursBetterOn} of ${count} seeds.`);
  if (withBreakdown) {
    for (const [title, table] of Object.entries(breakdown(rows.map((r) => r.day)))) {
      console.log(`\nBy ${title} (bias = estimate − actual, minutes):`);
      console.table(table);
    }
  }
  console.log(`\nPer seed, what the day ran with:`);
  for (const r of rows) console.log(`  seed ${r.seed}: ${describeTruth(hall, r.day.truth)}`);
}

/** The ceiling next to ours: what an estimator told the day's truth would reach (oracle.ts). */
function printOracle(rows: readonly SeedRow[]) {
  const within = (f: (r: SeedRow) => number) => {
    const xs = rows.map(f);
    return { mean: pct(xs.reduce((a, b) => a + b, 0) / xs.length), worst: pct(Math.min(...xs)), best: pct(Math.max(...xs)) };
  };
  console.log('Told the truth and drawing the rest of the day 100 times per ticket (oracle.ts), within-share of:');
  console.table({
    ours: within((r) => r.ours.withinShare),
    'oracle: mean of the draws': within((r) => r.oracle!.mean.withinShare),
    'oracle: best point (the ceiling)': within((r) => r.oracle!.best.withinShare),
  });
}

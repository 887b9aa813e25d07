// The wait estimate's accuracy over 20 simulated days (issue 15): the share of tickets whose real
// wait fell within ±20% or ±2 min of the estimate, as a mean over the seeds and on the worst seed,
// next to the naive estimate (people ahead × average service time ÷ open windows) on the same
// simulated visitors. The same figures as `npm run simulate -- --seeds 20`.
import { loadDeploymentFile } from '../server/config/load.ts';
import { loadSimulationConfig } from '../server/simulator/config.ts';
import { simulateSeeds, summarise } from '../server/simulator/seeds.ts';
import type { Aim } from './aims.ts';
import type { Row } from './lib.ts';

const SEEDS = Number(process.env.BENCH_ACCURACY_SEEDS ?? 20);

export async function runEstimateAccuracyBench(): Promise<{ rows: Row[]; aims: Aim[] }> {
  const config = loadSimulationConfig('config/simulation.yaml');
  const hall = loadDeploymentFile(config.hall).halls[0]!;
  const t0 = performance.now();
  const s = summarise(await simulateSeeds(config, hall, SEEDS, 1));
  const ms = performance.now() - t0;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const row = (scenario: string, within: { mean: number; worst: number; best: number }, mae: { mean: number }): Row => ({
    scenario,
    requests: SEEDS,
    rps: 0,
    p50ms: 0,
    p99ms: 0,
    errors: 0,
    note: `within: mean ${pct(within.mean)}, worst seed ${pct(within.worst)}, best ${pct(within.best)}; MAE ${mae.mean.toFixed(2)} min`,
  });
  const naive = `naive: mean ${pct(s.within.naive.mean)}, worst ${pct(s.within.naive.worst)}`;
  return {
    rows: [row(`naive estimate, seeds 1–${SEEDS} (baseline)`, s.within.naive, s.mae.naive), row(`wait estimate, seeds 1–${SEEDS} (${(ms / 1000).toFixed(0)} s)`, s.within.ours, s.mae.ours)],
    aims: [
      { aim: `estimate within ±20%/±2 min, mean of ${SEEDS} seeds`, measured: pct(s.within.ours.mean), baseline: naive, target: '≥ 80%', met: s.within.ours.mean >= 0.8 },
      { aim: `estimate within ±20%/±2 min, worst seed`, measured: pct(s.within.ours.worst), baseline: naive, target: '≥ 70%', met: s.within.ours.worst >= 0.7 },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./lib.ts');
  const { printAims } = await import('./aims.ts');
  const out = await runEstimateAccuracyBench();
  printTable('Wait estimate accuracy', out.rows);
  printAims('Aims', out.aims);
}

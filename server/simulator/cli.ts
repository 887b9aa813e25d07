// `npm run simulate [-- --config config/simulation.yaml --seed N --day YYYY-MM-DD --out file.html]`
// Runs one simulated day, prints its metrics and the wait prediction error, writes the HTML report.
// `npm run simulate -- --seeds N [--seed-base B] [--breakdown]`: N days (seeds B … B+N−1, default
// B = 1), the estimate's error against the naive estimate's per seed and over the seeds
// (seeds-report.ts); --breakdown adds where it misses (by people ahead, estimate, wait, lane, hour).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDeploymentFile } from '../config/load.ts';
import { buildReport, periodSummary } from '../metrics/report.ts';
import { loadSimulationConfig } from './config.ts';
import { simulationHtml } from './html-report.ts';
import { simulateDay } from './run-day.ts';
import { printSeedsReport } from './seeds-report.ts';
import { describeTruth } from './truth.ts';

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a whole number ≥ 1, not ${JSON.stringify(text)}`);
  return n;
}

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'config/simulation.yaml' },
    seed: { type: 'string' },
    day: { type: 'string' },
    out: { type: 'string', default: 'data/simulation-report.html' },
    seeds: { type: 'string' },
    'seed-base': { type: 'string', default: '1' },
    breakdown: { type: 'boolean', default: false },
    oracle: { type: 'boolean', default: false },
  },
});

const config = loadSimulationConfig(values.config);
if (values.seed) config.seed = Number(values.seed);
if (values.day) config.day = values.day;
const hall = loadDeploymentFile(config.hall).halls[0]!;
if (values.seeds) {
  const base = Number(values['seed-base']);
  if (!Number.isSafeInteger(base)) throw new Error(`--seed-base takes a whole number, not ${JSON.stringify(values['seed-base'])}`);
  await printSeedsReport(config, hall, positiveInt(values.seeds, '--seeds'), base, values.breakdown, values.oracle);
  process.exit(0);
}

const t0 = performance.now();
const sim = await simulateDay({ config, hall });
const wallMs = Math.round(performance.now() - t0);

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const n1 = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const report = buildReport(hall, sim.result, 'service', sim.day, sim.day);
console.log(`Simulated ${hall.name.en}, ${sim.day}, seed ${config.seed}: ${sim.events} events in ${wallMs} ms\n`);
console.log(describeTruth(hall, sim.truth) + '\n');
console.log(periodSummary(hall, sim.result, sim.day, sim.day).text.zh + '\n');
console.table(
  Object.fromEntries(
    [...report.groups, report.total].map((g) => [
      g.key,
      { issued: g.issued, served: g.served, noShow: g.noShow, 'wait mean': n1(g.wait.mean), 'wait p90': n1(g.wait.p90), 'wait max': n1(g.wait.max), 'service mean': n1(g.service.mean), 'zero-wait': pct(g.zeroWaitRate) },
    ]),
  ),
);
console.table(Object.fromEntries(report.windows.map((w) => [w.windowId, { calls: w.calls, served: w.served, 'busy min': Math.round(w.busyMinutes), 'idle min': Math.round(w.idleMinutes), utilisation: pct(w.utilisation) }])));
const e = sim.error;
const b = sim.baselineError;
console.log(`Wait prediction (${e.n} tickets): MAE ${e.maeMinutes.toFixed(2)} min, within ±20% or ±2 min: ${pct(e.withinShare)}, bias ${e.biasMinutes.toFixed(2)} min`);
console.log(`  naive baseline (ahead × avg / open windows): MAE ${b.maeMinutes.toFixed(2)} min, within: ${pct(b.withinShare)}`);

mkdirSync(dirname(values.out!), { recursive: true });
writeFileSync(values.out!, simulationHtml(hall, sim, { seed: config.seed, wallMs }));
console.log(`\nHTML report: ${values.out}`);

// The simulator on its fixed seed: a regression guard for the wait estimator and a check that a
// whole simulated day adds up. (The estimate over many seeds: estimate-accuracy.test.ts.)
//
// Bound (documented in the report): on config/simulation.yaml, seed 20261127 — whose true service
// times are off the hall file's averages (business 15.5 min against 12, complaints 15.0 against 20,
// clerks 0.90–1.20× as slow) — the estimate given at issue has a mean absolute error of at most
// 2.5 minutes (measured 2.19) and at least 65% of tickets are called within ±20% or ±2 minutes of
// it (measured 71.5%); it also beats the naive "people ahead × configured service time / open
// windows" estimate (measured MAE 3.20, 65.0%).
import test from 'ava';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { loadSimulationConfig } from '../../server/simulator/config.ts';
import { simulationHtml } from '../../server/simulator/html-report.ts';
import { simulateDay } from '../../server/simulator/run-day.ts';
import { figuresOf } from '../../server/metrics/tally.ts';

const config = loadSimulationConfig(new URL('../../config/simulation.yaml', import.meta.url).pathname);
const hall = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname).halls[0]!;

test('the wait prediction error on the fixed seed stays within its bound', async (t) => {
  t.is(config.seed, 20261127, 'the bound is for this seed');
  const sim = await simulateDay({ config, hall });
  t.log(`estimator ${JSON.stringify(sim.error)}; naive ${JSON.stringify(sim.baselineError)}`);
  t.true(sim.error.n > 250, 'a realistic day of tickets');
  t.true(sim.error.maeMinutes <= 2.5, `MAE ${sim.error.maeMinutes} min`);
  t.true(sim.error.withinShare >= 0.65, `within share ${sim.error.withinShare}`);
  t.true(sim.error.maeMinutes < sim.baselineError.maeMinutes, 'better than the naive estimate');

  // The day adds up: every ticket ends served, no-show, transferred or cancelled.
  const f = figuresOf(sim.result.total);
  t.is(f.issued + f.transferred, f.served + f.noShow + f.transferred + f.cancelled);
  t.is(f.called, f.wait.count);
  t.true(f.elderlyServed > 0 && f.greenIssued > 0 && f.appointmentIssued > 0 && f.noShow > 0 && f.transferred > 0);
  t.true(Object.keys(sim.result.groups.hour).length >= 8, 'arrivals across the day');
  t.true(Object.values(sim.result.windows).every((w) => w.busyMs <= w.openMs));

  const html = simulationHtml(hall, sim, { seed: config.seed, wallMs: 0 });
  t.true((html.match(/<svg /g) ?? []).length >= 5, 'charts');
  t.regex(html, /MAE/);
});

test('a fixed seed gives the same day twice', async (t) => {
  const a = await simulateDay({ config: { ...config, seed: 7 }, hall });
  const b = await simulateDay({ config: { ...config, seed: 7 }, hall });
  t.deepEqual(a.result, b.result);
  t.deepEqual(a.error, b.error);
});

// The estimate's ceiling (server/simulator/oracle.ts) is only worth quoting if it leaves the day as it
// is and answers like the day itself. Oracle: the simulated day's own outcomes (each ticket's first
// call in the engine's state), scored here, not by the simulator.
import test from 'ava';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { loadSimulationConfig } from '../../server/simulator/config.ts';
import { simulateDay, type Prediction } from '../../server/simulator/run-day.ts';

const config = loadSimulationConfig(new URL('../../config/simulation-noise-only.yaml', import.meta.url).pathname);
const hall = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname).halls[0]!;
const MIN = 60_000;

const called = (ps: readonly Prediction[]) => ps.filter((p) => p.actualMs !== null && p.estimateMs !== null);
const withinShare = (ps: readonly Prediction[], pick: (p: Prediction) => number) =>
  ps.filter((p) => Math.abs(pick(p) - p.actualMs!) <= Math.max(0.2 * pick(p), 2 * MIN)).length / ps.length;

test('with the oracle the day is the same day, and its answers are as long as the waits were', async (t) => {
  const seed = 5;
  const plain = await simulateDay({ config: { ...config, seed }, hall });
  const told = await simulateDay({ config: { ...config, seed }, hall, oracle: true });
  t.deepEqual(
    told.predictions.map((p) => [p.ticketId, p.estimateMs, p.actualMs]),
    plain.predictions.map((p) => [p.ticketId, p.estimateMs, p.actualMs]),
  );
  const ps = called(told.predictions);
  t.true(ps.length > 250, 'a day of tickets');
  t.true(ps.every((p) => p.oracleMeanMs !== undefined && p.oracleBestMs !== undefined && p.oracleBestMs >= 0));
  // Its mean wait is the expected wait: over the day, neither early nor late by more than half a minute.
  const bias = ps.reduce((s, p) => s + p.oracleMeanMs! - p.actualMs!, 0) / ps.length / MIN;
  t.true(Math.abs(bias) < 0.5, `oracle bias ${bias.toFixed(2)} min`);
  // Told the truth, it is within the band at least as often as the estimate, which is not.
  const ours = withinShare(ps, (p) => p.estimateMs!);
  const ceiling = withinShare(ps, (p) => p.oracleBestMs!);
  t.log(`ours ${(ours * 100).toFixed(1)}%, oracle's best point ${(ceiling * 100).toFixed(1)}%`);
  t.true(ceiling >= ours, `ceiling ${ceiling} ≥ ours ${ours}`);
});

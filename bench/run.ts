// `npm run bench`: every benchmark, each compared with a baseline measured in the same run.
// These machines are shared and noisy: read the ratios and medians, not the absolute figures.
import { existsSync } from 'node:fs';
import { printTable, requireWrk, type Row } from './lib.ts';
import { runEngineBench } from './engine.ts';
import { printAims, type Aim } from './aims.ts';

// Every bench sends its load with wrk: without it, say so now, not after minutes of setting up.
requireWrk();
const engineRows = await runEngineBench();
printTable('Hall engine on the embedded store (cost = baseline req/s ÷ scenario req/s)', engineRows, engineRows[0]);

// Benchmarks of other parts register here when present.
const extra: { file: string; fn: string; title: string }[] = [
  { file: './redis-two-node.ts', fn: 'runRedisBench', title: 'Scale-out: two nodes on one Redis' },
  { file: './redis-cluster.ts', fn: 'runRedisClusterBench', title: 'A city on Redis Cluster: halls per node and per master (read the notes: CPU per request, memory)' },
  { file: './reports.ts', fn: 'runReportsBench', title: 'Reports over weeks of history' },
  { file: './http-stack.ts', fn: 'runHttpStackBench', title: 'HTTP stack: the cheapest answers next to a bare Koa route (cost = bare req/s ÷ req/s; server CPU a request in the note)' },
  { file: './issue-cost.ts', fn: 'runIssueCostBench', title: 'Issue cost with 10 and 10,000 waiting (20 services, 200 windows; cost = bare Koa req/s ÷ issue req/s)' },
  { file: './stream-start.ts', fn: 'runStreamStartBench', title: 'Feature streams: start after 20k events (req/s = events folded per s)' },
  { file: './estimate-accuracy.ts', fn: 'runEstimateAccuracyBench', title: 'Wait estimate accuracy over 20 simulated days (issue 15)' },
  { file: './fanout.ts', fn: 'runFanoutBench', title: 'Fan-out: server CPU ms a live event (p50/p99 columns) with 1,000 displays, one emit per event vs one write per socket an append' },
  { file: './scale.ts', fn: 'runScaleBench', title: 'Scale (issue 15): 1,000 displays, reconnect storm, memory, 200 clerks, hall start (aims and same-run baselines in the notes)' },
];
const aims: Aim[] = [];
for (const { file, fn, title } of extra) {
  if (!existsSync(new URL(file, import.meta.url))) continue;
  const mod = (await import(file)) as Record<string, () => Promise<Row[] | { rows: Row[]; baseline?: Row; aims?: Aim[] }>>;
  if (typeof mod[fn] !== 'function') continue;
  const out = await mod[fn]!();
  const rows = Array.isArray(out) ? out : out.rows;
  printTable(title, rows, Array.isArray(out) ? undefined : out.baseline);
  if (!Array.isArray(out) && out.aims) aims.push(...out.aims);
}
printAims('Issue 15 aims: each figure, its same-run baseline and its aim', aims);

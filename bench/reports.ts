// Reports over weeks of history: how long a report over 8 weeks takes when each day is folded
// from the event log (cold) and when closed days come from the day cache (warm), next to the
// bare cost of reading those weeks of events from the store (the baseline any recompute pays).
// Runnable alone: `npx tsx bench/reports.ts` (REPORTS_BENCH_WEEKS=8 by default).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDeploymentFile } from '../server/config/load.ts';
import { addDays, startOfLocalDay } from '../server/metrics/days.ts';
import { metricsPlugin } from '../server/metrics/plugin.ts';
import { ReportSource } from '../server/metrics/report-source.ts';
import { buildReport } from '../server/metrics/report.ts';
import { loadSimulationConfig } from '../server/simulator/config.ts';
import { simulateDays } from '../server/simulator/run-day.ts';
import { createLogger } from '../server/log.ts';
import { startServer } from '../server/server.ts';
import { SqliteEventStore } from '../server/store/sqlite.ts';
import { streams } from '../server/store/streams.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

import type { Row } from './lib.ts';

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; mean: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
  return { p50: at(50), p99: at(99), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

const row = (scenario: string, n: number, t: { p50: number; p99: number; mean: number }, note?: string): Row => ({
  scenario,
  requests: n,
  rps: Math.round((1000 / t.mean) * 10) / 10,
  p50ms: t.p50,
  p99ms: t.p99,
  errors: 0,
  note,
});

export async function runReportsBench(opts: { weeks?: number; log?: (s: string) => void } = {}): Promise<{ rows: Row[]; baseline: Row }> {
  const weeks = opts.weeks ?? Number(process.env.REPORTS_BENCH_WEEKS ?? 8);
  const log = opts.log ?? ((s: string) => console.error(s));
  const deployment = loadDeploymentFile(join(ROOT, 'config/demo-hall.yaml'));
  const hall = deployment.halls[0]!;
  const config = loadSimulationConfig(join(ROOT, 'config/simulation.yaml'));
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-reports-bench-'));
  const store = new SqliteEventStore(join(dir, 'history.sqlite'));
  try {
    const first = '2026-09-07';
    const days = Array.from({ length: weeks * 7 }, (_, i) => addDays(first, i));
    const last = days.at(-1)!;
    const g0 = performance.now();
    const sims = await simulateDays({ config, hall, store }, days);
    const events = sims.reduce((s, d) => s + d.events, 0);
    const tickets = sims.reduce((s, d) => s + d.result.total.issued, 0);
    log(`reports bench: simulated ${days.length} days (${tickets} tickets, ${events} events) in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const now = startOfLocalDay(addDays(last, 1), hall.timeZone) + 9 * 3600_000;
    const from = startOfLocalDay(first, hall.timeZone);
    const to = startOfLocalDay(addDays(last, 1), hall.timeZone);
    const span = `${weeks} weeks`;

    const rows: Row[] = [];
    const baseline = row(`baseline: readRange ${span} of events`, 5, await time(5, () => store.readRange(streams.hall(hall.id), from, to)), `${events} events`);
    rows.push(baseline);
    rows.push(
      row(
        `cold report ${span} by service`,
        5,
        await time(5, async () => buildReport(hall, await new ReportSource(store, { now: () => now }).range(hall, first, last, ['service']), 'service', first, last)),
        'every day read and folded',
      ),
    );
    const warm = new ReportSource(store, { now: () => now });
    await warm.range(hall, first, last);
    for (const groupBy of ['service', 'hour', 'day'] as const)
      rows.push(row(`warm report ${span} by ${groupBy}`, 20, await time(20, async () => buildReport(hall, await warm.range(hall, first, last, [groupBy]), groupBy, first, last)), 'closed days from the cache'));

    // Over HTTP on a real node (JSON and CSV), the cache warmed by the first request.
    const server = await startServer({ deployment, store, env: { PORT: '0', HOST: '127.0.0.1' }, engine: { clock: () => now }, plugins: [metricsPlugin({ prewarmDays: 0 })], logger: createLogger({ level: 'warn' }) });
    try {
      const get = (q: string) => fetch(`${server.url}/api/reports?from=${first}&to=${last}${q}`, { headers: { authorization: 'Bearer demo-admin' } }).then((r) => r.text());
      const coldHttp = await time(1, () => get('&groupBy=service'));
      rows.push(row(`HTTP GET /api/reports ${span}, first request`, 1, coldHttp, 'cold cache'));
      rows.push(row(`HTTP GET /api/reports ${span} JSON`, 20, await time(20, () => get('&groupBy=service')), 'warm'));
      rows.push(row(`HTTP GET /api/reports ${span} CSV by day`, 20, await time(20, () => get('&groupBy=day&format=csv')), 'warm'));
      rows.push(row(`HTTP GET /api/reports/summary ${span}`, 20, await time(20, () => fetch(`${server.url}/api/reports/summary?from=${first}&to=${last}`, { headers: { authorization: 'Bearer demo-admin' } }).then((r) => r.text())), 'warm'));
    } finally {
      await server.close();
    }
    for (const r of rows) {
      r.p50ms = Math.round(r.p50ms * 10) / 10;
      r.p99ms = Math.round(r.p99ms * 10) / 10;
    }
    return { rows, baseline };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { rows, baseline } = await runReportsBench();
  const header = ['scenario', 'runs', 'per s', 'p50 ms', 'p99 ms', 'vs baseline p50', 'note'];
  const lines = rows.map((r) => [r.scenario, String(r.requests), String(r.rps), r.p50ms.toFixed(1), r.p99ms.toFixed(1), `${(r.p50ms / baseline.p50ms).toFixed(2)}×`, r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log('\nReports over weeks of history');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

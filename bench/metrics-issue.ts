// The metrics plug-in's share of issuing a ticket, in process: what followHalls and the issue
// answer's wait estimate (plugin.ts) do per issue in the issue-cost bench's hall (20 services,
// 200 windows), without HTTP, SQLite or the forecast's own catch-up (which are not the plug-in's).
//
// A day is recorded once through a real HallEngine (SQLite in a temporary directory, a stepped
// clock, issues sent `BATCH` at a time so group commit makes batches as the HTTP bench does), then
// replayed into a fresh LiveMetrics loaded from each of `METRICS_ROOTS` (default: this checkout), so
// two checkouts are timed A/B on the same recording, replays alternating in one process:
//   RECORD_ROOT=/path/to/a-third-copy METRICS_ROOTS=/path/to/checkout-a,/path/to/checkout-b \
//     node --expose-gc --import tsx bench/metrics-issue.ts
// Per batch the replay hands the events to the forecast (untimed, as the engine does), catches the
// forecast up (untimed: forecasts.of), then times live.apply(events) and one estimate per ticket
// issued in the batch, as waitEstimate asks for it. It prints µs an issue (median of REPS replays)
// and a checksum of every estimate and the day's figures, which two checkouts must print alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../server/domain/events.ts';
import type { HallState, Ticket } from '../server/domain/types.ts';

const WAITING = Number(process.env.WAITING ?? 10);
const ISSUES = Number(process.env.ISSUES ?? 8000);
const BATCH = Number(process.env.BATCH ?? 10);
const REPS = Number(process.env.REPS ?? 15);
/** Replays first run and not counted (the JIT's warm-up). */
const WARM_REPS = 3;
/** Windows called once before the run (0: all idle, as in the HTTP bench). */
const BUSY = Number(process.env.BUSY ?? 0);
/** Checkouts to time, replays alternating between them in this one process (the same minutes of a shared machine). */
const ROOTS = (process.env.METRICS_ROOTS ?? new URL('..', import.meta.url).pathname).split(',');

interface Step {
  events: StoredEvent[];
  state: HallState;
  now: number;
  /** Tickets issued by the batch, answered with their estimate. */
  issued: string[];
}

/**
 * The checkout whose engine records the day: not one of those timed when A/B matters, as the code
 * the recording ran (the domain's forecast, ticket table) was slower to replay with after it
 * (an A/A run with this checkout recording read it 30% dearer than a copy).
 */
const RECORD_ROOT = process.env.RECORD_ROOT ?? new URL('..', import.meta.url).pathname;

async function record() {
  const { HallEngine } = (await import(join(RECORD_ROOT, 'server/engine/hall-engine.ts'))) as typeof import('../server/engine/hall-engine.ts');
  const { writeDeployment } = (await import(join(RECORD_ROOT, 'bench/issue-cost.ts'))) as typeof import('./issue-cost.ts');
  const { SqliteEventStore } = (await import(join(RECORD_ROOT, 'server/store/sqlite.ts'))) as typeof import('../server/store/sqlite.ts');
  const dir = mkdtempSync(join(tmpdir(), 'metrics-issue-'));
  const { deployment } = writeDeployment(dir);
  const hall = deployment.halls.find((h) => h.id === 'small')!;
  const store = new SqliteEventStore(join(dir, 'log.sqlite'));
  let clock = Date.parse('2026-12-01T01:00:00Z'); // 09:00 in the demo hall's zone
  let ids = 0;
  // A stepped clock and counted ids: every recording of one setting is the same day.
  const engine = new HallEngine(hall, store, { clock: () => Math.floor(clock), newId: () => `t${++ids}` });
  await engine.start();
  const steps: Step[] = [];
  let pending: Step | undefined;
  engine.onEvents((events, state) => {
    pending = { events: [...events] as StoredEvent[], state, now: engine.now(), issued: [] };
    steps.push(pending);
  });
  const issue = (i: number) => engine.execute({ type: 'issue', serviceId: hall.services[i % hall.services.length]!.id, lane: 'normal', source: 'bench' }, { role: 'triage', name: 'bench' });
  for (let i = 0; i < WAITING; i++) await issue(i);
  for (let w = 0; w < BUSY; w++) await engine.execute({ type: 'callNext', windowId: hall.windows[w]!.id }, { role: 'clerk', name: 'bench' });
  const warm = steps.length;
  for (let i = 0; i < ISSUES; i += BATCH) {
    clock += 0.15 * BATCH;
    const results = await Promise.all(Array.from({ length: Math.min(BATCH, ISSUES - i) }, (_, k) => issue(i + k)));
    // The answers of one batch are read on the batch's state, as the HTTP route answers them.
    for (const r of results) steps.at(-1)!.issued.push((r.result as { ticket: Ticket }).ticket.id);
  }
  await engine.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { hall, warm: steps.slice(0, warm), run: steps.slice(warm) };
}

async function replay(ROOT: string, rec: Awaited<ReturnType<typeof record>>) {
  const { LiveMetrics } = (await import(join(ROOT, 'server/metrics/live.ts'))) as typeof import('../server/metrics/live.ts');
  const { Forecasts } = (await import(join(ROOT, 'server/domain/forecasts.ts'))) as typeof import('../server/domain/forecasts.ts');
  const { ticketById } = (await import(join(ROOT, 'server/domain/ticket-table.ts'))) as typeof import('../server/domain/ticket-table.ts');
  const forecasts = new Forecasts(rec.hall);
  const live = new LiveMetrics(rec.hall, forecasts);
  for (const s of rec.warm) {
    for (const e of s.events) forecasts.observe(e);
    live.apply(s.events);
  }
  // CPU time of the process, GC helpers included (not wall time: the machine is shared, and a preempted batch read 5× dearer).
  let us = 0;
  let sum = 0;
  for (const s of rec.run) {
    for (const e of s.events) forecasts.observe(e);
    forecasts.of(s.state, s.now);
    const t0 = process.cpuUsage();
    live.apply(s.events);
    for (const id of s.issued) {
      const e = live.estimate(s.state, ticketById(s.state.tickets, id)!, s.now);
      sum = (sum * 31 + (e.ms ?? -1) + e.ahead) % 1e12;
    }
    const t1 = process.cpuUsage(t0);
    us += t1.user + t1.system;
  }
  const last = rec.run.at(-1)!;
  const check = `${sum}|${JSON.stringify(live.payload(last.state, last.now)).length}|${JSON.stringify(live.fold.result(last.now).groups.service).length}`;
  return { usPerIssue: us / ISSUES, check };
}

const rec = await record();
const runs = ROOTS.map(() => [] as number[]);
const checks = new Set<string>();
for (let i = 0; i < REPS + WARM_REPS; i++) {
  for (let k = 0; k < ROOTS.length; k++) {
    // A full collection between replays, so one replay's garbage is not marked in the next one's time.
    (globalThis as { gc?: () => void }).gc?.();
    const r = await replay(ROOTS[k]!, rec);
    if (i >= WARM_REPS) runs[k]!.push(r.usPerIssue);
    checks.add(r.check);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
for (const [k, root] of ROOTS.entries()) {
  const all = [...runs[k]!].sort((a, b) => a - b);
  // Against the first checkout, replay by replay (the two ran back to back): steadier than the medians' ratio on a shared machine.
  const paired = runs[k]!.map((r, i) => r / runs[0]![i]!);
  console.log(
    JSON.stringify({ root, waiting: WAITING, busy: BUSY, batch: BATCH, median: +median(all).toFixed(2), min: +all[0]!.toFixed(2), max: +all.at(-1)!.toFixed(2), pairedRatio: +median(paired).toFixed(3) }),
  );
}
// Every checkout must give the same estimates and figures.
console.log(checks.size === 1 ? `same results: ${[...checks][0]}` : `RESULTS DIFFER: ${[...checks].join(' / ')}`);

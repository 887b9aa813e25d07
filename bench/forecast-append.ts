// What the kept forecast (server/domain/forecasts.ts) costs per issued ticket on the issue bench's
// hall (bench/issue-cost.ts: 20 services, 200 windows of three services, all closed), in-process:
// tickets issued through the real decide/evolve, several at one instant (random ids, as the engine's),
// their events handed to `observe`, then the forecast read as the server reads it (`of`, then the
// issued tickets' entries). Only the forecast's part is timed, as this thread's CPU time. Per-issue
// µs with 10 and 10,000 waiting at the start.
//   npx tsx bench/forecast-append.ts                      (this worktree's forecast)
//   FC_SRC=/tmp/fc-base,. npx tsx bench/forecast-append.ts  (copies' server/domain/forecasts.ts, A/B
//   in one process, repetitions alternating: a copy of main's server/ at /tmp/fc-base, say)
// FC_BATCH: tickets an instant (4); FC_READ: each (read after every ticket) or batch (after an
// instant's); FC_ISSUES: issues a repetition (2,000); FC_REPS: repetitions (15).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { dayDue, decide, type EventBody } from '../server/domain/decide.ts';
import type { StoredEvent } from '../server/domain/events.ts';
import { evolve, initialState } from '../server/domain/evolve.ts';
import type { HallConfig, HallState } from '../server/domain/types.ts';
import type { Command } from '../server/domain/commands.ts';
import { writeDeployment } from './issue-cost.ts';

const BATCH = Number(process.env.FC_BATCH ?? 4);
const ISSUES = Number(process.env.FC_ISSUES ?? 2000);
const REPS = Number(process.env.FC_REPS ?? 15);
/** each: the forecast read after every ticket (requests in one ms, each its own batch); batch: once a batch. */
const READ = process.env.FC_READ ?? 'each';
/** The copies compared, repetitions alternating between them in one process. */
const SRCS = (process.env.FC_SRC ?? '.').split(',').map((dir) => resolve(dir));
type ForecastsClass = typeof import('../server/domain/forecasts.ts').Forecasts;
const copies: { src: string; Forecasts: ForecastsClass }[] = [];
for (const src of SRCS) copies.push({ src, Forecasts: ((await import(join(src, 'server/domain/forecasts.ts'))) as { Forecasts: ForecastsClass }).Forecasts });

const T0 = Date.parse('2026-11-30T09:00:00+08:00');
/** Random ids like the engine's: tickets of one instant come in any id order. */
const ctx = (now: number) => ({ now, newId: () => randomBytes(6).toString('base64url') });

/** Decides and folds one command; the stored events it made (the day roll first when due). */
function run(hall: HallConfig, state: HallState, command: Command, now: number): { state: HallState; events: StoredEvent[] } {
  let s = state;
  const events: StoredEvent[] = [];
  const fold = (b: EventBody) => {
    const e = { ...b, hallId: hall.id, at: now, seq: s.seq + 1 } as StoredEvent;
    events.push(e);
    s = evolve(s, e);
  };
  if (dayDue(hall, s, now)) for (const e of decide(hall, s, { type: 'rollDay' }, ctx(now)).events) fold(e);
  for (const e of decide(hall, s, command, ctx(now)).events) fold(e);
  return { state: s, events };
}

function seed(hall: HallConfig, waiting: number): { state: HallState; now: number } {
  let s = initialState(hall.id);
  let now = T0;
  for (let i = 0; i < waiting; i++) s = run(hall, s, { type: 'issue', serviceId: hall.services[i % hall.services.length]!.id, lane: 'normal' }, (now += 1)).state;
  return { state: s, now };
}

interface Batch {
  events: StoredEvent[];
  state: HallState;
  now: number;
  ids: string[];
}

/** ISSUES issues from `start`, BATCH at one instant, a ms apart, read after each (READ=each) or after the instant's: made once, read by every repetition. */
function batches(hall: HallConfig, start: HallState, from: number): Batch[] {
  const out: Batch[] = [];
  let s = start;
  let now = from + 1000;
  for (let issued = 0; issued < ISSUES; ) {
    now += 1;
    let batch: Batch = { events: [], state: s, now, ids: [] };
    for (let k = 0; k < BATCH; k++, issued++) {
      const r = run(hall, s, { type: 'issue', serviceId: hall.services[issued % hall.services.length]!.id, lane: 'normal' }, now);
      s = r.state;
      batch.events.push(...r.events);
      batch.ids.push((r.events.at(-1)!.data as { ticket: { id: string } }).ticket.id);
      batch.state = s;
      if (READ === 'each') out.push(batch), (batch = { events: [], state: s, now, ids: [] });
    }
    if (READ !== 'each') out.push(batch);
  }
  return out;
}

/** CPU µs (this thread's user + system: robust to the other processes of a shared machine) of forecast work per issued ticket. */
function repetition(Forecasts: ForecastsClass, hall: HallConfig, start: HallState, from: number, work: Batch[]): number {
  const forecasts = new Forecasts(hall);
  forecasts.of(start, from + 1000);
  const cpu0 = process.cpuUsage();
  for (const b of work) {
    for (const e of b.events) forecasts.observe(e);
    const f = forecasts.of(b.state, b.now);
    for (const id of b.ids) if (!f.tickets.get(id)) throw new Error(`no forecast for ${id}`);
  }
  const cpu = process.cpuUsage(cpu0);
  if (forecasts.runs > 1) throw new Error(`${forecasts.runs} full runs: the bench is not measuring the append path`);
  return (cpu.user + cpu.system) / ISSUES;
}

const dir = mkdtempSync(join(tmpdir(), 'onewindow-forecast-append-'));
try {
  const hall = writeDeployment(dir).deployment.halls.find((h) => h.id === 'small')!;
  for (const waiting of [10, 10_000]) {
    const { state, now } = seed(hall, waiting);
    const work = batches(hall, state, now);
    const us = copies.map(() => [] as number[]);
    for (let r = 0; r < REPS; r++) copies.forEach((c, i) => us[i]!.push(repetition(c.Forecasts, hall, state, now, work)));
    copies.forEach((c, i) => {
      const xs = us[i]!.sort((a, b) => a - b);
      console.log(`${c.src}: ${waiting} waiting, ${BATCH} an instant, read ${READ}: median ${xs[xs.length >> 1]!.toFixed(2)} CPU µs an issue (min ${xs[0]!.toFixed(2)}, max ${xs.at(-1)!.toFixed(2)}, ${REPS} runs)`);
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The hall simulator: a discrete-event run of service days against the real engine (HallEngine,
// decide/evolve, an event store) with a fake clock. Visitors arrive by the hour, take numbers in
// their lanes, walk to the window when called (or never come), are served for a lognormal time,
// sometimes transferred; clerks press next, take breaks between visitors and close at the end.
// Every issued ticket gets the wait estimate the API would give; the run measures its error.
import type { StoredEvent } from '../domain/events.ts';
import type { HallConfig, HallState, Lane, Ticket } from '../domain/types.ts';
import type { Estimate } from '../metrics/estimate.ts';
import { HallEngine } from '../engine/hall-engine.ts';
import type { EventStore } from '../store/port.ts';
import { SqliteEventStore } from '../store/sqlite.ts';
import type { FoldResult } from '../metrics/day-fold.ts';
import { startOfLocalDay } from '../metrics/days.ts';
import { LiveMetrics } from '../metrics/live.ts';
import type { SimulationConfig } from './config.ts';
import { DayRun } from './day-run.ts';
import { ticketById } from '../domain/ticket-table.ts';
import type { ServiceTruth } from './truth.ts';

const MIN = 60_000;

export interface Prediction {
  ticketId: string;
  serviceId: string;
  lane: Lane;
  issuedAt: number;
  /** The core's people ahead at issue, and the open windows that may take it. */
  ahead: number;
  windows: number;
  /** The estimate the API gives at issue, ms. */
  estimateMs: number | null;
  /** A naive estimate for comparison: people ahead × configured service time / open windows. */
  baselineMs: number | null;
  /** Issue → first call, ms; null when never called. */
  actualMs: number | null;
  /** With `oracle`: the mean and the best point of the waits drawn knowing the day's truth (oracle.ts). */
  oracleMeanMs?: number;
  oracleBestMs?: number;
}

export interface PredictionError {
  n: number;
  maeMinutes: number;
  /** Share of tickets whose actual wait was within ±20% or ±2 minutes of the estimate. */
  withinShare: number;
  /** Mean signed error (estimate − actual), minutes: positive means the estimate is pessimistic. */
  biasMinutes: number;
}

export interface SimulatedDay {
  day: string;
  result: FoldResult;
  predictions: Prediction[];
  error: PredictionError;
  baselineError: PredictionError;
  /** The true service times the day ran with. */
  truth: ServiceTruth;
  seed: number;
  events: number;
  start: number;
  end: number;
}

export function predictionError(preds: readonly Prediction[], which: 'estimateMs' | 'baselineMs' | 'oracleMeanMs' | 'oracleBestMs' = 'estimateMs'): PredictionError {
  let n = 0;
  let abs = 0;
  let signed = 0;
  let within = 0;
  for (const p of preds) {
    const est = p[which];
    if (est === null || est === undefined || p.actualMs === null) continue;
    n++;
    const err = est - p.actualMs;
    abs += Math.abs(err);
    signed += err;
    if (Math.abs(err) <= Math.max(0.2 * est, 2 * MIN)) within++;
  }
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n, maeMinutes: n ? r(abs / n / MIN) : 0, withinShare: n ? Math.round((within / n) * 10_000) / 10_000 : 0, biasMinutes: n ? r(signed / n / MIN) : 0 };
}

export interface SimulatorOptions {
  config: SimulationConfig;
  hall: HallConfig;
  /** Defaults to an in-memory SQLite store. */
  store?: EventStore;
  /** Called with every batch of events (e.g. to print progress). */
  onEvents?: (events: StoredEvent[]) => void;
  /** Also the oracle's waits for every issued ticket (oracle.ts; a noise-only day). */
  oracle?: boolean;
  /** Called after every issue with the hall as it is then (a test checks every waiting ticket's estimate). */
  onIssue?: (view: IssueView) => void;
}

export interface IssueView {
  state: HallState;
  now: number;
  /** The estimate the API gives for a waiting ticket now. */
  estimate: (ticket: Ticket) => Estimate;
}

/** Runs `days` (YYYY-MM-DD, in order) back to back on one engine; each day uses seed + its index. */
export async function simulateDays(options: SimulatorOptions, days: string[]): Promise<SimulatedDay[]> {
  const store = options.store ?? new SqliteEventStore(':memory:');
  let now = startOfLocalDay(days[0]!, options.hall.timeZone);
  let ids = 0;
  const engine = new HallEngine(options.hall, store, { clock: () => now, newId: () => `s${(++ids).toString(36)}`, snapshotEvery: 1_000_000 });
  await engine.start();
  let live = new LiveMetrics(options.hall, engine.forecasts);
  let eventCount = 0;
  engine.onEvents((events) => {
    live.apply(events);
    eventCount += events.length;
    options.onEvents?.(events);
  });
  const out: SimulatedDay[] = [];
  try {
    for (let i = 0; i < days.length; i++) {
      live = new LiveMetrics(options.hall, engine.forecasts);
      eventCount = 0;
      const day = await runDay(engine, options, days[i]!, options.config.seed + i, (t) => (now = t), () => live);
      out.push({ ...day, events: eventCount });
    }
  } finally {
    await engine.stop();
    if (!options.store) await store.close();
  }
  return out;
}

export async function simulateDay(options: SimulatorOptions): Promise<SimulatedDay> {
  return (await simulateDays(options, [options.config.day]))[0]!;
}

/** One day: set up and run on the engine, then each prediction's actual wait and the day's figures. */
async function runDay(
  engine: HallEngine,
  { config, hall, onIssue, oracle }: SimulatorOptions,
  day: string,
  seed: number,
  setNow: (t: number) => void,
  live: () => LiveMetrics,
): Promise<Omit<SimulatedDay, 'events'>> {
  const run = new DayRun(engine, config, hall, day, seed, setNow, live, onIssue, oracle);
  await run.run();
  const preds = actualWaits(engine.current, run.predictions.values());
  return {
    day,
    result: live().fold.result(run.now),
    predictions: preds,
    error: predictionError(preds, 'estimateMs'),
    baselineError: predictionError(preds, 'baselineMs'),
    truth: run.truth,
    seed,
    start: run.open,
    end: run.now,
  };
}

/** Fills in each prediction's actual wait (issue → first call) from the state at the end of the day. */
function actualWaits(state: HallEngine['current'], predictions: Iterable<Prediction>): Prediction[] {
  const preds = [...predictions];
  for (const p of preds) {
    const t = ticketById(state.tickets, p.ticketId);
    p.actualMs = t?.firstCalledAt !== undefined ? t.firstCalledAt - t.issuedAt : null;
  }
  return preds;
}

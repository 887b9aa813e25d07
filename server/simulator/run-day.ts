// The hall simulator: a discrete-event run of service days against the real engine (HallEngine,
// decide/evolve, an event store) with a fake clock. Visitors arrive by the hour, take numbers in
// their lanes, walk to the window when called (or never come), are served for a lognormal time,
// sometimes transferred; clerks press next, take breaks between visitors and close at the end.
// Every issued ticket gets the wait estimate the API would give; the run measures its error.
import type { StoredEvent } from '../domain/events.ts';
import { windowTakes } from '../domain/lane-policy.ts';
import type { Actor, HallConfig, Lane, Ticket } from '../domain/types.ts';
import { HallEngine } from '../engine/hall-engine.ts';
import type { EventStore } from '../store/port.ts';
import { SqliteEventStore } from '../store/sqlite.ts';
import type { FoldResult } from '../metrics/day-fold.ts';
import { startOfLocalDay } from '../metrics/days.ts';
import { LiveMetrics } from '../metrics/live.ts';
import { Agenda } from './agenda.ts';
import type { SimulationConfig } from './config.ts';
import { Random } from './random.ts';
import { ticketById, ticketList } from '../domain/ticket-table.ts';

const MIN = 60_000;

export interface Prediction {
  ticketId: string;
  serviceId: string;
  lane: Lane;
  issuedAt: number;
  /** The estimate the API gives at issue, ms. */
  estimateMs: number | null;
  /** A naive estimate for comparison: people ahead × configured service time / open windows. */
  baselineMs: number | null;
  /** Issue → first call, ms; null when never called. */
  actualMs: number | null;
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
  events: number;
  start: number;
  end: number;
}

export function predictionError(preds: readonly Prediction[], which: 'estimateMs' | 'baselineMs' = 'estimateMs'): PredictionError {
  let n = 0;
  let abs = 0;
  let signed = 0;
  let within = 0;
  for (const p of preds) {
    const est = p[which];
    if (est === null || p.actualMs === null) continue;
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

async function runDay(
  engine: HallEngine,
  { config, hall }: SimulatorOptions,
  day: string,
  seed: number,
  setNow: (t: number) => void,
  live: () => LiveMetrics,
): Promise<Omit<SimulatedDay, 'events'>> {
  const rnd = new Random(seed);
  const agenda = new Agenda();
  const midnight = startOfLocalDay(day, hall.timeZone);
  const at = (hhmm: string) => midnight + Number(hhmm.slice(0, 2)) * 3600_000 + Number(hhmm.slice(3)) * MIN;
  const open = at(config.open);
  const lastTicket = at(config.lastTicket);
  let now = open;
  const triage: Actor = { role: 'triage', name: '咨询台' };
  const clerk = (w: string): Actor => ({ role: 'clerk', name: `clerk-${w}` });
  const services = Object.fromEntries(hall.services.map((s) => [s.id, s]));
  const mix = Object.fromEntries(Object.entries(config.serviceMix).filter(([id]) => services[id])) as Record<string, number>;
  const laneWeights: Record<Lane, number> = {
    elderly: config.lanes.elderly,
    green: config.lanes.green,
    appointment: config.lanes.appointment,
    normal: Math.max(0, 1 - config.lanes.elderly - config.lanes.green - config.lanes.appointment),
  };
  for (const lane of Object.keys(laneWeights) as Lane[]) if (!hall.lanes.includes(lane)) laneWeights[lane] = 0;
  const exec = (c: Parameters<HallEngine['execute']>[0], actor: Actor) => {
    setNow(now);
    return engine.execute(c, actor);
  };
  const predictions = new Map<string, Prediction>();

  // Arrivals: a Poisson process per local hour.
  let arrivalsLeft = 0;
  for (const [hh, perHour] of Object.entries(config.arrivalsPerHour)) {
    if (perHour <= 0) continue;
    const from = Math.max(open, midnight + Number(hh) * 3600_000);
    const to = Math.min(lastTicket, midnight + (Number(hh) + 1) * 3600_000);
    for (let t = from + rnd.exponential(3600_000 / perHour); t < to; t += rnd.exponential(3600_000 / perHour)) {
      arrivalsLeft++;
      agenda.schedule(t, () => arrive());
    }
  }

  let bookings = 0;
  async function arrive() {
    arrivalsLeft--;
    const serviceId = rnd.pick(mix);
    const lane = rnd.pick(laneWeights);
    const { events, state } = await exec({ type: 'issue', serviceId, lane, source: 'simulator', ...(lane === 'appointment' ? { appointmentId: `sim-booking-${++bookings}` } : {}) }, triage);
    const ticket = (events.find((e) => e.type === 'ticket:issued')!.data as { ticket: Ticket }).ticket;
    const est = live().estimate(state, ticketById(state.tickets, ticket.id)!, now);
    const openWindows = hall.windows.filter((w) => state.windows[w.id]?.status === 'open' && windowTakes(w, ticket)).length;
    predictions.set(ticket.id, {
      ticketId: ticket.id,
      serviceId,
      lane,
      issuedAt: now,
      estimateMs: est.ms,
      baselineMs: openWindows ? (est.ahead * services[serviceId]!.avgServiceMinutes * MIN) / openWindows : null,
      actualMs: null,
    });
  }

  // Windows: a clerk per window pressing next, with breaks between visitors.
  const pendingPause = new Map<string, number>();
  const closed = new Set<string>();
  for (const w of hall.windows) {
    agenda.schedule(open + rnd.uniform(0, 2) * MIN, () => press(w.id));
    for (let i = 0; i < config.pauses.perWindow; i++) {
      agenda.schedule(rnd.uniform(open + 30 * MIN, lastTicket), () => {
        pendingPause.set(w.id, rnd.uniform(...config.pauses.minutes) * MIN);
      });
    }
  }

  const anyOpenWork = () => ticketList(engine.current.tickets).some((t) => t.status === 'waiting' || t.status === 'called' || t.status === 'serving');

  async function press(windowId: string) {
    const pause = pendingPause.get(windowId);
    if (pause !== undefined && now < lastTicket) {
      pendingPause.delete(windowId);
      const ws = engine.current.windows[windowId];
      // Before the break the clerk finishes the ticket at the window; a refusal (the ticket is in a state
      // finish does not take) is an expected outcome of the simulated day, and the pause goes ahead.
      if (ws?.currentTicketId) await exec({ type: 'finish', windowId }, clerk(windowId)).catch(() => {});
      await exec({ type: 'pauseWindow', windowId, reason: 'break' }, clerk(windowId));
      agenda.schedule(now + pause, async () => {
        await exec({ type: 'resumeWindow', windowId }, clerk(windowId));
        await press(windowId);
      });
      return;
    }
    const { events } = await exec({ type: 'callNext', windowId }, clerk(windowId));
    const called = events.find((e) => e.type === 'ticket:called');
    if (!called) {
      if (arrivalsLeft === 0 && now >= lastTicket && !anyOpenWork()) {
        if (!closed.has(windowId)) {
          closed.add(windowId);
          await exec({ type: 'closeWindow', windowId }, clerk(windowId));
        }
        return;
      }
      agenda.schedule(now + config.idlePollMinutes * MIN, () => press(windowId));
      return;
    }
    const ticket = ticketById(engine.current.tickets, (called.data as { ticketId: string }).ticketId)!;
    const gap = config.gapMinutes * MIN;
    if (rnd.next() < config.noShowShare) {
      agenda.schedule(now + 1 * MIN, () => exec({ type: 'recall', windowId }, clerk(windowId)).then(() => {}));
      agenda.schedule(now + 3 * MIN, async () => {
        await exec({ type: 'noShow', windowId }, clerk(windowId));
        agenda.schedule(now + gap, () => press(windowId));
      });
      return;
    }
    const walk = rnd.uniform(...config.walkMinutes) * MIN;
    const service = rnd.lognormal(config.serviceMinutes[ticket.serviceId] ?? services[ticket.serviceId]!.avgServiceMinutes, config.serviceTimeCv) * MIN;
    const transfer = rnd.next() < config.transferShare;
    agenda.schedule(now + walk, () => exec({ type: 'start', windowId }, clerk(windowId)).then(() => {}));
    agenda.schedule(now + walk + (transfer ? service / 3 : service), async () => {
      if (transfer) {
        const others = Object.fromEntries(Object.entries(mix).filter(([id]) => id !== ticket.serviceId));
        await exec({ type: 'transfer', windowId, toServiceId: rnd.pick(others) }, clerk(windowId));
      } else {
        await exec({ type: 'finish', windowId }, clerk(windowId));
      }
      agenda.schedule(now + gap, () => press(windowId));
    });
  }

  for (let e = agenda.pop(); e; e = agenda.pop()) {
    now = Math.max(now, e.at);
    await e.run();
  }

  const state = engine.current;
  for (const p of predictions.values()) {
    const t = ticketById(state.tickets, p.ticketId);
    p.actualMs = t?.firstCalledAt !== undefined ? t.firstCalledAt - t.issuedAt : null;
  }
  const preds = [...predictions.values()];
  return {
    day,
    result: live().fold.result(now),
    predictions: preds,
    error: predictionError(preds, 'estimateMs'),
    baselineError: predictionError(preds, 'baselineMs'),
    start: open,
    end: now,
  };
}

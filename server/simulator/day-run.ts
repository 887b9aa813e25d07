// One simulated service day on the real engine: the set-up (clock times, lanes, service mix), the
// agenda of arrivals and clerks' presses, and the steps the agenda runs. The random draws happen in
// a fixed order (arrivals, then each window's first press and breaks, then as the agenda runs), so a
// seed gives the same day every time.
import { windowTakes } from '../domain/lane-policy.ts';
import { ticketById, ticketList } from '../domain/ticket-table.ts';
import type { Actor, HallConfig, HallState, Lane, ServiceConfig, Ticket } from '../domain/types.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { startOfLocalDay } from '../metrics/days.ts';
import type { LiveMetrics } from '../metrics/live.ts';
import { Agenda } from './agenda.ts';
import type { SimulationConfig } from './config.ts';
import { Random } from './random.ts';
import type { IssueView, Prediction } from './run-day.ts';
import { drawTruth, type ServiceTruth } from './truth.ts';
import { oracleWait } from './oracle.ts';

const MIN = 60_000;
const ORACLE_STREAM = 0x0ac1e;
const HOUR = 3600_000;

const triage: Actor = { role: 'triage', name: '咨询台' };
const clerk = (w: string): Actor => ({ role: 'clerk', name: `clerk-${w}` });

/** The share of each lane among arrivals; a lane the hall does not run gets none. */
function laneWeightsOf(config: SimulationConfig, hall: HallConfig): Record<Lane, number> {
  const weights: Record<Lane, number> = {
    elderly: config.lanes.elderly,
    green: config.lanes.green,
    appointment: config.lanes.appointment,
    normal: Math.max(0, 1 - config.lanes.elderly - config.lanes.green - config.lanes.appointment),
  };
  for (const lane of Object.keys(weights) as Lane[]) if (!hall.lanes.includes(lane)) weights[lane] = 0;
  return weights;
}

export class DayRun {
  readonly open: number;
  readonly lastTicket: number;
  now: number;
  /** Per issued ticket, the estimate given at issue; actualMs is filled in by the caller at the end. */
  readonly predictions = new Map<string, Prediction>();
  /** The true service times of the day (the estimator starts from the hall's priors instead). */
  readonly truth: ServiceTruth;

  private readonly rnd: Random;
  private readonly agenda = new Agenda();
  private readonly midnight: number;
  private readonly services: Record<string, ServiceConfig>;
  private readonly mix: Record<string, number>;
  private readonly laneWeights: Record<Lane, number>;
  private arrivalsLeft = 0;
  private bookings = 0;
  /** A break a clerk takes at the next press: window → its length, ms. */
  private readonly pendingPause = new Map<string, number>();
  private readonly closed = new Set<string>();
  private readonly oracleRnd?: Random;
  /** Breaks each window's clerk has started (the oracle is told how many are left, not when). */
  private readonly breaksTaken = new Map<string, number>();

  constructor(
    private readonly engine: HallEngine,
    private readonly config: SimulationConfig,
    private readonly hall: HallConfig,
    day: string,
    seed: number,
    private readonly setNow: (t: number) => void,
    private readonly live: () => LiveMetrics,
    private readonly onIssue?: (view: IssueView) => void,
    oracle = false,
  ) {
    this.rnd = new Random(seed);
    // The oracle draws from a stream of its own: the day is the same with it or without.
    if (oracle) this.oracleRnd = new Random((seed ^ ORACLE_STREAM) >>> 0);
    this.truth = drawTruth(config, hall, seed);
    this.midnight = startOfLocalDay(day, hall.timeZone);
    this.open = this.at(config.open);
    this.lastTicket = this.at(config.lastTicket);
    this.now = this.open;
    this.services = Object.fromEntries(hall.services.map((s) => [s.id, s]));
    this.mix = Object.fromEntries(Object.entries(config.serviceMix).filter(([id]) => this.services[id])) as Record<string, number>;
    this.laneWeights = laneWeightsOf(config, hall);
  }

  /** Schedules the day and runs its agenda to the end. */
  async run(): Promise<void> {
    this.scheduleArrivals();
    this.scheduleWindows();
    for (let e = this.agenda.pop(); e; e = this.agenda.pop()) {
      this.now = Math.max(this.now, e.at);
      await e.run();
    }
  }

  private at(hhmm: string): number {
    return this.midnight + Number(hhmm.slice(0, 2)) * HOUR + Number(hhmm.slice(3)) * MIN;
  }

  private exec(c: Parameters<HallEngine['execute']>[0], actor: Actor) {
    this.setNow(this.now);
    return this.engine.execute(c, actor);
  }

  /** Arrivals: a Poisson process per local hour, between opening and the last ticket. */
  private scheduleArrivals() {
    for (const [hh, perHour] of Object.entries(this.config.arrivalsPerHour)) {
      if (perHour <= 0) continue;
      const from = Math.max(this.open, this.midnight + Number(hh) * HOUR);
      const to = Math.min(this.lastTicket, this.midnight + (Number(hh) + 1) * HOUR);
      for (let t = from + this.rnd.exponential(HOUR / perHour); t < to; t += this.rnd.exponential(HOUR / perHour)) {
        this.arrivalsLeft++;
        this.agenda.schedule(t, () => this.arrive());
      }
    }
  }

  /** Windows: a clerk per window pressing next, with breaks between visitors. */
  private scheduleWindows() {
    for (const w of this.hall.windows) {
      this.agenda.schedule(this.open + this.rnd.uniform(0, 2) * MIN, () => this.press(w.id));
      for (let i = 0; i < this.config.pauses.perWindow; i++) {
        this.agenda.schedule(this.rnd.uniform(this.open + 30 * MIN, this.lastTicket), () => {
          this.pendingPause.set(w.id, this.rnd.uniform(...this.config.pauses.minutes) * MIN);
        });
      }
    }
  }

  /** A visitor takes a number; the ticket's estimate (and a naive baseline) is recorded. */
  private async arrive() {
    this.arrivalsLeft--;
    const serviceId = this.rnd.pick(this.mix);
    const lane = this.rnd.pick(this.laneWeights);
    const booking = lane === 'appointment' ? { appointmentId: `sim-booking-${++this.bookings}` } : {};
    const { events, state } = await this.exec({ type: 'issue', serviceId, lane, source: 'simulator', ...booking }, triage);
    const ticket = (events.find((e) => e.type === 'ticket:issued')!.data as { ticket: Ticket }).ticket;
    const est = this.live().estimate(state, ticketById(state.tickets, ticket.id)!, this.now);
    const openWindows = this.hall.windows.filter((w) => state.windows[w.id]?.status === 'open' && windowTakes(w, ticket)).length;
    this.predictions.set(ticket.id, {
      ticketId: ticket.id,
      serviceId,
      lane,
      issuedAt: this.now,
      ahead: est.ahead,
      windows: openWindows,
      estimateMs: est.ms,
      baselineMs: openWindows ? (est.ahead * this.services[serviceId]!.avgServiceMinutes * MIN) / openWindows : null,
      actualMs: null,
      ...this.oracleOf(state, ticket.id),
    });
    this.onIssue?.({ state, now: this.now, estimate: (t) => this.live().estimate(state, t, this.now) });
  }

  private oracleOf(state: HallState, ticketId: string): Pick<Prediction, 'oracleMeanMs' | 'oracleBestMs'> {
    if (!this.oracleRnd) return {};
    const breaksLeft = Object.fromEntries(this.hall.windows.map((w) => [w.id, this.config.pauses.perWindow - (this.breaksTaken.get(w.id) ?? 0)]));
    const o = oracleWait(state, this.now, ticketId, {
      hall: this.hall,
      config: this.config,
      truth: this.truth,
      rnd: this.oracleRnd,
      midnight: this.midnight,
      lastTicket: this.lastTicket,
      breaksLeft,
      breaksFrom: this.open + 30 * MIN,
      mix: this.mix,
      laneWeights: this.laneWeights,
    });
    return { oracleMeanMs: o.meanMs, oracleBestMs: o.bestMs };
  }

  private anyOpenWork() {
    return ticketList(this.engine.current.tickets).some((t) => t.status === 'waiting' || t.status === 'called' || t.status === 'serving');
  }

  /** The clerk at a window presses next (or first takes a pending break). */
  private async press(windowId: string) {
    const pause = this.pendingPause.get(windowId);
    if (pause !== undefined && this.now < this.lastTicket) return this.takeBreak(windowId, pause);
    const { events } = await this.exec({ type: 'callNext', windowId }, clerk(windowId));
    const called = events.find((e) => e.type === 'ticket:called');
    if (!called) return this.idle(windowId);
    const ticket = ticketById(this.engine.current.tickets, (called.data as { ticketId: string }).ticketId)!;
    if (this.rnd.next() < this.config.noShowShare) return this.visitorNeverComes(windowId);
    this.serve(windowId, ticket);
  }

  private async takeBreak(windowId: string, pause: number) {
    this.pendingPause.delete(windowId);
    this.breaksTaken.set(windowId, (this.breaksTaken.get(windowId) ?? 0) + 1);
    const ws = this.engine.current.windows[windowId];
    // Before the break the clerk finishes the ticket at the window; a refusal (the ticket is in a state
    // finish does not take) is an expected outcome of the simulated day, and the pause goes ahead.
    if (ws?.currentTicketId) await this.exec({ type: 'finish', windowId }, clerk(windowId)).catch(() => {});
    await this.exec({ type: 'pauseWindow', windowId, reason: 'break' }, clerk(windowId));
    this.agenda.schedule(this.now + pause, async () => {
      await this.exec({ type: 'resumeWindow', windowId }, clerk(windowId));
      await this.press(windowId);
    });
  }

  /** Nobody to call: close once the day's visitors are all done, else press again after a while. */
  private async idle(windowId: string) {
    if (this.arrivalsLeft === 0 && this.now >= this.lastTicket && !this.anyOpenWork()) {
      if (!this.closed.has(windowId)) {
        this.closed.add(windowId);
        await this.exec({ type: 'closeWindow', windowId }, clerk(windowId));
      }
      return;
    }
    this.agenda.schedule(this.now + this.config.idlePollMinutes * MIN, () => this.press(windowId));
  }

  /** The called visitor does not come: a recall after a minute, no-show after three. */
  private visitorNeverComes(windowId: string) {
    this.agenda.schedule(this.now + 1 * MIN, () => this.exec({ type: 'recall', windowId }, clerk(windowId)).then(() => {}));
    this.agenda.schedule(this.now + 3 * MIN, async () => {
      await this.exec({ type: 'noShow', windowId }, clerk(windowId));
      this.agenda.schedule(this.now + this.config.gapMinutes * MIN, () => this.press(windowId));
    });
  }

  /** The visitor walks to the window, is served for a lognormal time, and is finished or transferred. */
  private serve(windowId: string, ticket: Ticket) {
    const gap = this.config.gapMinutes * MIN;
    const walk = this.rnd.uniform(...this.config.walkMinutes) * MIN;
    const mean = this.truth.serviceMinutes[ticket.serviceId]! * this.truth.clerkFactor[windowId]!;
    const service = this.rnd.lognormal(mean, this.truth.cv) * MIN;
    const transfer = this.rnd.next() < this.config.transferShare;
    this.agenda.schedule(this.now + walk, () => this.exec({ type: 'start', windowId }, clerk(windowId)).then(() => {}));
    this.agenda.schedule(this.now + walk + (transfer ? service / 3 : service), async () => {
      if (transfer) {
        const others = Object.fromEntries(Object.entries(this.mix).filter(([id]) => id !== ticket.serviceId));
        await this.exec({ type: 'transfer', windowId, toServiceId: this.rnd.pick(others) }, clerk(windowId));
      } else {
        await this.exec({ type: 'finish', windowId }, clerk(windowId));
      }
      this.agenda.schedule(this.now + gap, () => this.press(windowId));
    });
  }
}

// A ceiling for any wait estimate (`npm run simulate -- --seeds N --oracle`). Told the day's TRUTH
// — each service's mean at each clerk, the cv, the walk, the arrival rates and lane shares, the
// no-show and transfer shares, how many breaks each clerk still has to take and how long breaks
// last — but not the draws to come, it runs the rest of the day from the hall at the issue many
// times and keeps when the ticket is called: the waiting tickets, each window's current visitor
// and how long they have been there, paused windows, new arrivals (that may overtake by lane),
// no-shows, transfers and breaks, with the lane policy's own chooseNext. The best any estimator
// could say is the point that is within the band (±20% or ±2 min) in most draws; its within-share
// is the ceiling. The mean of the draws is what an estimator knowing all that would give as the
// expected wait.
import { byQueueOrder, chooseNext, windowTakes, type LaneHeads } from '../domain/lane-policy.ts';
import { ticketById, ticketList } from '../domain/ticket-table.ts';
import type { HallConfig, HallState, Lane, Ticket, WindowConfig } from '../domain/types.ts';
import type { SimulationConfig } from './config.ts';
import type { Random } from './random.ts';
import type { ServiceTruth } from './truth.ts';

const MIN = 60_000;
const HOUR = 3_600_000;

/** What the oracle is told about the day. */
export interface OracleDay {
  hall: HallConfig;
  config: SimulationConfig;
  truth: ServiceTruth;
  rnd: Random;
  midnight: number;
  lastTicket: number;
  /** Per window, the breaks its clerk has not started yet, and the earliest a break may start. */
  breaksLeft: Record<string, number>;
  breaksFrom: number;
  mix: Record<string, number>;
  laneWeights: Record<Lane, number>;
}

export interface OracleWait {
  /** The mean of the drawn waits, ms. */
  meanMs: number;
  /** The point within the band in most draws, ms: the best anyone could say. */
  bestMs: number;
}

/** The oracle's answer for `ticketId`, just issued at `now`. */
export function oracleWait(state: HallState, now: number, ticketId: string, day: OracleDay, draws = 100): OracleWait {
  const waits: number[] = [];
  for (let i = 0; i < draws; i++) waits.push(new Draw(state, now, day).until(ticketId));
  waits.sort((a, b) => a - b);
  const finite = waits.filter(Number.isFinite);
  return { meanMs: finite.reduce((a, b) => a + b, 0) / Math.max(1, finite.length), bestMs: bandBest(finite) };
}

interface Sim {
  config: WindowConfig;
  clerk: number;
  freeAt: number;
  streak: number;
  /** Start times of the breaks still to come, sorted. */
  breaks: number[];
}

/** One draw of the rest of the day. */
class Draw {
  private readonly waiting: Ticket[];
  private readonly sims: Sim[] = [];
  private nextArrival: number;
  private ids = 0;

  constructor(
    state: HallState,
    private now: number,
    private readonly day: OracleDay,
  ) {
    this.waiting = ticketList(state.tickets).filter((t) => t.status === 'waiting');
    for (const w of day.hall.windows) this.sims.push(this.simOf(state, w));
    this.nextArrival = this.arrivalAfter(now);
  }

  /** Ms from now until `ticketId` is called (Infinity if never, by the end of the day). */
  until(ticketId: string): number {
    const start = this.now;
    for (let guard = 0; guard < 5_000; guard++) {
      const sim = this.sims.reduce<Sim | undefined>((a, s) => (!a || s.freeAt < a.freeAt ? s : a), undefined);
      if (!sim || !Number.isFinite(sim.freeAt)) return Infinity;
      while (this.nextArrival <= sim.freeAt) this.arrive();
      this.now = Math.max(this.now, sim.freeAt);
      const called = this.press(sim);
      if (called?.id === ticketId) return this.now - start;
    }
    return Infinity;
  }

  private simOf(state: HallState, w: WindowConfig): Sim {
    const { config, truth, rnd, breaksLeft, breaksFrom, lastTicket } = this.day;
    const ws = state.windows[w.id];
    const from = Math.max(this.now, breaksFrom);
    const breaks = Array.from({ length: breaksLeft[w.id] ?? 0 }, () => rnd.uniform(from, Math.max(from, lastTicket))).sort((a, b) => a - b);
    const sim: Sim = { config: w, clerk: truth.clerkFactor[w.id]!, freeAt: Infinity, streak: ws?.elderlyStreak ?? 0, breaks };
    if (ws?.status === 'paused') {
      // A break of uniform length, already this long.
      const [lo, hi] = config.pauses.minutes.map((m) => m * MIN) as [number, number];
      const elapsed = this.now - ws.since;
      sim.freeAt = ws.since + rnd.uniform(Math.min(hi, Math.max(lo, elapsed)), hi);
      return sim;
    }
    if (ws?.status !== 'open') return sim;
    const cur = ws.currentTicketId ? ticketById(state.tickets, ws.currentTicketId) : undefined;
    sim.freeAt = this.now + rnd.uniform(0, config.idlePollMinutes) * MIN;
    if (cur?.status === 'called' || cur?.status === 'serving') sim.freeAt = this.currentEnds(cur, sim.clerk);
    return sim;
  }

  /** When the visit at a window ends (its clerk's next press), given how long it has gone on. */
  private currentEnds(cur: Ticket, clerk: number): number {
    const { config, rnd } = this.day;
    const gap = config.gapMinutes * MIN;
    const calledAt = cur.calledAt ?? this.now;
    if (cur.status === 'called') {
      // Not at the counter yet: a no-show (recall, then no-show after 3 min) or still walking.
      const noShowEnd = calledAt + 3 * MIN + gap;
      const walkedMax = calledAt + this.day.config.walkMinutes[1] * MIN;
      if (this.now > walkedMax || rnd.next() < config.noShowShare) return Math.max(this.now, noShowEnd);
      const walk = rnd.uniform(Math.max(this.now, calledAt + config.walkMinutes[0] * MIN), walkedMax) - calledAt;
      return calledAt + walk + this.serviceMs(cur.serviceId, clerk) + gap;
    }
    const startedAt = cur.startedAt ?? calledAt;
    const elapsed = this.now - startedAt;
    let service = this.serviceMs(cur.serviceId, clerk);
    for (let k = 0; k < 200 && service <= elapsed; k++) service = this.serviceMs(cur.serviceId, clerk);
    return startedAt + Math.max(service, elapsed) + gap;
  }

  private serviceMs(serviceId: string, clerk: number): number {
    const { truth, rnd } = this.day;
    return rnd.lognormal(truth.serviceMinutes[serviceId]! * clerk, truth.cv) * MIN;
  }

  /** The clerk presses next (or first takes a break that is due); returns the ticket called. */
  private press(sim: Sim): Ticket | undefined {
    const { config, rnd, hall, lastTicket } = this.day;
    if (sim.breaks.length && sim.breaks[0]! <= this.now && this.now < lastTicket) {
      sim.breaks.shift();
      sim.freeAt = this.now + rnd.uniform(...config.pauses.minutes) * MIN;
      return undefined;
    }
    const t = chooseNext(this.heads(sim.config), sim.config, sim.streak, hall.policy, this.now);
    if (!t) {
      const more = this.now < lastTicket || this.waiting.some((x) => windowTakes(sim.config, x));
      sim.freeAt = more ? this.now + config.idlePollMinutes * MIN : Infinity;
      return undefined;
    }
    this.waiting.splice(this.waiting.indexOf(t), 1);
    sim.streak = t.lane === 'elderly' ? sim.streak + 1 : 0;
    sim.freeAt = this.visitEnds(t, sim.clerk);
    return t;
  }

  /** A called visitor: a no-show, a transfer (back in another service's queue), or served. */
  private visitEnds(t: Ticket, clerk: number): number {
    const { config, rnd, mix } = this.day;
    const gap = config.gapMinutes * MIN;
    if (rnd.next() < config.noShowShare) return this.now + 3 * MIN + gap;
    const walk = rnd.uniform(...config.walkMinutes) * MIN;
    const service = this.serviceMs(t.serviceId, clerk);
    if (rnd.next() < config.transferShare) {
      const others = Object.fromEntries(Object.entries(mix).filter(([id]) => id !== t.serviceId));
      const serviceId = rnd.pick(others);
      this.waiting.push({ ...t, id: `~transfer${++this.ids}`, serviceId, issuedAt: this.now + walk + service / 3 });
      return this.now + walk + service / 3 + gap;
    }
    return this.now + walk + service + gap;
  }

  private heads(w: WindowConfig): LaneHeads {
    const first = new Map<Lane, Ticket>();
    let oldest: Ticket | undefined;
    for (const t of this.waiting) {
      if (!windowTakes(w, t) || t.issuedAt > this.now) continue;
      const best = first.get(t.lane);
      if (!best || byQueueOrder(t, best) < 0) first.set(t.lane, t);
      if (!oldest || t.arrivedAt < oldest.arrivedAt || (t.arrivedAt === oldest.arrivedAt && byQueueOrder(t, oldest) < 0)) oldest = t;
    }
    return { first, oldest };
  }

  private arrivalAfter(t: number): number {
    const { config, midnight, lastTicket } = this.day;
    for (let at = t; at < lastTicket; ) {
      const hour = Math.floor((at - midnight) / HOUR);
      const perHour = config.arrivalsPerHour[String(hour).padStart(2, '0')] ?? 0;
      const hourEnd = midnight + (hour + 1) * HOUR;
      if (perHour <= 0) {
        at = hourEnd;
        continue;
      }
      const next = at + this.day.rnd.exponential(HOUR / perHour);
      if (next < Math.min(hourEnd, lastTicket)) return next;
      at = hourEnd;
    }
    return Infinity;
  }

  private arrive() {
    const { rnd, mix, laneWeights, hall } = this.day;
    const at = this.nextArrival;
    const serviceId = rnd.pick(mix);
    const lane = rnd.pick(laneWeights);
    this.waiting.push({ id: `~arrival${++this.ids}`, hallId: hall.id, serviceId, lane, number: '', status: 'waiting', serviceDay: '', issuedAt: at, arrivedAt: at, recalls: 0 });
    this.nextArrival = this.arrivalAfter(at);
  }
}

/** The point e with the most of the sorted `waits` within max(20% of e, 2 min) of it. */
function bandBest(waits: readonly number[]): number {
  if (!waits.length) return 0;
  const inBand = (e: number) => {
    const band = Math.max(0.2 * e, 2 * MIN);
    return upperBound(waits, e + band) - lowerBound(waits, e - band);
  };
  const top = waits[waits.length - 1]!;
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i <= 400; i++) {
    const e = (top * i) / 400;
    const n = inBand(e);
    if (n > bestCount) [best, bestCount] = [e, n];
  }
  return best;
}

function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(xs: readonly number[], x: number): number {
  return lowerBound(xs, x + 1e-9);
}


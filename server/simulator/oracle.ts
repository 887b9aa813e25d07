// A ceiling for any wait estimate, in a hall where the only chance is the visitors' own times
// (`npm run simulate -- --config config/simulation-noise-only.yaml --seeds N --oracle`): no lanes
// but normal, no breaks, no no-shows, no transfers. Given the hall at the issue — the waiting
// tickets in arrival order, each window's current visitor and how long they have been there — and
// the day's TRUTH (each service's mean at each clerk, the cv, the walk; what no estimator is told),
// it draws the rest of the day many times and keeps when the ticket is called. The best any
// estimator could say is the point that is within the band (±20% or ±2 min) in most draws; its
// within-share is the ceiling. Arrivals after the issue are left out: they come after the ticket in
// arrival order, and in this hall nothing overtakes by lane.
import { ticketById, ticketList } from '../domain/ticket-table.ts';
import type { HallConfig, HallState, Ticket } from '../domain/types.ts';
import type { SimulationConfig } from './config.ts';
import type { Random } from './random.ts';
import type { ServiceTruth } from './truth.ts';

const MIN = 60_000;

/** Refuses a day that has more chance in it than the visitors' own times. */
export function assertNoiseOnly(config: SimulationConfig): void {
  const { lanes, pauses, noShowShare, transferShare } = config;
  if (lanes.elderly || lanes.green || lanes.appointment || pauses.perWindow || noShowShare || transferShare) {
    throw new Error('--oracle takes a day with no lanes but normal, no breaks, no no-shows and no transfers (config/simulation-noise-only.yaml)');
  }
}

export interface OracleWait {
  /** The mean of the drawn waits, ms: what an estimator knowing the truth would give as the expected wait. */
  meanMs: number;
  /** The point within the band in most draws, ms: the best anyone could say. */
  bestMs: number;
}

interface Sim {
  serviceIds: readonly string[];
  clerk: number;
  freeAt: number;
}

/** The oracle's answer for `ticketId`, just issued at `now`. */
export function oracleWait(hall: HallConfig, state: HallState, now: number, ticketId: string, day: { truth: ServiceTruth; config: SimulationConfig; rnd: Random }, draws = 200): OracleWait {
  const waiting = ticketList(state.tickets)
    .filter((t) => t.status === 'waiting')
    .sort((a, b) => a.arrivedAt - b.arrivedAt || a.issuedAt - b.issuedAt || a.id.localeCompare(b.id));
  const waits: number[] = [];
  for (let i = 0; i < draws; i++) waits.push(drawWait(hall, state, now, ticketId, waiting, day));
  waits.sort((a, b) => a - b);
  return { meanMs: waits.reduce((a, b) => a + b, 0) / waits.length, bestMs: bandBest(waits) };
}

/** One draw of the rest of the day: ms until `ticketId` is called. */
function drawWait(hall: HallConfig, state: HallState, now: number, ticketId: string, waiting: readonly Ticket[], day: { truth: ServiceTruth; config: SimulationConfig; rnd: Random }): number {
  const { truth, config, rnd } = day;
  const visit = (serviceId: string, clerk: number) => rnd.uniform(...config.walkMinutes) * MIN + rnd.lognormal(truth.serviceMinutes[serviceId]! * clerk, truth.cv) * MIN;
  const sims: Sim[] = [];
  for (const w of hall.windows) {
    const ws = state.windows[w.id];
    if (ws?.status !== 'open') continue;
    const clerk = truth.clerkFactor[w.id]!;
    const cur = ws.currentTicketId ? ticketById(state.tickets, ws.currentTicketId) : undefined;
    // An idle window presses again within a poll.
    let freeAt = now + rnd.uniform(0, config.idlePollMinutes) * MIN;
    if (cur && (cur.status === 'called' || cur.status === 'serving')) {
      const elapsed = now - (cur.calledAt ?? now);
      // The visit drawn again until it is longer than the time already spent (its true remaining life).
      let total = visit(cur.serviceId, clerk);
      for (let k = 0; k < 200 && total <= elapsed; k++) total = visit(cur.serviceId, clerk);
      freeAt = now + Math.max(0, total - elapsed) + config.gapMinutes * MIN;
    }
    sims.push({ serviceIds: w.services, clerk, freeAt });
  }
  const taken = new Set<string>();
  for (;;) {
    let sim: Sim | undefined;
    for (const s of sims) if (!sim || s.freeAt < sim.freeAt) sim = s;
    if (!sim || !Number.isFinite(sim.freeAt)) return Infinity;
    const next = waiting.find((t) => !taken.has(t.id) && sim.serviceIds.includes(t.serviceId));
    if (!next) {
      sim.freeAt = Infinity;
      continue;
    }
    if (next.id === ticketId) return sim.freeAt - now;
    taken.add(next.id);
    sim.freeAt += visit(next.serviceId, sim.clerk) + config.gapMinutes * MIN;
  }
}

/** The point e with the most sorted `waits` within max(20% of e, 2 min) of it. */
function bandBest(waits: readonly number[]): number {
  const inBand = (e: number) => {
    const band = Math.max(0.2 * e, 2 * MIN);
    return upperBound(waits, e + band) - lowerBound(waits, e - band);
  };
  let best = waits[0]!;
  let bestCount = -1;
  const finite = waits.filter(Number.isFinite);
  const top = finite[finite.length - 1] ?? 0;
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
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

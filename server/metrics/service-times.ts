// Expected service times learned from the day's events, for the forecast (server/domain/forecast.ts).
//
// What the forecast chains is how long one call keeps a window: from the call to the window's
// release (finished, no-show, transferred) plus the clerk's turnaround to the next press. So the walk
// to the counter, called visitors who never come (a recall, then no-show) and transfers are all in
// the mean per call, as often as they happen, with nothing to model separately.
//
// Per service, a shrinkage mean: it starts at the hall file's avgServiceMinutes (worth PRIOR_WEIGHT
// visits) and moves to the observed occupancies, forgetting old ones exponentially (the morning's
// cases are not the afternoon's). Every event is O(1); a read is O(1).
//
// Per window, the same over all its calls whatever their service (windowMs): its own mix of cases
// and its clerk's pace, for the estimate's pace (estimate.ts), starting from its services' means.
//
// The current visitor's remaining time is the mean less the time since the call, but never below
// REMAINING_FLOOR of the mean: a visitor still there past the mean is a long case, not leaving this
// instant. (Measured with `npm run simulate -- --seeds 20`: the lognormal residual life, E[T − e | T > e],
// does worse, because the forecast takes the first of several windows' expected free times, which is
// later than the expected first; the floor of 0 does worse the other way.)
//
// For that first of several (first-free.ts, for a ticket with fewer calls ahead than windows): each window's current
// call (its service's mean and how long it has lasted) and the occupancies' spread, a cv learned
// like the means (each occupancy over the mean it was expected at), from 0.5 worth PRIOR_WEIGHT.
import type { StoredEvent } from '../domain/events.ts';
import type { HallConfig, Ticket, WindowConfig } from '../domain/types.ts';
import { freePoints, type BusyWindow, type FreePoint } from './first-free.ts';

const MIN = 60_000;
/** Pseudo-observations the hall file's average is worth. */
const PRIOR_WEIGHT = 3;
/** Observations of a service after which an old one counts for 1/e. */
const MEMORY = 30;
const DECAY = 1 - 1 / MEMORY;
/** A release → next call gap longer than this is an idle window or a break, not a turnaround. */
const MAX_TURNAROUND_MS = 2 * MIN;
const REMAINING_FLOOR = 0.1;
/** The coefficient of variation of one call's occupancy before the day has shown its own (worth PRIOR_WEIGHT calls). */
const PRIOR_CV = 0.5;

/** The most busy windows whose free times are drawn together (freePoints): those expected to free soonest. */
const MAX_FREE_WINDOWS = 16;

/** The current call's expected time left, as the replay has it (floored like remainingMs). */
function expectedLeftMs(b: BusyWindow): number {
  return Math.max(b.meanMs - b.elapsedMs, REMAINING_FLOOR * b.meanMs);
}

interface ServiceStats {
  prior: number;
  /** Decayed count and sum of the occupancies, ms. */
  n: number;
  sum: number;
}

interface OpenCall {
  ticketId: string;
  serviceId: string;
  calledAt: number;
}

export class ServiceTimeLearner {
  private readonly services = new Map<string, ServiceStats>();
  /**
   * The service of each ticket not yet finished (a call event names only the ticket): this
   * learner's own map, unless its owner hands in a lookup it keeps anyway (live.ts: the day's
   * fold, which tracks the same tickets), sparing a map entry set and deleted per ticket.
   */
  private readonly serviceOf: Map<string, string> | undefined;
  private readonly serviceOfTicket: (ticketId: string) => string | undefined;
  /** Per window, the call it is on, and when it was last released. */
  private readonly calls = new Map<string, OpenCall>();
  private readonly releasedAt = new Map<string, number>();
  /** Decayed count and sum of turnarounds (release → next call at the same window), ms. */
  private turnN = 0;
  private turnSum = 0;
  /** Per window, decayed count and sum of its calls' occupancies whatever their service, ms. */
  private readonly perWindow = new Map<string, { n: number; sum: number }>();
  /** windowMs's answers, good while `version` (bumped by every observed occupancy and turnaround) stays. */
  private readonly windowCache = new Map<string, { version: number; ms: number }>();
  private version = 0;
  /** Decayed count, sum and sum of squares of each occupancy over its service's mean just before it (for the cv). */
  private ratioN = 0;
  private ratioSum = 0;
  private ratioSq = 0;

  /** Changes whenever an answer of windowMs may: a cache of sums over windows keeps it (live.ts). */
  get revision(): number {
    return this.version;
  }

  /**
   * `serviceOf`, when given, must know the service of every ticket issued or transferred to in the
   * events this learner folds, until it is finished, transferred or cancelled, at the time each
   * call event is handed in.
   */
  constructor(
    readonly hall: HallConfig,
    serviceOf?: (ticketId: string) => string | undefined,
  ) {
    for (const s of hall.services) this.services.set(s.id, { prior: s.avgServiceMinutes * MIN, n: 0, sum: 0 });
    if (serviceOf) this.serviceOfTicket = serviceOf;
    else {
      const own = (this.serviceOf = new Map<string, string>());
      this.serviceOfTicket = (ticketId) => own.get(ticketId);
    }
  }

  /** Folds one event of the hall's log, in log order. */
  apply(e: StoredEvent): void {
    switch (e.type) {
      case 'ticket:issued':
        this.serviceOf?.set(e.data.ticket.id, e.data.ticket.serviceId);
        return;
      case 'ticket:called':
        return this.onCall(e.data.windowId, e.data.ticketId, e.at);
      case 'ticket:finished':
        this.onRelease(e.data.windowId, e.data.ticketId, e.at);
        this.serviceOf?.delete(e.data.ticketId);
        return;
      case 'ticket:no-show':
        // Its service stays known: a no-show may be reactivated and called again.
        return this.onRelease(e.data.windowId, e.data.ticketId, e.at);
      case 'ticket:transferred':
        if (e.data.windowId) this.onRelease(e.data.windowId, e.data.ticketId, e.at);
        this.serviceOf?.delete(e.data.ticketId);
        this.serviceOf?.set(e.data.ticket.id, e.data.ticket.serviceId);
        return;
      case 'ticket:cancelled':
        this.serviceOf?.delete(e.data.ticketId);
        return;
      default:
        return;
    }
  }

  private onCall(windowId: string, ticketId: string, at: number) {
    const serviceId = this.serviceOfTicket(ticketId);
    if (!serviceId) return;
    const released = this.releasedAt.get(windowId);
    if (released !== undefined && at - released <= MAX_TURNAROUND_MS) {
      this.version++;
      this.turnN = this.turnN * DECAY + 1;
      this.turnSum = this.turnSum * DECAY + (at - released);
    }
    this.releasedAt.delete(windowId);
    this.calls.set(windowId, { ticketId, serviceId, calledAt: at });
  }

  private onRelease(windowId: string, ticketId: string, at: number) {
    this.releasedAt.set(windowId, at);
    const call = this.calls.get(windowId);
    if (call?.ticketId !== ticketId) return;
    this.calls.delete(windowId);
    const ms = Math.max(1_000, at - call.calledAt);
    const w = this.perWindow.get(windowId) ?? { n: 0, sum: 0 };
    w.n = w.n * DECAY + 1;
    w.sum = w.sum * DECAY + ms;
    this.perWindow.set(windowId, w);
    this.observe(call.serviceId, ms);
  }

  /** One call's occupancy of a window, ms. */
  observe(serviceId: string, ms: number): void {
    const s = this.services.get(serviceId);
    if (!s) return;
    this.version++;
    const ratio = ms / this.occupancy(serviceId);
    this.ratioN = this.ratioN * DECAY + 1;
    this.ratioSum = this.ratioSum * DECAY + ratio;
    this.ratioSq = this.ratioSq * DECAY + ratio * ratio;
    s.n = s.n * DECAY + 1;
    s.sum = s.sum * DECAY + ms;
  }

  /** Expected occupancy of one call of `serviceId` (turnaround not included), ms. */
  occupancy(serviceId: string): number {
    const s = this.services.get(serviceId);
    if (!s) return 8 * MIN;
    return (PRIOR_WEIGHT * s.prior + s.sum) / (PRIOR_WEIGHT + s.n);
  }

  /**
   * Expected time one call keeps `windowId`, whatever its service (its own mix and its clerk's pace),
   * turnaround included, ms; `services` give the prior: the mean of theirs. O(1) between releases.
   */
  windowMs(windowId: string, services: readonly string[]): number {
    const cached = this.windowCache.get(windowId);
    if (cached?.version === this.version) return cached.ms;
    const prior = services.reduce((sum, id) => sum + this.occupancy(id), 0) / Math.max(1, services.length);
    const w = this.perWindow.get(windowId);
    const occupancy = w ? (PRIOR_WEIGHT * prior + w.sum) / (PRIOR_WEIGHT + w.n) : prior;
    const ms = occupancy + this.turnaround();
    this.windowCache.set(windowId, { version: this.version, ms });
    return ms;
  }

  /** Expected gap from a window's release to its next call, ms. */
  turnaround(): number {
    return this.turnN > 0 ? this.turnSum / this.turnN : 0;
  }

  /** Expected time one call of `serviceId` keeps a window, turnaround included, ms. */
  serviceMs(serviceId: string): number {
    return this.occupancy(serviceId) + this.turnaround();
  }

  /**
   * The spread of one call's occupancy around its service's mean, as a coefficient of variation:
   * from PRIOR_CV toward the day's (each occupancy over the mean it was expected at).
   */
  cv(): number {
    const n = PRIOR_WEIGHT + this.ratioN;
    const mean = (PRIOR_WEIGHT + this.ratioSum) / n;
    const square = (PRIOR_WEIGHT * (1 + PRIOR_CV * PRIOR_CV) + this.ratioSq) / n;
    return Math.sqrt(Math.max(0.01, square / (mean * mean) - 1));
  }

  /** The call `windowId` is on at `now`: its service's mean occupancy and how long it has lasted; undefined when idle. */
  currentCall(windowId: string, now: number): BusyWindow | undefined {
    const call = this.calls.get(windowId);
    return call ? { meanMs: this.occupancy(call.serviceId), elapsedMs: Math.max(0, now - call.calledAt) } : undefined;
  }

  /**
   * What to say for a ticket called when the (j + 1)-th of `windows` frees, j < count (first-free.ts),
   * ms from `now`, with paused ones back at `returnsMs` and overtakers stretching its wait by
   * `stretch`; undefined when one of them is idle (it presses now).
   */
  freePoints(windows: readonly WindowConfig[], returnsMs: readonly number[], now: number, stretch: number, count: number): FreePoint[] | undefined {
    let busy: BusyWindow[] = [];
    for (const w of windows) {
      const call = this.currentCall(w.id, now);
      if (!call) return undefined;
      busy.push(call);
    }
    // In a large hall the first few to free are among those expected to free soonest: the others'
    // share in the first `count` is negligible, and each window costs a log and an erfc per grid step.
    if (busy.length > MAX_FREE_WINDOWS) busy = busy.sort((a, b) => expectedLeftMs(a) - expectedLeftMs(b)).slice(0, MAX_FREE_WINDOWS);
    return freePoints(busy, this.cv(), this.turnaround(), returnsMs, stretch, Math.min(count, busy.length + returnsMs.length));
  }

  /**
   * Expected time until `ticket`, at `windowId` now, frees it, turnaround included, ms; `mean` and
   * `turnaround` default to today's (published-times.ts hands in those it last published).
   */
  remainingMs(ticket: Ticket, windowId: string, now: number, mean = this.occupancy(ticket.serviceId), turnaround = this.turnaround()): number {
    const call = this.calls.get(windowId);
    const since = call?.ticketId === ticket.id ? call.calledAt : (ticket.calledAt ?? now);
    return Math.max(mean - Math.max(0, now - since), REMAINING_FLOOR * mean) + turnaround;
  }
}

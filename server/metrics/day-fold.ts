// The metrics fold: domain events in log order → tallies per service, window, lane, hour and day,
// window usage and per-clerk figures. Deterministic and free of I/O: the live metrics keep one
// fold current with every event; reports fold each past day once and add the results.
//
// How each figure is counted (and why):
// - wait    = first call − issue, per visit: the wait to the visit's first call. A transfer
//             creates a new ticket that keeps its original *arrival* (its place in the queue);
//             the wait in the second queue is not a zero-wait sample (the visitor was already
//             called once), see `called`.
// - issued  counts fresh tickets only; the new ticket of a transfer is not a new visitor, so it is
//             counted once, under `transferred`, for the service and window it left.
// - called  counts visits called: a transfer's new ticket (the visitor was called already, at the
//             window that transferred them) adds no call and no wait sample, so called ≤ issued.
// - walk    = start − the last call (recalls do not restart it: the visitor is still walking).
// - service = finish − start; when the clerk never pressed start, finish − call (the whole time the
//             visitor was at the window), because "next" after no start still means served.
// - zero-wait rate = first calls within the service's targetWaitMinutes / first calls.
// - no-show counts tickets that are no-show now: a reactivation takes its no-show back.
// - every count goes to exactly one group of each dimension, so groups always add up to the total.
//   A ticket's hour and day are those of its issue in the hall's time zone; its window is the
//   window where the counted step happened ('-' for steps at no window: issue, cancel while waiting).
import type { StoredEvent } from '../domain/events.ts';
import { localHourOf } from '../domain/service-day.ts';
import type { HallConfig, Lane, WindowStatus } from '../domain/types.ts';
import { FoldGroup } from './sample-buffer.ts';
import type { Tally } from './tally.ts';

type EventOf<T extends StoredEvent['type']> = Extract<StoredEvent, { type: T }>;

export const DIMENSIONS = ['service', 'window', 'lane', 'hour', 'day'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const NO_WINDOW = '-';

interface Track {
  serviceId: string;
  lane: Lane;
  issuedAt: number;
  hour: string;
  day: string;
  targetMs: number;
  called: boolean;
  callAt?: number;
  startAt?: number;
  /** The window it is at now. */
  windowId?: string;
  noShowWindow?: string;
  /** The last finished visit's service time, ms (what countServed adds). */
  serviceMs?: number;
  /** Its groups of the dimensions other than the window (service, lane, hour, day), found at its first count. */
  groups?: FoldGroup[];
}

/** A change to one group's counts or samples for ticket `t`. */
type Change = (x: FoldGroup, t: Track) => void;

interface WindowTrack {
  status: WindowStatus;
  since: number;
  openMs: number;
  busyMs: number;
  busySince?: number;
  calls: number;
  served: number;
}

export interface WindowUsageTotals {
  openMs: number;
  busyMs: number;
  calls: number;
  served: number;
}

export interface ClerkTotals {
  served: number;
  serviceMs: number;
  /** A person (staff account): their name and staff number (工号), the key being `staff:<工号>`. */
  name?: string;
  staffNumber?: string;
}

/** What a fold holds at one moment: plain data that adds up across days (see mergeResults). */
export interface FoldResult {
  total: Tally;
  groups: Record<Dimension, Record<string, Tally>>;
  windows: Record<string, WindowUsageTotals>;
  clerks: Record<string, ClerkTotals>;
  /** Current status of each window (the last day's, after a merge). */
  windowStatus: Record<string, WindowStatus>;
  days: string[];
}

export class MetricsFold {
  /** Tickets that may still be counted: a finished, cancelled or transferred one has no later step, so it is dropped. */
  private readonly tickets = new Map<string, Track>();
  private readonly windows = new Map<string, WindowTrack>();
  private readonly clerks = new Map<string, ClerkTotals>();
  private readonly total = new FoldGroup();
  private readonly groups = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, FoldGroup>()])) as Record<Dimension, Map<string, FoldGroup>>;
  private readonly targets: Map<string, number>;
  private readonly days = new Set<string>();
  private hourMemo = { minute: NaN, hour: '' };
  /** The day of the last ticket tracked (already in `days`). */
  private lastDay: string | undefined;
  /**
   * Per service and lane, the last ticket's groups other than the window's, with its hour and day:
   * the next ticket of that service and lane shares them when it has the same hour and day (the
   * common case: tickets come in time order), not four lookups and an array per ticket. A group
   * list is never changed once made.
   */
  private readonly ownGroups = new Map<string, Partial<Record<Lane, { hour: string; day: string; groups: FoldGroup[] }>>>();
  /** Seq of the last event folded in. */
  seq = 0;
  lastAt = 0;

  constructor(readonly hall: HallConfig) {
    this.targets = new Map(hall.services.map((s) => [s.id, s.targetWaitMinutes * 60_000]));
  }

  /** Folds events in log order; events at or below the last seq folded are ignored. */
  apply(events: Iterable<StoredEvent>): this {
    for (const e of events) this.add(e);
    return this;
  }

  /** Folds one event, after those folded so far in log order (ignored at or below the last seq folded). */
  add(e: StoredEvent): void {
    if (e.seq <= this.seq) return;
    this.seq = e.seq;
    this.lastAt = Math.max(this.lastAt, e.at);
    this.one(e);
  }

  /** The service of a ticket the fold still tracks: issued or transferred to, and not yet finished, cancelled or transferred away. */
  serviceOf(ticketId: string): string | undefined {
    return this.tickets.get(ticketId)?.serviceId;
  }

  /**
   * The fold's figures with open and busy time counted up to `until` (default: the last event).
   * Its tallies are the fold's own, their samples views of its buffers (sorted here: a sorted insert
   * per sample moved half of a busy day's samples at every call, start and finish): read them before
   * the next event is folded (which may reorder them at the next result()), or keep a copy
   * (mergeResults([r])).
   */
  result(until = this.lastAt): FoldResult {
    const windows: Record<string, WindowUsageTotals> = {};
    const windowStatus: Record<string, WindowStatus> = {};
    for (const [id, w] of this.windows) {
      const openMs = w.openMs + (w.status === 'open' ? Math.max(0, until - w.since) : 0);
      const busyMs = w.busyMs + (w.busySince !== undefined ? Math.max(0, until - w.busySince) : 0);
      windows[id] = { openMs, busyMs, calls: w.calls, served: w.served };
      windowStatus[id] = w.status;
    }
    const groups = {} as FoldResult['groups'];
    for (const d of DIMENSIONS) groups[d] = Object.fromEntries([...this.groups[d]].map(([k, g]) => [k, g.read()])) as Record<string, Tally>;
    return {
      total: this.total.read(),
      groups,
      windows,
      clerks: Object.fromEntries([...this.clerks].map(([k, v]) => [k, { ...v }])),
      windowStatus,
      days: [...this.days],
    };
  }

  // One case per event type, read top to bottom; each delegates to a handler below when it is more than a line.
  private one(e: StoredEvent) {
    switch (e.type) {
      case 'day:started':
        this.days.add(e.data.serviceDay);
        for (const [id, status] of Object.entries(e.data.windows)) this.setWindow(id, status, e.at);
        return;
      case 'ticket:issued':
        return this.onIssued(e);
      case 'ticket:called':
        return this.onCalled(e);
      case 'ticket:recalled':
        return;
      case 'ticket:started':
        return this.onStarted(e);
      case 'ticket:finished':
        return this.onFinished(e);
      case 'ticket:no-show':
        return this.onNoShow(e);
      case 'ticket:reactivated':
        return this.onReactivated(e);
      case 'ticket:transferred':
        return this.onTransferred(e);
      case 'ticket:cancelled':
        return this.onCancelled(e);
      case 'window:opened':
      case 'window:resumed':
        return this.setWindow(e.data.windowId, 'open', e.at);
      case 'window:paused':
        return this.setWindow(e.data.windowId, 'paused', e.at);
      case 'window:closed':
        return this.setWindow(e.data.windowId, 'closed', e.at);
      default:
        return assertNever(e);
    }
  }

  private onIssued(e: EventOf<'ticket:issued'>) {
    this.count(this.track(e.data.ticket, e.at), NO_WINDOW, countIssue);
  }

  private onCalled(e: EventOf<'ticket:called'>) {
    const t = this.tickets.get(e.data.ticketId);
    if (!t) return;
    const w = this.window(e.data.windowId, e.at);
    w.calls++;
    w.busySince ??= e.at;
    t.callAt = e.at;
    t.startAt = undefined;
    t.windowId = e.data.windowId;
    if (t.called) return;
    t.called = true;
    this.count(t, e.data.windowId, countFirstCall);
  }

  private onStarted(e: EventOf<'ticket:started'>) {
    const t = this.tickets.get(e.data.ticketId);
    if (!t || t.callAt === undefined) return;
    t.startAt = e.at;
    this.count(t, e.data.windowId, countWalk);
  }

  private onFinished(e: EventOf<'ticket:finished'>) {
    const t = this.tickets.get(e.data.ticketId);
    if (!t) return;
    const from = t.startAt ?? t.callAt ?? e.at;
    const service = e.at - from;
    t.serviceMs = service;
    this.count(t, e.data.windowId, countServed);
    // By person when one signed in (a name is not unique, a staff number is), else by token name.
    const name = e.actor?.name ?? e.actor?.role ?? 'unknown';
    const key = e.actor?.staffNumber ? `staff:${e.actor.staffNumber}` : name;
    const clerk = this.clerks.get(key) ?? { served: 0, serviceMs: 0, ...(e.actor?.staffNumber ? { name, staffNumber: e.actor.staffNumber } : {}) };
    clerk.served++;
    clerk.serviceMs += service;
    this.clerks.set(key, clerk);
    this.window(e.data.windowId, e.at).served++;
    this.release(t, e.data.windowId, e.at);
    this.tickets.delete(e.data.ticketId);
  }

  private onNoShow(e: EventOf<'ticket:no-show'>) {
    const t = this.tickets.get(e.data.ticketId);
    if (!t) return;
    t.noShowWindow = e.data.windowId;
    this.count(t, e.data.windowId, countNoShow);
    this.release(t, e.data.windowId, e.at);
  }

  private onReactivated(e: EventOf<'ticket:reactivated'>) {
    const t = this.tickets.get(e.data.ticketId);
    if (!t || t.noShowWindow === undefined) return;
    this.count(t, t.noShowWindow, uncountNoShow);
    t.noShowWindow = undefined;
    t.callAt = undefined;
    t.startAt = undefined;
  }

  private onTransferred(e: EventOf<'ticket:transferred'>) {
    const t = this.tickets.get(e.data.ticketId);
    // A window transfers the visitor it called: the visit's first call is counted already, so the
    // new ticket's call is not a second one (else "called" would exceed "issued").
    this.track(e.data.ticket, e.at).called = true;
    if (!t) return;
    const windowId = e.data.windowId ?? t.windowId;
    this.count(t, windowId ?? NO_WINDOW, countTransfer);
    if (windowId) this.release(t, windowId, e.at);
    this.tickets.delete(e.data.ticketId);
  }

  private onCancelled(e: EventOf<'ticket:cancelled'>) {
    const t = this.tickets.get(e.data.ticketId);
    if (!t) return;
    const windowId = t.windowId;
    this.count(t, windowId ?? NO_WINDOW, countCancel);
    if (windowId) this.release(t, windowId, e.at);
    this.tickets.delete(e.data.ticketId);
  }

  private track(ticket: { id: string; serviceId: string; lane: Lane; issuedAt: number; serviceDay: string }, at: number): Track {
    const t: Track = {
      serviceId: ticket.serviceId,
      lane: ticket.lane,
      issuedAt: ticket.issuedAt ?? at,
      hour: this.hourOf(ticket.issuedAt ?? at),
      day: ticket.serviceDay,
      targetMs: this.targets.get(ticket.serviceId) ?? Infinity,
      called: false,
    };
    this.tickets.set(ticket.id, t);
    // One day a fold as a rule: the set is touched when the day differs from the last ticket's.
    if (t.day !== this.lastDay) {
      this.days.add(t.day);
      this.lastDay = t.day;
    }
    return t;
  }

  /** The local hour ("09") of an instant, formatted once per minute: time zone offsets since 1901 are whole
   * minutes, so every instant of one epoch minute has the same local hour (Intl costs µs a call). */
  private hourOf(at: number): string {
    const minute = Math.floor(at / 60_000);
    if (minute !== this.hourMemo.minute) this.hourMemo = { minute, hour: String(localHourOf(at, this.hall.timeZone)).padStart(2, '0') };
    return this.hourMemo.hour;
  }

  /** Applies one change to the total and to the ticket's group in every dimension. */
  private count(t: Track, windowId: string, change: Change) {
    change(this.total, t);
    change(this.group('window', windowId), t);
    // A ticket's other groups never change: looked up once, at its first count.
    const own = (t.groups ??= this.groupsOf(t));
    for (const x of own) change(x, t);
  }

  /** The service, lane, hour and day groups of `t`: those of the service and lane's last ticket when its hour and day are the same. */
  private groupsOf(t: Track): FoldGroup[] {
    let byLane = this.ownGroups.get(t.serviceId);
    if (!byLane) this.ownGroups.set(t.serviceId, (byLane = {}));
    const last = byLane[t.lane];
    if (last && last.hour === t.hour && last.day === t.day) return last.groups;
    const groups = [this.group('service', t.serviceId), this.group('lane', t.lane), this.group('hour', t.hour), this.group('day', t.day)];
    byLane[t.lane] = { hour: t.hour, day: t.day, groups };
    return groups;
  }

  /** Group `key` of dimension `d`, created empty when first counted. */
  private group(d: Dimension, key: string): FoldGroup {
    const m = this.groups[d];
    let x = m.get(key);
    if (!x) m.set(key, (x = new FoldGroup()));
    return x;
  }

  private window(id: string, at: number): WindowTrack {
    let w = this.windows.get(id);
    // A window seen before any day:started (a range that starts mid-day) is taken as open from then.
    if (!w) this.windows.set(id, (w = { status: 'open', since: at, openMs: 0, busyMs: 0, calls: 0, served: 0 }));
    return w;
  }

  private setWindow(id: string, status: WindowStatus, at: number) {
    const w = this.windows.get(id);
    if (!w) {
      this.windows.set(id, { status, since: at, openMs: 0, busyMs: 0, calls: 0, served: 0 });
      return;
    }
    if (w.status === 'open') w.openMs += Math.max(0, at - w.since);
    w.status = status;
    w.since = at;
  }

  private release(t: Track, windowId: string, at: number) {
    const w = this.window(windowId, at);
    if (w.busySince !== undefined) {
      w.busyMs += Math.max(0, at - w.busySince);
      w.busySince = undefined;
    }
    if (t.windowId === windowId) t.windowId = undefined;
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled event ${JSON.stringify(x)}`);
}

// The counts of the steps every ticket takes, made once (not a closure per event).
function countIssue({ tally: x }: FoldGroup, t: Track) {
  x.issued++;
  if (t.lane === 'green') x.greenIssued++;
  if (t.lane === 'appointment') x.appointmentIssued++;
}

/** A visit's first call, whose wait is from its issue to this call (`callAt`). */
function countFirstCall(g: FoldGroup, t: Track) {
  const wait = t.callAt! - t.issuedAt;
  g.tally.called++;
  g.wait.push(wait);
  if (wait <= t.targetMs) g.tally.withinTarget++;
}

/** The walk from the last call to the start. */
function countWalk(g: FoldGroup, t: Track) {
  g.walk.push(t.startAt! - t.callAt!);
}

function countServed(g: FoldGroup, t: Track) {
  g.tally.served++;
  if (t.lane === 'elderly') g.tally.elderlyServed++;
  g.service.push(t.serviceMs!);
}

function countNoShow(g: FoldGroup) {
  g.tally.noShow++;
}

/** A reactivation takes its no-show back. */
function uncountNoShow(g: FoldGroup) {
  g.tally.noShow--;
}

function countTransfer(g: FoldGroup) {
  g.tally.transferred++;
}

function countCancel(g: FoldGroup) {
  g.tally.cancelled++;
}

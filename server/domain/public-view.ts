// What may be shown in public: screens, live events, a ticket's status page. No visitor data here.
import type { Forecast } from './forecast.ts';
import { waitingCounts } from './lane-policy.ts';
import type { HallConfig, HallState, Lane, Ticket, TicketStatus, WindowStatus } from './types.ts';
export type { WindowCounts } from './day-tally.ts';
import { recentCallTickets, windowCountsOf, type WindowCounts } from './day-tally.ts';
import { windowConfigOf } from './hall-index.ts';
import { ticketById } from './ticket-table.ts';
import { waitingPage } from './waiting-page.ts';

/** How many waiting tickets per service the snapshot lists: it stays small however long the queues. */
export const NEXT_PER_SERVICE = 5;

export interface PublicTicket {
  id: string;
  hallId: string;
  number: string;
  serviceId: string;
  lane: Lane;
  status: TicketStatus;
  issuedAt: number;
  calledAt?: number;
  windowId?: string;
  windowNumber?: number;
  recalls: number;
  /**
   * While waiting, and when the view was made with a forecast: calls the lane policy makes before
   * this ticket at the windows that could take it, if nobody new arrives (forecast.ts).
   */
  ahead?: number;
  transferredFrom?: string;
  transferredTo?: string;
  /** The new ticket's number after a transfer: the visitor's status page shows it. */
  transferredToNumber?: string;
}

/**
 * The ticket at a window, as the snapshot and live events carry it: what the wall, window displays
 * and LED bars show (the number, called or serving, recalled). A console that shows more of it (the
 * clerk's lane and wait) has the whole ticket from `GET /api/windows/:id` and each event's `ticket`.
 */
export type WindowTicket = Pick<PublicTicket, 'id' | 'number' | 'status' | 'recalls'>;

/**
 * A window as it is now: only what changes during the day. Its number, name, services and lanes
 * are the hall's and come from `GET /api/hall` (every display loads it), so a hall of 200 windows
 * does not send them with every snapshot and event.
 */
export interface PublicWindow {
  id: string;
  status: WindowStatus;
  current?: WindowTicket;
}

/** `GET /api/windows/:id`: one window whole, its fixed parts with its state and full current ticket. */
export interface WindowDetail {
  id: string;
  number: number;
  name: { zh: string; en: string };
  status: WindowStatus;
  services: string[];
  current?: PublicTicket;
}

export interface CallRecord {
  ticketId: string;
  number: string;
  serviceId: string;
  windowId: string;
  windowNumber: number;
  at: number;
  recalls: number;
}

export interface HallSnapshot {
  hallId: string;
  /** Seq of the last event this snapshot includes: resume live events after it. */
  eventId: number;
  serviceDay: string | null;
  at: number;
  windows: PublicWindow[];
  /** Waiting tickets per service id. */
  waiting: Record<string, number>;
  /**
   * Per service id, its first waiting tickets in arrival order (at most NEXT_PER_SERVICE), as of
   * eventId. The whole queue is paged by `GET /api/queue` (waiting-page.ts).
   */
  next: Record<string, PublicTicket[]>;
  /** Newest calls first. */
  recentCalls: CallRecord[];
  counts: { issued: number; called: number; done: number; noShow: number; waiting: number };
  /** Today's figures per window id: tickets called there (recalls not counted), finished, no-shows. */
  windowCounts: Record<string, WindowCounts>;
}

export function publicTicket(state: HallState, hall: HallConfig, t: Ticket, forecast?: Forecast): PublicTicket {
  const ahead = t.status === 'waiting' ? forecast?.tickets.get(t.id)?.ahead : undefined;
  // The fields a view has in the commonest shapes are in its literal, not added after it into a
  // property store of their own (a live event and an answer per call): the keys keep their order,
  // so the JSON is the same.
  let out: PublicTicket;
  if (t.calledAt !== undefined && t.windowId !== undefined) {
    out = atWindowView(hall, t, t.calledAt, t.windowId);
    if (ahead !== undefined) out.ahead = ahead;
  } else if (t.calledAt === undefined && t.windowId === undefined) {
    out = ahead === undefined ? plainView(t) : aheadView(t, ahead);
  } else {
    out = plainView(t);
    if (t.calledAt !== undefined) out.calledAt = t.calledAt;
    if (t.windowId !== undefined) {
      out.windowId = t.windowId;
      out.windowNumber = windowConfigOf(hall, t.windowId)?.number;
    }
    if (ahead !== undefined) out.ahead = ahead;
  }
  if (t.transferredFrom) out.transferredFrom = t.transferredFrom;
  if (t.transferredTo) {
    out.transferredTo = t.transferredTo;
    const next = ticketById(state.tickets, t.transferredTo);
    if (next) out.transferredToNumber = next.number;
  }
  return out;
}

function plainView(t: Ticket): PublicTicket {
  return { id: t.id, hallId: t.hallId, number: t.number, serviceId: t.serviceId, lane: t.lane, status: t.status, issuedAt: t.issuedAt, recalls: t.recalls };
}

function aheadView(t: Ticket, ahead: number): PublicTicket {
  return { id: t.id, hallId: t.hallId, number: t.number, serviceId: t.serviceId, lane: t.lane, status: t.status, issuedAt: t.issuedAt, recalls: t.recalls, ahead };
}

function atWindowView(hall: HallConfig, t: Ticket, calledAt: number, windowId: string): PublicTicket {
  const windowNumber = windowConfigOf(hall, windowId)?.number;
  return { id: t.id, hallId: t.hallId, number: t.number, serviceId: t.serviceId, lane: t.lane, status: t.status, issuedAt: t.issuedAt, recalls: t.recalls, calledAt, windowId, windowNumber };
}

export function windowTicket(t: Ticket): WindowTicket {
  return { id: t.id, number: t.number, status: t.status, recalls: t.recalls };
}

function windowStatus(state: HallState, cfg: HallConfig['windows'][number]): WindowStatus {
  return state.windows[cfg.id]?.status ?? (cfg.openAtStart ? 'open' : 'closed');
}

function currentTicket(state: HallState, windowId: string): Ticket | undefined {
  const id = state.windows[windowId]?.currentTicketId;
  return id ? ticketById(state.tickets, id) : undefined;
}

export function publicWindow(state: HallState, hall: HallConfig, windowId: string): PublicWindow {
  const cfg = windowConfigOf(hall, windowId)!;
  const current = currentTicket(state, windowId);
  // One literal per shape (no property added after it): the same keys in the same order.
  return current ? { id: cfg.id, status: windowStatus(state, cfg), current: windowTicket(current) } : { id: cfg.id, status: windowStatus(state, cfg) };
}

/** `shown`: a view of some ticket made from the same state without a forecast, used as the current
 * ticket's view when it is that ticket (a window action's answer shows both). */
export function windowDetail(state: HallState, hall: HallConfig, windowId: string, shown?: PublicTicket): WindowDetail {
  const cfg = windowConfigOf(hall, windowId)!;
  const current = currentTicket(state, windowId);
  const status = windowStatus(state, cfg);
  if (!current) return { id: cfg.id, number: cfg.number, name: cfg.name, status, services: cfg.services };
  return { id: cfg.id, number: cfg.number, name: cfg.name, status, services: cfg.services, current: shown?.id === current.id ? shown : publicTicket(state, hall, current) };
}

/** The newest calls, newest first, from the tally evolve keeps (never a scan of the day). */
export function recentCalls(state: HallState, hall: HallConfig): CallRecord[] {
  return recentCallTickets(state.tally, state.tickets).map((t) => ({
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    windowId: t.windowId!,
    windowNumber: windowConfigOf(hall, t.windowId!)?.number ?? 0,
    at: t.calledAt!,
    recalls: t.recalls,
  }));
}

/**
 * The public state, bounded whatever the queue length: windows, waiting counts, the next few per
 * service, recent calls and today's counts. The forecast is read per listed ticket, never whole.
 */
export function hallSnapshot(state: HallState, hall: HallConfig, now: number, forecast: Forecast): HallSnapshot {
  const waiting = waitingCounts(state, hall);
  const next: Record<string, PublicTicket[]> = {};
  for (const s of hall.services) {
    next[s.id] = waitingPage(state, [s.id], undefined, NEXT_PER_SERVICE).tickets.map((t) => publicTicket(state, hall, t, forecast));
  }
  const { tally } = state;
  return {
    hallId: hall.id,
    eventId: state.seq,
    serviceDay: state.serviceDay,
    at: now,
    windows: hall.windows.map((w) => publicWindow(state, hall, w.id)),
    waiting,
    next,
    recentCalls: recentCalls(state, hall),
    windowCounts: Object.fromEntries(hall.windows.map((w) => [w.id, windowCountsOf(tally, w.id)])),
    counts: {
      issued: tally.issued,
      called: tally.called,
      done: tally.done,
      noShow: tally.noShow,
      waiting: Object.values(waiting).reduce((a, b) => a + b, 0),
    },
  };
}

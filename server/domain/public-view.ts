// What may be shown in public: screens, live events, a ticket's status page. No visitor data here.
import type { Forecast } from './forecast.ts';
import { waitingCounts } from './lane-policy.ts';
import type { HallConfig, HallState, Lane, Ticket, TicketStatus, WindowStatus } from './types.ts';
import { ticketById, ticketList } from './ticket-table.ts';
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

export interface PublicWindow {
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

export interface WindowCounts {
  called: number;
  done: number;
  noShow: number;
}

export function publicTicket(state: HallState, hall: HallConfig, t: Ticket, forecast?: Forecast): PublicTicket {
  const out: PublicTicket = {
    id: t.id,
    hallId: t.hallId,
    number: t.number,
    serviceId: t.serviceId,
    lane: t.lane,
    status: t.status,
    issuedAt: t.issuedAt,
    recalls: t.recalls,
  };
  if (t.calledAt !== undefined) out.calledAt = t.calledAt;
  if (t.windowId !== undefined) {
    out.windowId = t.windowId;
    out.windowNumber = hall.windows.find((w) => w.id === t.windowId)?.number;
  }
  const ahead = t.status === 'waiting' ? forecast?.tickets.get(t.id)?.ahead : undefined;
  if (ahead !== undefined) out.ahead = ahead;
  if (t.transferredFrom) out.transferredFrom = t.transferredFrom;
  if (t.transferredTo) {
    out.transferredTo = t.transferredTo;
    const next = ticketById(state.tickets, t.transferredTo);
    if (next) out.transferredToNumber = next.number;
  }
  return out;
}

export function publicWindow(state: HallState, hall: HallConfig, windowId: string): PublicWindow {
  const cfg = hall.windows.find((w) => w.id === windowId)!;
  const ws = state.windows[windowId];
  const current = ws?.currentTicketId ? ticketById(state.tickets, ws.currentTicketId) : undefined;
  const out: PublicWindow = {
    id: cfg.id,
    number: cfg.number,
    name: cfg.name,
    status: ws?.status ?? (cfg.openAtStart ? 'open' : 'closed'),
    services: cfg.services,
  };
  if (current) out.current = publicTicket(state, hall, current);
  return out;
}

export function recentCalls(state: HallState, hall: HallConfig, limit = 10): CallRecord[] {
  const called = ticketList(state.tickets).filter((t) => t.calledAt !== undefined && t.windowId !== undefined);
  called.sort((a, b) => b.calledAt! - a.calledAt!);
  return called.slice(0, limit).map((t) => ({
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    windowId: t.windowId!,
    windowNumber: hall.windows.find((w) => w.id === t.windowId)?.number ?? 0,
    at: t.calledAt!,
    recalls: t.recalls,
  }));
}

/**
 * The public state, bounded whatever the queue length: windows, waiting counts, the next few per
 * service, recent calls and today's counts. The forecast is read per listed ticket, never whole.
 */
export function hallSnapshot(state: HallState, hall: HallConfig, now: number, forecast: Forecast): HallSnapshot {
  const tickets = ticketList(state.tickets);
  const waiting = waitingCounts(state, hall);
  const next: Record<string, PublicTicket[]> = {};
  for (const s of hall.services) {
    next[s.id] = waitingPage(state, [s.id], undefined, NEXT_PER_SERVICE).tickets.map((t) => publicTicket(state, hall, t, forecast));
  }
  return {
    hallId: hall.id,
    eventId: state.seq,
    serviceDay: state.serviceDay,
    at: now,
    windows: hall.windows.map((w) => publicWindow(state, hall, w.id)),
    waiting,
    next,
    recentCalls: recentCalls(state, hall),
    windowCounts: windowCounts(tickets, hall),
    counts: {
      issued: tickets.filter((t) => !t.transferredFrom).length,
      // Visits called: a transfer's new ticket belongs to a visit called already (at the window that transferred it).
      called: tickets.filter((t) => t.firstCalledAt !== undefined && !t.transferredFrom).length,
      done: tickets.filter((t) => t.status === 'done').length,
      noShow: tickets.filter((t) => t.status === 'no_show').length,
      waiting: Object.values(waiting).reduce((a, b) => a + b, 0),
    },
  };
}

/** Per window, from the tickets' last window: a ticket called at two windows counts at the last. */
function windowCounts(tickets: Ticket[], hall: HallConfig): Record<string, WindowCounts> {
  const out: Record<string, WindowCounts> = Object.fromEntries(hall.windows.map((w) => [w.id, { called: 0, done: 0, noShow: 0 }]));
  for (const t of tickets) {
    const c = t.windowId ? out[t.windowId] : undefined;
    if (!c) continue;
    c.called++;
    if (t.status === 'done') c.done++;
    else if (t.status === 'no_show') c.noShow++;
  }
  return out;
}

// The page-side model of one hall, folded from the server's snapshot and live events.
// Pure functions only: the controller feeds them, the unit tests drive them without a DOM.
import type {
  CallRecord,
  HallSnapshot,
  PublicTicket,
  PublicWindow,
  TicketEvent,
  TicketEventName,
  WindowEvent,
  WindowTicket,
} from '../../server/realtime/contract.ts';
import type { HallInfo, WindowInfo } from '../logic/labels.ts';

/** A ticket as the model last saw it: a window's current one (snapshot) or an event's whole ticket. */
export type SeenTicket = WindowTicket & { windowId?: string; calledAt?: number };

export interface HallModel {
  hallId: string;
  /** Last event folded in; passed back on reconnect so the server can resume. */
  eventId: number;
  serviceDay: string | null;
  /** Each window's live state; its number, name and services are the hall's (HallInfo, GET /api/hall). */
  windows: PublicWindow[];
  /** Waiting tickets per service id. The lists themselves are paged from /api/queue (queue-controller.ts). */
  waiting: Record<string, number>;
  /** Newest first. */
  recentCalls: CallRecord[];
  counts: HallSnapshot['counts'];
  /** Today's figures per window (called, done, no-show), counted at each ticket's last window like the server does. */
  windowCounts: HallSnapshot['windowCounts'];
  /** Tickets seen in events since the snapshot, by id (the status page follows one). */
  tickets: Record<string, SeenTicket>;
}

export const RECENT_CALLS_KEPT = 12;

export function fromSnapshot(s: HallSnapshot): HallModel {
  const tickets: Record<string, SeenTicket> = {};
  for (const w of s.windows) if (w.current) tickets[w.current.id] = { ...w.current, windowId: w.id };
  return {
    hallId: s.hallId,
    eventId: s.eventId,
    serviceDay: s.serviceDay,
    windows: s.windows,
    waiting: { ...s.waiting },
    recentCalls: s.recentCalls.slice(0, RECENT_CALLS_KEPT),
    counts: { ...s.counts },
    windowCounts: Object.fromEntries(Object.entries(s.windowCounts ?? {}).map(([id, c]) => [id, { ...c }])),
    tickets,
  };
}

function upsertWindow(windows: PublicWindow[], w: PublicWindow): PublicWindow[] {
  return windows.some((x) => x.id === w.id) ? windows.map((x) => (x.id === w.id ? w : x)) : [...windows, w];
}

function callRecord(t: PublicTicket, at: number): CallRecord | undefined {
  if (!t.windowId) return undefined;
  return {
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    windowId: t.windowId,
    windowNumber: t.windowNumber ?? 0,
    at: t.calledAt ?? at,
    recalls: t.recalls,
  };
}

/** Folds one ticket event. Events at or below the model's eventId are ignored (a resume may repeat one). */
export function applyTicketEvent(m: HallModel, name: TicketEventName, e: TicketEvent): HallModel {
  if (e.eventId <= m.eventId) return m;
  const t = e.ticket;
  const firstCall = name === 'ticket:called' && m.tickets[t.id]?.calledAt === undefined && t.recalls === 0;
  const tickets: Record<string, SeenTicket> = { ...m.tickets, [t.id]: t };
  if (e.next) tickets[e.next.id] = e.next;
  let recentCalls = m.recentCalls;
  if (name === 'ticket:called' || name === 'ticket:recalled') {
    const rec = callRecord(t, e.at);
    if (rec) recentCalls = [rec, ...recentCalls.filter((c) => c.ticketId !== t.id)].slice(0, RECENT_CALLS_KEPT);
  }
  const c = { ...m.counts };
  if (name === 'ticket:issued') c.issued += 1;
  if (firstCall) c.called += 1;
  if (name === 'ticket:finished') c.done += 1;
  if (name === 'ticket:no-show') c.noShow += 1;
  if (name === 'ticket:reactivated') c.noShow = Math.max(0, c.noShow - 1);
  c.waiting = Object.values(e.waiting).reduce((a, b) => a + b, 0);
  const windowCounts = foldWindowCounts(m.windowCounts, m.tickets[t.id] ?? guessBefore(name, t), t);
  // A window's other tickets are not in the event: when a window now shows this ticket, keep it.
  let windows = e.window ? upsertWindow(m.windows, e.window) : m.windows;
  // A ticket that left its window (finished, no-show, transferred) clears that window's current.
  if (!e.window && t.windowId) {
    windows = windows.map((w) => (w.id === t.windowId && w.current?.id === t.id ? { ...w, current: undefined } : w));
  }
  return { ...m, eventId: e.eventId, waiting: { ...e.waiting }, tickets, recentCalls, counts: c, windowCounts, windows };
}

type WindowCounts = HallSnapshot['windowCounts'][string];

/** What one ticket adds to its last window's figures (the server's rule in public-view.ts). */
function contribution(t: SeenTicket | undefined): { windowId: string; c: WindowCounts } | undefined {
  if (!t?.windowId) return undefined;
  return { windowId: t.windowId, c: { called: 1, done: t.status === 'done' ? 1 : 0, noShow: t.status === 'no_show' ? 1 : 0 } };
}

/** A ticket the model never saw before this event: what it must have been. */
function guessBefore(name: TicketEventName, t: PublicTicket): SeenTicket | undefined {
  // A no-show from before the snapshot, reactivated: its window is no longer in the event, so it cannot be taken off.
  if (name === 'ticket:issued' || name === 'ticket:reactivated') return undefined;
  // Called, finished, no-show: it was at this window (or waiting, for a first call).
  if (name === 'ticket:called') return undefined;
  return t.windowId ? { ...t, status: 'called' } : undefined;
}

/**
 * Today's per-window figures after one ticket changed from `before` to `after`: the old contribution
 * comes off, the new one goes on, so recall, start, finish, no-show, reactivation and transfer all
 * agree with a fresh snapshot.
 */
export function foldWindowCounts(
  counts: HallSnapshot['windowCounts'],
  before: SeenTicket | undefined,
  after: SeenTicket,
): HallSnapshot['windowCounts'] {
  const minus = contribution(before);
  const plus = contribution(after);
  if (!minus && !plus) return counts;
  const out = { ...counts };
  const add = (x: { windowId: string; c: WindowCounts }, sign: 1 | -1) => {
    const cur = out[x.windowId] ?? { called: 0, done: 0, noShow: 0 };
    out[x.windowId] = {
      called: Math.max(0, cur.called + sign * x.c.called),
      done: Math.max(0, cur.done + sign * x.c.done),
      noShow: Math.max(0, cur.noShow + sign * x.c.noShow),
    };
  };
  if (minus) add(minus, -1);
  if (plus) add(plus, 1);
  return out;
}

/** Today's figures of one window (zeros before the first snapshot or for an unknown window). */
export function countsForWindow(m: HallModel | undefined, windowId: string): WindowCounts {
  return m?.windowCounts[windowId] ?? { called: 0, done: 0, noShow: 0 };
}

export function applyWindowEvent(m: HallModel, e: WindowEvent): HallModel {
  if (e.eventId <= m.eventId) return m;
  return { ...m, eventId: e.eventId, windows: upsertWindow(m.windows, e.window) };
}

/** Waiting tickets a window may call (its services, from HallInfo), from the counts. */
export function waitingForWindow(m: HallModel, window: Pick<WindowInfo, 'services'> | undefined): number {
  if (!window) return 0;
  return window.services.reduce((n, s) => n + (m.waiting[s] ?? 0), 0);
}

export function windowById(m: HallModel | undefined, id: string): PublicWindow | undefined {
  return m?.windows.find((w) => w.id === id);
}

/** A window as pages show it: its fixed parts (GET /api/hall) with its live state. */
export type WindowView = WindowInfo & PublicWindow;

/** The hall's windows in its order, each with its live state (open and idle before the first snapshot). */
export function windowViews(info: HallInfo | undefined, m: HallModel | undefined): WindowView[] {
  // Until the snapshot says how each window is, show none rather than all as open.
  if (!m) return [];
  return (info?.windows ?? []).map((w) => ({ ...w, status: 'open', ...windowById(m, w.id) }));
}

/**
 * A window's current ticket with what the page knows of it beyond the snapshot's slim one (service,
 * lane, issue and call times): `known` is the whole ticket from GET /api/windows/:id or an event.
 */
export function currentWithDetail(slim: WindowTicket | undefined, known: PublicTicket | undefined): (WindowTicket & Partial<PublicTicket>) | undefined {
  if (!slim) return undefined;
  return known?.id === slim.id ? { ...known, ...slim } : slim;
}

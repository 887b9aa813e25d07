// Turns stored domain events into the public live events of the contract. Pure.
import type { StoredEvent } from '../domain/events.ts';
import type { Forecast } from '../domain/forecast.ts';
import { publicTicket, publicWindow } from '../domain/public-view.ts';
import { waitingCounts } from '../domain/lane-policy.ts';
import type { HallConfig, HallState } from '../domain/types.ts';
import type { LiveEventName, ServerToClientEvents, TicketEvent } from './contract.ts';
import { ticketById } from '../domain/ticket-table.ts';

export interface LiveEvent {
  name: LiveEventName;
  payload: Parameters<ServerToClientEvents[LiveEventName]>[0];
  eventId: number;
  /** Windows whose displays care (their rooms get it too). Shared between events: never change it. */
  windowIds: readonly string[];
  /**
   * A ticket event the decorator (the voice module's announcement) has not seen yet: the gateway
   * decorates it before it is first sent, live or to a resuming client, so an event nobody hears
   * costs no announcement.
   */
  undecorated?: boolean;
}

/** Adds to a ticket event after it is built (the voice module's announcement). */
export type TicketEventDecorator = (name: LiveEventName, event: TicketEvent, hall: HallConfig) => void;

/** `state` is the state right after the last of `events`: with more than one event, the earlier ones
 * would show their tickets as they are at the end (the gateway passes one event at a time). */
export function toLiveEvents(
  events: StoredEvent[],
  state: HallState,
  hall: HallConfig,
  decorate?: TicketEventDecorator,
  /** People ahead of a waiting ticket in an event; made only when such a ticket is in the batch. */
  forecast?: () => Forecast,
): LiveEvent[] {
  const out: LiveEvent[] = [];
  for (const e of events) {
    const live = toLiveEvent(e, state, hall, forecast);
    if (!live) continue;
    if (live.undecorated) decorateLive(live, hall, decorate);
    out.push(live);
  }
  return out;
}

/** Runs the decorator on a ticket event once (a no-op for others and for one already decorated). */
export function decorateLive(live: LiveEvent, hall: HallConfig, decorate: TicketEventDecorator | undefined): void {
  if (!live.undecorated) return;
  live.undecorated = false;
  decorate?.(live.name, live.payload as TicketEvent, hall);
}

/**
 * One stored event as a live event, undecorated, with `state` the state right after it; undefined
 * for an event about a ticket no longer in the state (a day that has ended).
 */
export function toLiveEvent(e: StoredEvent, state: HallState, hall: HallConfig, forecast?: () => Forecast): LiveEvent | undefined {
  switch (e.type) {
    case 'day:started':
      return { name: 'day:started', payload: { eventId: e.seq, hallId: e.hallId, at: e.at, serviceDay: e.data.serviceDay }, eventId: e.seq, windowIds: NO_WINDOWS };
    case 'window:opened':
    case 'window:paused':
    case 'window:resumed':
    case 'window:closed': {
      const windowId = e.data.windowId;
      const payload = { eventId: e.seq, hallId: e.hallId, at: e.at, window: publicWindow(state, hall, windowId) };
      return { name: 'window:updated', payload, eventId: e.seq, windowIds: onlyWindow(windowId) };
    }
    default:
      return ticketLiveEvent(e, state, hall, forecast);
  }
}

function ticketLiveEvent(
  e: Exclude<StoredEvent, { type: 'day:started' | 'window:opened' | 'window:paused' | 'window:resumed' | 'window:closed' }>,
  state: HallState,
  hall: HallConfig,
  forecast: (() => Forecast) | undefined,
): LiveEvent | undefined {
  const ticket = ticketById(state.tickets, e.type === 'ticket:issued' ? e.data.ticket.id : e.data.ticketId);
  if (!ticket) return undefined; // a ticket from a day that has already ended
  const windowId = 'windowId' in e.data ? e.data.windowId : ticket.windowId;
  const shown = publicTicket(state, hall, ticket, ticket.status === 'waiting' ? forecast?.() : undefined);
  // The window in the literal when there is one (not added after it): the same keys, in the same order.
  const payload: TicketEvent = windowId
    ? { eventId: e.seq, hallId: e.hallId, at: e.at, ticket: shown, waiting: waitingOf(state, hall), window: publicWindow(state, hall, windowId) }
    : { eventId: e.seq, hallId: e.hallId, at: e.at, ticket: shown, waiting: waitingOf(state, hall) };
  if (e.type === 'ticket:transferred') payload.next = publicTicket(state, hall, ticketById(state.tickets, e.data.ticket.id)!, forecast?.());
  return { name: e.type, payload, eventId: e.seq, windowIds: windowId ? onlyWindow(windowId) : NO_WINDOWS, undecorated: true };
}

/**
 * The waiting counts of a state's queues. waitingCounts keeps them per queues record (events that
 * leave the queues as they were share their predecessor's counts), frozen: payloads only read them.
 */
function waitingOf(state: HallState, hall: HallConfig): Record<string, number> {
  return waitingCounts(state, hall) as Record<string, number>;
}

const NO_WINDOWS: readonly string[] = Object.freeze([]);
/** One frozen [windowId] per window id: every event of a window shares it. */
const windowLists = new Map<string, readonly string[]>();
function onlyWindow(windowId: string): readonly string[] {
  let list = windowLists.get(windowId);
  if (!list) {
    if (windowLists.size > 10_000) windowLists.clear();
    windowLists.set(windowId, (list = Object.freeze([windowId])));
  }
  return list;
}

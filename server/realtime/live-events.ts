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
  /** Windows whose displays care (their rooms get it too). */
  windowIds: string[];
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
  const waiting = waitingCounts(state, hall);
  for (const e of events) {
    const base = { eventId: e.seq, hallId: e.hallId, at: e.at };
    switch (e.type) {
      case 'day:started':
        out.push({ name: 'day:started', payload: { ...base, serviceDay: e.data.serviceDay }, eventId: e.seq, windowIds: [] });
        break;
      case 'window:opened':
      case 'window:paused':
      case 'window:resumed':
      case 'window:closed':
        out.push({
          name: 'window:updated',
          payload: { ...base, window: publicWindow(state, hall, e.data.windowId) },
          eventId: e.seq,
          windowIds: [e.data.windowId],
        });
        break;
      default: {
        const ticket = ticketById(state.tickets, e.type === 'ticket:issued' ? e.data.ticket.id : e.data.ticketId);
        if (!ticket) break; // a ticket from a day that has already ended
        const windowId = 'windowId' in e.data ? e.data.windowId : ticket.windowId;
        const payload: TicketEvent = { ...base, ticket: publicTicket(state, hall, ticket, ticket.status === 'waiting' ? forecast?.() : undefined), waiting };
        if (windowId) payload.window = publicWindow(state, hall, windowId);
        if (e.type === 'ticket:transferred') payload.next = publicTicket(state, hall, ticketById(state.tickets, e.data.ticket.id)!, forecast?.());
        decorate?.(e.type, payload, hall);
        out.push({ name: e.type, payload, eventId: e.seq, windowIds: windowId ? [windowId] : [] });
      }
    }
  }
  return out;
}

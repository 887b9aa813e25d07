// Domain events: what happened in a hall. The event log stores these; every screen, announcement
// and metric is a fold of them.
import type { Envelope, Stored } from './envelope.ts';
import type { Ticket, WindowStatus } from './types.ts';

/** A hall event: the same envelope as every stream's events (./envelope.ts). */
type Base<T extends string, D> = Envelope<T, D>;

export type DomainEvent =
  | Base<'day:started', { serviceDay: string; expiredTicketIds: string[]; windows: Record<string, WindowStatus> }>
  | Base<'ticket:issued', { ticket: Ticket }>
  | Base<'ticket:called', { ticketId: string; windowId: string }>
  | Base<'ticket:recalled', { ticketId: string; windowId: string }>
  | Base<'ticket:started', { ticketId: string; windowId: string }>
  | Base<'ticket:finished', { ticketId: string; windowId: string; implicit?: boolean }>
  | Base<'ticket:no-show', { ticketId: string; windowId: string }>
  | Base<'ticket:reactivated', { ticketId: string }>
  | Base<'ticket:transferred', { ticketId: string; windowId?: string; ticket: Ticket }>
  | Base<'ticket:cancelled', { ticketId: string; reason?: string }>
  | Base<'window:opened', { windowId: string }>
  | Base<'window:paused', { windowId: string; reason?: string }>
  | Base<'window:resumed', { windowId: string }>
  | Base<'window:closed', { windowId: string }>;

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** An event as the log holds it: with its place in the hall's stream (1, 2, 3, ...). */
export type StoredEvent = Stored<DomainEvent>;

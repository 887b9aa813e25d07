// The live event contract, shared by the server and every browser page and device client.
// Sockets only read: every change goes through the HTTP API.
import type { HallSnapshot, PublicTicket, PublicWindow } from '../domain/public-view.ts';
export type { CallRecord, HallSnapshot, PublicTicket, PublicWindow, WindowTicket } from '../domain/public-view.ts';

/** What to say for a call or recall; filled by the voice module. */
export interface Announcement {
  /** One entry per language, in play order. */
  phrases: { lang: string; text: string; audioUrl?: string }[];
  repeat: number;
}

export interface TicketEvent {
  /** Seq in the hall's event log; increases by one per event. */
  eventId: number;
  hallId: string;
  at: number;
  ticket: PublicTicket;
  /** The window involved, after the event: its live state (number and name are in GET /api/hall). */
  window?: PublicWindow;
  /** Waiting tickets per service after the event. */
  waiting: Record<string, number>;
  /** ticket:transferred: the new ticket created for the target service or window. */
  next?: PublicTicket;
  /** ticket:called and ticket:recalled. */
  announcement?: Announcement;
}

export interface WindowEvent {
  eventId: number;
  hallId: string;
  at: number;
  window: PublicWindow;
}

export interface DayEvent {
  eventId: number;
  hallId: string;
  at: number;
  serviceDay: string;
}

/** Who is signed in at a window (staff feature): the window display and the wall show the name and
 * staff number (工号), as halls do. State, not a delta: the newest one is the truth. */
export interface WindowStaffEvent {
  hallId: string;
  windowId: string;
  at: number;
  /** Nobody signed in at the window: null. */
  staff: { name: string; staffNumber: string; photo?: string } | null;
}

export const TICKET_EVENTS = [
  'ticket:issued',
  'ticket:called',
  'ticket:recalled',
  'ticket:started',
  'ticket:finished',
  'ticket:no-show',
  'ticket:reactivated',
  'ticket:transferred',
  'ticket:cancelled',
] as const;
export type TicketEventName = (typeof TICKET_EVENTS)[number];

export type ServerToClientEvents = {
  /** Sent on connect (and when a resume is not possible): the public state, bounded (counts and the
   * next few per service; whole queues are paged by GET /api/queue). */
  snapshot: (s: HallSnapshot) => void;
  'window:updated': (e: WindowEvent) => void;
  /** A new service day began: numbers restart; clients take the snapshot that follows. */
  'day:started': (e: DayEvent) => void;
  'window:staff': (e: WindowStaffEvent) => void;
} & { [K in TicketEventName]: (e: TicketEvent) => void };

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

/** socket.io handshake `auth`. */
export interface HandshakeAuth {
  /** Hall id; the deployment's default hall when absent. */
  hall?: string;
  /** Follow one window only (a window display). */
  window?: string;
  /** Last eventId this client saw: the server sends what it missed, or a snapshot when too old. */
  lastEventId?: number;
}

export type LiveEventName = keyof ServerToClientEvents;

// The features' own namespaces have their contracts next to them: /metrics in
// server/metrics/contract.ts, /consoles (one-key assist) in server/assist/contract.ts.

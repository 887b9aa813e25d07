// The live event contract, shared by the server and every browser page and device client.
// Sockets only read: every change goes through the HTTP API.
import type { AssistRequest } from '../assist/types.ts';
import type { HallSnapshot, PublicTicket, PublicWindow } from '../domain/public-view.ts';
import type { LiveMetricsPayload } from '../metrics/live-types.ts';
export type { LiveMetricsPayload } from '../metrics/live-types.ts';
export type { CallRecord, HallSnapshot, PublicTicket, PublicWindow } from '../domain/public-view.ts';

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
  /** The window involved, after the event. */
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
  /** Sent on connect (and when a resume is not possible): the whole public state. */
  snapshot: (s: HallSnapshot) => void;
  'window:updated': (e: WindowEvent) => void;
  /** A new service day began: numbers restart; clients take the snapshot that follows. */
  'day:started': (e: DayEvent) => void;
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

/**
 * The `/metrics` namespace: the manager's dashboard. Needs an admin token in the handshake; sends
 * today's figures on connect and `metrics:updated` after events (at most every few hundred ms).
 */
export interface MetricsServerToClientEvents {
  'metrics:updated': (m: LiveMetricsPayload) => void;
}

export interface MetricsHandshakeAuth {
  token: string;
  /** Hall id; the deployment's default hall when absent. */
  hall?: string;
}

// ---- Private console events (one-key assist) ------------------------------------------------
// On their own namespace, CONSOLE_NAMESPACE, which only a clerk, approver or admin token may join
// (handshake `auth.token`); public displays on the default namespace never receive them. They carry
// the visitor's company for the back office, so they must stay off public rooms.
export type { AssistMessage, AssistRequest } from '../assist/types.ts';

export const CONSOLE_NAMESPACE = '/consoles';

export interface ConsoleHandshakeAuth {
  /** A clerk, approver or admin bearer token. */
  token: string;
  /** Hall id; the deployment's default hall when absent. */
  hall?: string;
}

export interface AssistLiveEvent {
  /** Seq in the hall's assist stream; increases by one per event. */
  eventId: number;
  hallId: string;
  at: number;
  request: AssistRequest;
}

export type ConsoleServerToClientEvents = {
  /** On connect: the requests this console may see that are still open or in progress. */
  'assist:snapshot': (s: { hallId: string; eventId: number; requests: AssistRequest[]; you: { role: string; name: string } }) => void;
  /** To the approvers of the service, the asking window and admins. */
  'assist:requested': (e: AssistLiveEvent) => void;
  'assist:accepted': (e: AssistLiveEvent) => void;
  /** To the asking window, the approver who accepted, and admins. */
  'assist:message': (e: AssistLiveEvent) => void;
  'assist:answered': (e: AssistLiveEvent) => void;
  'assist:withdrawn': (e: AssistLiveEvent) => void;
};
export type AssistEventName = Exclude<keyof ConsoleServerToClientEvents, 'assist:snapshot'>;

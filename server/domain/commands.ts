// Commands: what a person asks the hall to do. decide() turns one into events or refuses it.
import type { Lane, Ticket, Visitor } from './types.ts';

export type Command =
  | {
      type: 'issue';
      serviceId: string;
      lane: Lane;
      visitor?: Visitor;
      source?: string;
      appointmentId?: string;
    }
  | { type: 'callNext'; windowId: string }
  | { type: 'callTicket'; windowId: string; ticketId: string }
  | { type: 'recall'; windowId: string }
  | { type: 'start'; windowId: string }
  | { type: 'finish'; windowId: string }
  | { type: 'noShow'; windowId: string }
  | { type: 'transfer'; windowId: string; toServiceId?: string; toWindowId?: string }
  | { type: 'cancel'; ticketId: string; reason?: string }
  | { type: 'reactivate'; ticketId: string }
  | { type: 'openWindow'; windowId: string }
  | { type: 'pauseWindow'; windowId: string; reason?: string }
  | { type: 'resumeWindow'; windowId: string }
  | { type: 'closeWindow'; windowId: string }
  /** Sent by the day timer: closes yesterday when nothing else happens at midnight. */
  | { type: 'rollDay' };

export type CommandType = Command['type'];

/** What each command produced: the engine returns it next to the events, and a retry with the same
 * idempotency key gets the same one. */
export interface CommandResults {
  issue: { ticket: Ticket };
  /** No calledTicketId: nobody was waiting for this window. */
  callNext: { calledTicketId?: string; finishedTicketId?: string };
  callTicket: { calledTicketId: string; finishedTicketId?: string };
  recall: { ticketId: string };
  start: { ticketId: string };
  finish: { ticketId: string };
  noShow: { ticketId: string };
  /** ticketId: the one that was at the window; newTicketId: the one that waits for the new service or window. */
  transfer: { ticketId: string; newTicketId: string };
  cancel: { ticketId: string };
  reactivate: { ticketId: string };
  openWindow: Record<string, never>;
  pauseWindow: Record<string, never>;
  resumeWindow: Record<string, never>;
  closeWindow: Record<string, never>;
  /** The service day the hall is on afterwards; started: true when this command started it. */
  rollDay: { serviceDay: string; started: boolean };
}

export type ResultOf<C extends Command> = CommandResults[C['type']];
export type CommandResult = ResultOf<Command>;

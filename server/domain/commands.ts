// Commands: what a person asks the hall to do. decide() turns one into events or refuses it.
import type { Lane, Visitor } from './types.ts';

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

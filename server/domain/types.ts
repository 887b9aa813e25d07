// The hall's nouns: tickets, windows and the state folded from the event log.
import type { Lane } from '../config/schema.ts';
export type { Lane, HallConfig, ServiceConfig, WindowConfig, LanePolicy, Role } from '../config/schema.ts';

export type TicketStatus =
  | 'waiting'
  | 'called'
  | 'serving'
  | 'done'
  | 'no_show'
  | 'transferred'
  | 'cancelled'
  /** Still open when its service day ended. */
  | 'expired';

/** Kept for the record; never on public screens, events or logs. */
export interface Visitor {
  name?: string;
  phone?: string;
  company?: string;
  idNumber?: string;
}

export interface Ticket {
  id: string;
  hallId: string;
  serviceId: string;
  lane: Lane;
  /** Prefix + 3 digits, e.g. "A001". */
  number: string;
  status: TicketStatus;
  serviceDay: string;
  issuedAt: number;
  /** Queue position time: issue time, or the original ticket's arrival for a transfer. */
  arrivedAt: number;
  /** Set when a no-show is reactivated: it goes back to the front of its lane. */
  front?: boolean;
  /** Only this window may call it (a transfer to a window). */
  targetWindowId?: string;
  windowId?: string;
  firstCalledAt?: number;
  calledAt?: number;
  startedAt?: number;
  finishedAt?: number;
  noShowAt?: number;
  closedAt?: number;
  recalls: number;
  transferredFrom?: string;
  transferredTo?: string;
  /** Who issued it: a desk, a kiosk, a token name. */
  source?: string;
  visitor?: Visitor;
  appointmentId?: string;
}

export type WindowStatus = 'open' | 'paused' | 'closed';

export interface WindowState {
  id: string;
  status: WindowStatus;
  currentTicketId?: string;
  /** Elderly calls in a row at this window, for the interleave rule. */
  elderlyStreak: number;
  /** Last status change time. */
  since: number;
}

export interface HallState {
  hallId: string;
  /** Seq of the last event folded in; 0 for none. */
  seq: number;
  /** Latest `at` folded in: the hall's time never goes back before it (missing in old snapshots). */
  lastEventAt?: number;
  /** Local date (YYYY-MM-DD) in the hall's time zone, null before the first event. */
  serviceDay: string | null;
  /** Last number issued today per service id. */
  lastNumber: Record<string, number>;
  /** Today's tickets by id, every status. */
  tickets: Record<string, Ticket>;
  /** Waiting ticket ids per "service|lane", in queue order (see queues.ts). */
  queues: Record<string, string[]>;
  windows: Record<string, WindowState>;
}

export interface Actor {
  role: string;
  /** Token name, window clerk, or 'system'. */
  name?: string;
  /** The person (staff account) who made the command, when one signed in; never a visitor. */
  staffId?: string;
  /** Their staff number (工号). */
  staffNumber?: string;
}

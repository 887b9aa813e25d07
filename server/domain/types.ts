// The hall's nouns: tickets, windows and the state folded from the event log.
import type { Lane } from '../config/schema.ts';
import type { DayTally } from './day-tally.ts';
import type { Keyed } from './keyed.ts';
import type { Queues } from './queues.ts';
import type { TicketTable } from './ticket-table.ts';
import type { WalkInSlots } from './walk-in-cap.ts';
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
  /** Masked (1101**********1234) once recorded; the plain number is never kept. */
  idNumber?: string;
  /** HMAC of the ID number with ID_HASH_KEY: finds a visitor's dealings without keeping the number. */
  idHash?: string;
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

/** Immutable: evolve returns a new state and never changes the one it was given (the ticket table
 * and the queues share what did not change), so a reader may keep any state for as long as it likes.
 * Snapshots store it as JSON: a change of that shape bumps HALL_SNAPSHOT_FORMAT (./restore.ts). */
export interface HallState {
  readonly hallId: string;
  /** Seq of the last event folded in; 0 for none. */
  readonly seq: number;
  /** Latest `at` folded in: the hall's time never goes back before it (missing in old snapshots). */
  readonly lastEventAt?: number;
  /** Local date (YYYY-MM-DD) in the hall's time zone, null before the first event. */
  readonly serviceDay: string | null;
  /** Last number issued today per service id (read with keyedGet; keyed.ts). */
  readonly lastNumber: Keyed<number>;
  /** Today's tickets by id, every status (read with ticketById / ticketList, ticket-table.ts). */
  readonly tickets: TicketTable;
  /** Waiting ticket ids per "service|lane", in queue order (see queues.ts). */
  readonly queues: Queues;
  readonly windows: Readonly<Record<string, WindowState>>;
  /** Today's counts and newest calls, kept as tickets change (day-tally.ts): the snapshot reads them. */
  readonly tally: DayTally;
  /** Walk-ins issued in the last few 15-minute slots, for the hourly cap (walk-in-cap.ts); missing in
   * a state restored from an older snapshot until its next day starts (the cap then reads the tickets). */
  readonly walkIns?: WalkInSlots;
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

// What a kept forecast run (forecast-index.ts) notes as it places a ticket, to take the placement
// back when a ticket of the same instant that comes earlier in the queue is issued after it.
import type { Ticket } from './types.ts';

/**
 * How to take back one placed ticket (tickets of one instant may come out of queue order): what
 * the placement changed, as plain fields, so that placing allocates one record and nothing per window.
 */
export interface Placement {
  ticket: Ticket;
  /** The newest arrival before it: its instant and how many tickets it had then. */
  newestAt: number;
  newestTickets: Ticket[];
  newestLength: number;
  /** Called at the drop-out of window `w` (-1: left over, nobody may take it). */
  w: number;
  /** That window's drop-out, elderly streak, the open windows' end and closed windows' calls before it. */
  dropAt: number;
  dropStreak: number;
  openEnd: number;
  closedCalls: number;
  /** Bits (LANE_INDEX) of the lanes whose win at the old drop-out it took away. */
  lost: number;
  /** Its service's index (-1: none the hall has) and the bound of its service and lane before it (window, time). */
  service: number;
  boundW: number;
  boundAt: number;
}

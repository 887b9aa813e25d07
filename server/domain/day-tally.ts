// Today's figures for the public snapshot (counts, per-window counts, the newest calls), kept by
// evolve as each ticket changes, so that a snapshot reads them instead of scanning every ticket of
// the day. Pure and immutable like the rest of the state: a change copies the few numbers it moves
// and the short list of recent calls, never the day.
import { ticketById, ticketList, type TicketTable } from './ticket-table.ts';
import type { Ticket } from './types.ts';

export interface WindowCounts {
  called: number;
  done: number;
  noShow: number;
}

export interface DayTally {
  /** Visits issued: a transfer's new ticket belongs to a visit issued already. */
  readonly issued: number;
  /** Visits called (first calls, not counting transfers' new tickets). */
  readonly called: number;
  readonly done: number;
  readonly noShow: number;
  /** Per window id, from each ticket's last window: called there, finished, no-shows. */
  readonly windows: Readonly<Record<string, Readonly<WindowCounts>>>;
  /**
   * Ids of the tickets last called (or recalled), newest call first, at most RECENT_RESERVE: more
   * than the snapshot shows, so that a reactivated no-show leaving the list still leaves enough.
   */
  readonly recent: readonly string[];
}

/** How many recent calls the snapshot shows. */
export const RECENT_CALLS = 10;
const RECENT_RESERVE = 32;

export function emptyTally(): DayTally {
  return { issued: 0, called: 0, done: 0, noShow: 0, windows: {}, recent: [] };
}

/** Whether a ticket stands in the recent calls: called at a window and not sent back to wait. */
export const isCalled = (t: Ticket | undefined): boolean => t?.calledAt !== undefined && t.windowId !== undefined;

/** What one ticket adds to the day's counts. */
function contribution(t: Ticket | undefined) {
  const visit = !!t && !t.transferredFrom;
  return {
    issued: visit ? 1 : 0,
    called: visit && t.firstCalledAt !== undefined ? 1 : 0,
    done: t?.status === 'done' ? 1 : 0,
    noShow: t?.status === 'no_show' ? 1 : 0,
  };
}

/** The per-window counts with `before` taken out and `after` put in: one copy of the record (a
 * city hall has 200 windows), the windows' counts changed in it. */
function withWindowCounts(windows: DayTally['windows'], before: Ticket | undefined, after: Ticket): DayTally['windows'] {
  const out = { ...windows };
  moveCounts(out, before, -1);
  moveCounts(out, after, 1);
  return out;
}

/** Adds (or takes out) what one ticket counts at its window. Not a closure in withWindowCounts: tsx names every closure as it is made. */
function moveCounts(out: Record<string, WindowCounts>, t: Ticket | undefined, sign: 1 | -1) {
  if (!t?.windowId) return;
  const c = out[t.windowId] ?? { called: 0, done: 0, noShow: 0 };
  out[t.windowId] = {
    called: c.called + sign,
    done: c.done + (t.status === 'done' ? sign : 0),
    noShow: c.noShow + (t.status === 'no_show' ? sign : 0),
  };
}

/**
 * The tally after one ticket changed from `before` (undefined: new) to `after`. `tickets` is the
 * table with `after` in it: it settles the order of recent calls when the reserve runs short.
 */
export function tallyTicket(tally: DayTally, before: Ticket | undefined, after: Ticket, tickets: TicketTable): DayTally {
  const minus = contribution(before);
  const plus = contribution(after);
  let windows = tally.windows;
  if ((before?.windowId !== after.windowId || before?.status !== after.status) && (before?.windowId || after.windowId)) {
    windows = withWindowCounts(windows, before, after);
  }
  return {
    issued: tally.issued - minus.issued + plus.issued,
    called: tally.called - minus.called + plus.called,
    done: tally.done - minus.done + plus.done,
    noShow: tally.noShow - minus.noShow + plus.noShow,
    windows,
    recent: recentAfter(tally.recent, before, after, tickets),
  };
}

function recentAfter(recent: readonly string[], before: Ticket | undefined, after: Ticket, tickets: TicketTable): readonly string[] {
  const called = isCalled(after);
  const newCall = called && (after.calledAt !== before?.calledAt || after.windowId !== before?.windowId);
  if (newCall) return [after.id, ...recent.filter((id) => id !== after.id)].slice(0, RECENT_RESERVE);
  if (called || !recent.includes(after.id)) return recent;
  const left = recent.filter((id) => id !== after.id);
  // Rare (many reactivated no-shows in a row): read the newest calls from the tickets again.
  return left.length >= RECENT_CALLS ? left : recentOf(tickets);
}

/** The newest calls from the tickets themselves (a snapshot saved before the tally, a short reserve). */
function recentOf(tickets: TicketTable): string[] {
  const called = ticketList(tickets).filter((t) => isCalled(t));
  called.sort((a, b) => b.calledAt! - a.calledAt!);
  return called.slice(0, RECENT_RESERVE).map((t) => t.id);
}

/** The whole tally from the tickets: for states saved before the tally was kept. */
export function tallyOf(tickets: TicketTable): DayTally {
  let tally = emptyTally();
  for (const t of ticketList(tickets)) tally = tallyTicket(tally, undefined, t, tickets);
  return { ...tally, recent: recentOf(tickets) };
}

/** The newest RECENT_CALLS calls, newest first. */
export function recentCallTickets(tally: DayTally, tickets: TicketTable): Ticket[] {
  return tally.recent
    .slice(0, RECENT_CALLS)
    .map((id) => ticketById(tickets, id))
    .filter((t): t is Ticket => isCalled(t));
}

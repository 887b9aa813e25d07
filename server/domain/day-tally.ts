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

/** A visit (not a transfer's new ticket: its visit was counted when first issued). */
const isVisit = (t: Ticket | undefined): t is Ticket => !!t && !t.transferredFrom;
/** 1 when a ticket counts in a figure, else 0: the tally adds the ticket after and takes out the one before. */
const visit = (t: Ticket | undefined) => (isVisit(t) ? 1 : 0);
const calledVisit = (t: Ticket | undefined) => (isVisit(t) && t.firstCalledAt !== undefined ? 1 : 0);
const isDone = (t: Ticket | undefined) => (t?.status === 'done' ? 1 : 0);
const isNoShow = (t: Ticket | undefined) => (t?.status === 'no_show' ? 1 : 0);

/** The per-window counts with `before` taken out and `after` put in: one copy of the record (a
 * city hall has 200 windows), the windows' counts changed in it. */
function withWindowCounts(windows: DayTally['windows'], before: Ticket | undefined, after: Ticket): DayTally['windows'] {
  const out = { ...windows };
  moveCounts(out, before, -1);
  moveCounts(out, after, 1);
  return out;
}

/** Whether a change moves a window's counts: a ticket that changes window, or is done or a no-show
 * before and not after (or after and not before). A start (called → serving) moves none. */
function movesWindowCounts(before: Ticket | undefined, after: Ticket): boolean {
  if (before?.windowId !== after.windowId) return true;
  return !!after.windowId && (isDone(before) !== isDone(after) || isNoShow(before) !== isNoShow(after));
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
  return {
    issued: tally.issued - visit(before) + visit(after),
    called: tally.called - calledVisit(before) + calledVisit(after),
    done: tally.done - isDone(before) + isDone(after),
    noShow: tally.noShow - isNoShow(before) + isNoShow(after),
    windows: movesWindowCounts(before, after) ? withWindowCounts(tally.windows, before, after) : tally.windows,
    recent: recentAfter(tally.recent, before, after, tickets),
  };
}

function recentAfter(recent: readonly string[], before: Ticket | undefined, after: Ticket, tickets: TicketTable): readonly string[] {
  const called = isCalled(after);
  const newCall = called && (after.calledAt !== before?.calledAt || after.windowId !== before?.windowId);
  if (newCall) return withNewest(recent, after.id);
  if (called || !recent.includes(after.id)) return recent;
  const left = recent.filter((id) => id !== after.id);
  // Rare (many reactivated no-shows in a row): read the newest calls from the tickets again.
  return left.length >= RECENT_CALLS ? left : recentOf(tickets);
}

/** `id` first, then the others of `recent` in order, at most RECENT_RESERVE: one new array. */
function withNewest(recent: readonly string[], id: string): string[] {
  const out = [id];
  for (let i = 0; i < recent.length && out.length < RECENT_RESERVE; i++) if (recent[i] !== id) out.push(recent[i]!);
  return out;
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

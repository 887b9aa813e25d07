// Today's figures for the public snapshot (counts, per-window counts, the newest calls), kept by
// evolve as each ticket changes, so that a snapshot reads them instead of scanning every ticket of
// the day. Pure and immutable like the rest of the state: a change copies the few numbers it moves
// and the short list of recent calls, never the day.
import { emptyKeyed, keyedGet, keyedWith, savedKeyed, type Keyed } from './keyed.ts';
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
  /** Per window id, from each ticket's last window: called there, finished, no-shows (read with windowCountsOf). */
  readonly windows: Keyed<Readonly<WindowCounts>>;
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
  return { issued: 0, called: 0, done: 0, noShow: 0, windows: emptyKeyed(), recent: [] };
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

const NO_COUNTS: Readonly<WindowCounts> = Object.freeze({ called: 0, done: 0, noShow: 0 });

/** A window's counts today (zeros for a window nothing was called at). */
export function windowCountsOf(tally: DayTally, windowId: string): Readonly<WindowCounts> {
  return keyedGet(tally.windows, windowId) ?? NO_COUNTS;
}

/** The per-window counts with `before` taken out and `after` put in: one write per window it moves. */
function withWindowCounts(windows: DayTally['windows'], before: Ticket | undefined, after: Ticket): DayTally['windows'] {
  let out = windows;
  if (before?.windowId && before.windowId !== after.windowId) out = keyedWith(out, before.windowId, moved(keyedGet(out, before.windowId), before, undefined));
  if (after.windowId) out = keyedWith(out, after.windowId, moved(keyedGet(out, after.windowId), after.windowId === before?.windowId ? before : undefined, after));
  return out;
}

/** A window's counts with what `out` counted there taken out and what `into` counts put in. */
function moved(c: Readonly<WindowCounts> | undefined, out: Ticket | undefined, into: Ticket | undefined): WindowCounts {
  const from = c ?? NO_COUNTS;
  return {
    called: from.called - (out ? 1 : 0) + (into ? 1 : 0),
    done: from.done - isDone(out) + isDone(into),
    noShow: from.noShow - isNoShow(out) + isNoShow(into),
  };
}

/** Whether a change moves a window's counts: a ticket that changes window, or is done or a no-show
 * before and not after (or after and not before). A start (called → serving) moves none. */
function movesWindowCounts(before: Ticket | undefined, after: Ticket): boolean {
  if (before?.windowId !== after.windowId) return true;
  return !!after.windowId && (isDone(before) !== isDone(after) || isNoShow(before) !== isNoShow(after));
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

/** `id` first, then the others of `recent` in order, at most RECENT_RESERVE: one new array, made
 * at its final length (pushed one by one from [id], it grew its store four times: ~0.6 KB a call). */
function withNewest(recent: readonly string[], id: string): string[] {
  const at = recent.indexOf(id);
  const length = Math.min(RECENT_RESERVE, recent.length + (at < 0 ? 1 : 0));
  const out: string[] = new Array(length);
  out[0] = id;
  for (let i = 0, n = 1; n < length; i++) if (i !== at) out[n++] = recent[i]!;
  return out;
}

/** The newest calls from the tickets themselves (a snapshot saved before the tally, a short reserve). */
function recentOf(tickets: TicketTable): string[] {
  const called = ticketList(tickets).filter((t) => isCalled(t));
  called.sort((a, b) => b.calledAt! - a.calledAt!);
  return called.slice(0, RECENT_RESERVE).map((t) => t.id);
}

/** A saved tally, whichever version saved it (per-window counts in a plain record before keyed ones). */
export function savedTally(saved: DayTally): DayTally {
  return { ...saved, windows: savedKeyed(saved.windows) };
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

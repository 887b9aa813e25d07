// evolve: fold one event into the hall state; never refuses (decide already did).
// Pure: the state it is given stays as it was. The ticket table and the queues are persistent
// (ticket-table.ts, queues.ts): the new state shares everything the event did not touch, so one
// event costs a small, bounded copy however many tickets the day holds.
//
// An event builds one new state object (a Draft: see draftOf) and its steps write into that, rather
// than each step spreading a state of its own: V8 copies a spread of a spread through its slow path,
// and an event took five of them. Tickets are copied field by field for the same reason (ticket-copy.ts).
import type { DomainEvent, EventOf } from './events.ts';
import { dequeue, enqueue } from './queues.ts';
import { emptyTally, tallyTicket } from './day-tally.ts';
import { emptyKeyed, keyedGet, keyedWith } from './keyed.ts';
import { copyTicket } from './ticket-copy.ts';
import { emptyTickets, ticketById, withTicket } from './ticket-table.ts';
import { withIssued } from './walk-in-cap.ts';
import type { HallState, Ticket, WindowState } from './types.ts';

/** The state one event is building: seen by no one until evolve returns it, so its steps may write to it. */
type Draft = { -readonly [K in keyof HallState]: HallState[K] };

export function initialState(hallId: string): HallState {
  return { hallId, seq: 0, lastEventAt: 0, serviceDay: null, lastNumber: emptyKeyed(), tickets: emptyTickets(), queues: {}, windows: {}, tally: emptyTally(), walkIns: [] };
}

export function evolve(state: HallState, event: DomainEvent & { seq?: number }): HallState {
  const d = draftOf(state);
  apply(d, event);
  if (event.seq !== undefined) d.seq = event.seq;
  d.lastEventAt = Math.max(event.at, d.lastEventAt ?? 0);
  return d;
}

/** A new state object with the fields of `s`, built in one order (one hidden class for every state). */
function draftOf(s: HallState): Draft {
  const d: Draft = {
    hallId: s.hallId,
    seq: s.seq,
    lastEventAt: s.lastEventAt,
    serviceDay: s.serviceDay,
    lastNumber: s.lastNumber,
    tickets: s.tickets,
    queues: s.queues,
    windows: s.windows,
    tally: s.tally,
  };
  // Missing in a state restored from an older snapshot until its next day starts (walk-in-cap.ts).
  if (s.walkIns) d.walkIns = s.walkIns;
  return d;
}

// One exhaustive switch on purpose: each case is one event, read top to bottom; longer ones call a named function.
function apply(d: Draft, e: DomainEvent): void {
  switch (e.type) {
    case 'day:started':
      return startDay(d, e);
    case 'ticket:issued': {
      const t = e.data.ticket;
      putTicket(d, ticketById(d.tickets, t.id), t);
      withNumber(d, t);
      if (d.walkIns) d.walkIns = withIssued(d.walkIns, t);
      if (t.status === 'waiting') queued(d, t);
      return;
    }
    case 'ticket:called':
      return callTicket(d, e);
    case 'ticket:recalled': {
      const [was, t] = changing(d, e.data.ticketId);
      t.recalls = was.recalls + 1;
      t.calledAt = e.at;
      return putTicket(d, was, t);
    }
    case 'ticket:started': {
      const [was, t] = changing(d, e.data.ticketId);
      t.status = 'serving';
      t.startedAt = e.at;
      return putTicket(d, was, t);
    }
    case 'ticket:finished': {
      const [was, t] = changing(d, e.data.ticketId);
      t.status = 'done';
      t.startedAt = was.startedAt ?? e.at;
      t.finishedAt = e.at;
      t.closedAt = e.at;
      putTicket(d, was, t);
      return releaseWindow(d, e.data.windowId, e.data.ticketId, e.at);
    }
    case 'ticket:no-show': {
      const [was, t] = changing(d, e.data.ticketId);
      t.status = 'no_show';
      t.noShowAt = e.at;
      putTicket(d, was, t);
      return releaseWindow(d, e.data.windowId, e.data.ticketId, e.at);
    }
    case 'ticket:reactivated':
      return reactivate(d, e);
    case 'ticket:transferred':
      return transferTicket(d, e);
    case 'ticket:cancelled':
      return cancel(d, e);
    case 'window:opened':
    case 'window:resumed':
      return putWindow(d, windowWith(windowOf(d, e.data.windowId, e.at), 'open', e.at));
    case 'window:paused':
      return putWindow(d, windowWith(windowOf(d, e.data.windowId, e.at), 'paused', e.at));
    case 'window:closed':
      return putWindow(d, windowWith(windowOf(d, e.data.windowId, e.at), 'closed', e.at));
    default:
      return assertNever(e);
  }
}

/** A new service day: windows as the hall starts them (keeping `since` when unchanged), no tickets, numbers from 1. */
function startDay(d: Draft, e: EventOf<'day:started'>): void {
  const windows: Record<string, WindowState> = {};
  for (const [id, status] of Object.entries(e.data.windows)) {
    const was = d.windows[id];
    windows[id] = { id, status, elderlyStreak: 0, since: was?.status === status ? was.since : e.at };
  }
  // Yesterday's tickets leave the working state; the log keeps them.
  d.serviceDay = e.data.serviceDay;
  d.lastNumber = emptyKeyed();
  d.tickets = emptyTickets();
  d.queues = {};
  d.windows = windows;
  d.tally = emptyTally();
  d.walkIns = [];
}

/** The ticket leaves its queue for the window, which counts consecutive elderly-lane calls. */
function callTicket(d: Draft, e: EventOf<'ticket:called'>): void {
  const was = ticketOf(d, e.data.ticketId);
  unqueued(d, was);
  const t = copyTicket(was, { front: true });
  t.status = 'called';
  t.windowId = e.data.windowId;
  t.calledAt = e.at;
  t.firstCalledAt = was.firstCalledAt ?? e.at;
  putTicket(d, was, t);
  const w = windowOf(d, e.data.windowId, e.at);
  const elderlyStreak = was.lane === 'elderly' ? w.elderlyStreak + 1 : 0;
  putWindow(d, { id: w.id, status: w.status, currentTicketId: was.id, elderlyStreak, since: w.since });
}

/** A no-show back in its queue, at the front of its lane. */
function reactivate(d: Draft, e: EventOf<'ticket:reactivated'>): void {
  const was = ticketOf(d, e.data.ticketId);
  const t = copyTicket(was, { windowId: true, calledAt: true });
  t.status = 'waiting';
  t.front = true;
  putTicket(d, was, t);
  queued(d, t);
}

function cancel(d: Draft, e: EventOf<'ticket:cancelled'>): void {
  const was = ticketOf(d, e.data.ticketId);
  unqueued(d, was);
  const t = copyTicket(was);
  t.status = 'cancelled';
  t.closedAt = e.at;
  putTicket(d, was, t);
  if (was.windowId) releaseWindow(d, was.windowId, was.id, e.at);
}

/** The old ticket closes (freeing its window if it had one); the new ticket takes a number and queues. */
function transferTicket(d: Draft, e: EventOf<'ticket:transferred'>): void {
  const was = ticketOf(d, e.data.ticketId);
  unqueued(d, was);
  const t = copyTicket(was);
  t.status = 'transferred';
  t.transferredTo = e.data.ticket.id;
  t.closedAt = e.at;
  putTicket(d, was, t);
  if (was.windowId) releaseWindow(d, was.windowId, was.id, e.at);
  putTicket(d, ticketById(d.tickets, e.data.ticket.id), e.data.ticket);
  withNumber(d, e.data.ticket);
  queued(d, e.data.ticket);
}

function windowOf(d: Draft, id: string, at: number): WindowState {
  return d.windows[id] ?? { id, status: 'closed', elderlyStreak: 0, since: at };
}

/** The window with a new status since `at` (its ticket and streak kept). */
function windowWith(w: WindowState, status: WindowState['status'], at: number): WindowState {
  const next: WindowState = { id: w.id, status, elderlyStreak: w.elderlyStreak, since: at };
  if (w.currentTicketId !== undefined) next.currentTicketId = w.currentTicketId;
  return next;
}

function putWindow(d: Draft, w: WindowState): void {
  d.windows = { ...d.windows, [w.id]: w };
}

function ticketOf(d: Draft, id: string): Ticket {
  return ticketById(d.tickets, id)!;
}

/** The ticket as it is and a copy of it for the event to change, then hand to putTicket. */
function changing(d: Draft, id: string): [was: Ticket, copy: Ticket] {
  const was = ticketOf(d, id);
  return [was, copyTicket(was)];
}

/** Every ticket change passes here: the table and today's tally (day-tally.ts) move together.
 * `was`: the ticket of that id the table holds before (undefined: none, a new ticket). */
function putTicket(d: Draft, was: Ticket | undefined, t: Ticket): void {
  const tickets = withTicket(d.tickets, t);
  d.tally = tallyTicket(d.tally, was, t, tickets);
  d.tickets = tickets;
}

/** Puts a waiting ticket (already in the table) in its queue. */
function queued(d: Draft, t: Ticket): void {
  d.queues = enqueue(d.queues, d.tickets, t);
}

/** Takes a ticket out of its queue, before its table entry changes (its queue order is read). */
function unqueued(d: Draft, t: Ticket): void {
  // Only waiting tickets are queued.
  if (t.status === 'waiting') d.queues = dequeue(d.queues, d.tickets, t);
}

function withNumber(d: Draft, t: Ticket): void {
  const n = Number(t.number.slice(1));
  const last = keyedGet(d.lastNumber, t.serviceId) ?? 0;
  if (n > last) d.lastNumber = keyedWith(d.lastNumber, t.serviceId, n);
}

function releaseWindow(d: Draft, windowId: string, ticketId: string, at: number): void {
  const w = windowOf(d, windowId, at);
  if (w.currentTicketId === ticketId) putWindow(d, { id: w.id, status: w.status, elderlyStreak: w.elderlyStreak, since: w.since });
}

function assertNever(x: never): never {
  throw new Error(`unhandled event ${JSON.stringify(x)}`);
}

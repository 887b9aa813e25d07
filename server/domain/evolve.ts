// evolve: fold one event into the hall state; never refuses (decide already did).
// Pure: the state it is given stays as it was. The ticket table and the queues are persistent
// (ticket-table.ts, queues.ts): the new state shares everything the event did not touch, so one
// event costs a small, bounded copy however many tickets the day holds.
import type { DomainEvent, EventOf } from './events.ts';
import { dequeue, enqueue } from './queues.ts';
import { emptyTally, tallyTicket } from './day-tally.ts';
import { emptyTickets, ticketById, withTicket } from './ticket-table.ts';
import { withIssued } from './walk-in-cap.ts';
import type { HallState, Ticket, WindowState } from './types.ts';

export function initialState(hallId: string): HallState {
  return { hallId, seq: 0, lastEventAt: 0, serviceDay: null, lastNumber: {}, tickets: emptyTickets(), queues: {}, windows: {}, tally: emptyTally(), walkIns: {} };
}

export function evolve(state: HallState, event: DomainEvent & { seq?: number }): HallState {
  const next = apply(state, event);
  return {
    ...next,
    seq: event.seq ?? next.seq,
    lastEventAt: Math.max(event.at, next.lastEventAt ?? 0),
  };
}

// One exhaustive switch on purpose: each case is one event, read top to bottom; longer ones call a named function.
function apply(s: HallState, e: DomainEvent): HallState {
  switch (e.type) {
    case 'day:started':
      return startDay(s, e);
    case 'ticket:issued': {
      const t = e.data.ticket;
      const next = withNumber(putTicket(s, t), t);
      const counted = next.walkIns ? { ...next, walkIns: withIssued(next.walkIns, t) } : next;
      return t.status === 'waiting' ? queued(counted, t) : counted;
    }
    case 'ticket:called':
      return callTicket(s, e);
    case 'ticket:recalled':
      return patchTicket(s, e.data.ticketId, (t) => ({ recalls: t.recalls + 1, calledAt: e.at }));
    case 'ticket:started':
      return patchTicket(s, e.data.ticketId, () => ({ status: 'serving', startedAt: e.at }));
    case 'ticket:finished': {
      const done = patchTicket(s, e.data.ticketId, (t) => ({ status: 'done', startedAt: t.startedAt ?? e.at, finishedAt: e.at, closedAt: e.at }));
      return releaseWindow(done, e.data.windowId, e.data.ticketId, e.at);
    }
    case 'ticket:no-show': {
      const missed = patchTicket(s, e.data.ticketId, () => ({ status: 'no_show', noShowAt: e.at }));
      return releaseWindow(missed, e.data.windowId, e.data.ticketId, e.at);
    }
    case 'ticket:reactivated': {
      const next = patchTicket(s, e.data.ticketId, () => ({ status: 'waiting', front: true, windowId: undefined, calledAt: undefined }));
      return queued(next, ticketOf(next, e.data.ticketId));
    }
    case 'ticket:transferred':
      return transferTicket(s, e);
    case 'ticket:cancelled': {
      const old = ticketOf(s, e.data.ticketId);
      const cancelled = patchTicket(unqueued(s, old), old.id, () => ({ status: 'cancelled', closedAt: e.at }));
      return old.windowId ? releaseWindow(cancelled, old.windowId, old.id, e.at) : cancelled;
    }
    case 'window:opened':
    case 'window:resumed':
      return putWindow(s, { ...windowOf(s, e.data.windowId, e.at), status: 'open', since: e.at });
    case 'window:paused':
      return putWindow(s, { ...windowOf(s, e.data.windowId, e.at), status: 'paused', since: e.at });
    case 'window:closed':
      return putWindow(s, { ...windowOf(s, e.data.windowId, e.at), status: 'closed', since: e.at });
    default:
      return assertNever(e);
  }
}

/** A new service day: windows as the hall starts them (keeping `since` when unchanged), no tickets, numbers from 1. */
function startDay(s: HallState, e: EventOf<'day:started'>): HallState {
  const windows: Record<string, WindowState> = {};
  for (const [id, status] of Object.entries(e.data.windows)) {
    const was = s.windows[id];
    windows[id] = { id, status, elderlyStreak: 0, since: was?.status === status ? was.since : e.at };
  }
  // Yesterday's tickets leave the working state; the log keeps them.
  return { ...s, serviceDay: e.data.serviceDay, lastNumber: {}, tickets: emptyTickets(), queues: {}, windows, tally: emptyTally(), walkIns: {} };
}

/** The ticket leaves its queue for the window, which counts consecutive elderly-lane calls. */
function callTicket(s: HallState, e: EventOf<'ticket:called'>): HallState {
  const t = ticketOf(s, e.data.ticketId);
  const called: Ticket = {
    ...t,
    status: 'called',
    windowId: e.data.windowId,
    calledAt: e.at,
    firstCalledAt: t.firstCalledAt ?? e.at,
    front: undefined,
  };
  const w = windowOf(s, e.data.windowId, e.at);
  const elderlyStreak = t.lane === 'elderly' ? w.elderlyStreak + 1 : 0;
  return putWindow(putTicket(unqueued(s, t), called), { ...w, currentTicketId: t.id, elderlyStreak });
}

/** The old ticket closes (freeing its window if it had one); the new ticket takes a number and queues. */
function transferTicket(s: HallState, e: EventOf<'ticket:transferred'>): HallState {
  const old = ticketOf(s, e.data.ticketId);
  const moved = patchTicket(unqueued(s, old), old.id, () => ({ status: 'transferred', transferredTo: e.data.ticket.id, closedAt: e.at }));
  const released = old.windowId ? releaseWindow(moved, old.windowId, old.id, e.at) : moved;
  return queued(withNumber(putTicket(released, e.data.ticket), e.data.ticket), e.data.ticket);
}

function windowOf(s: HallState, id: string, at: number): WindowState {
  return s.windows[id] ?? { id, status: 'closed', elderlyStreak: 0, since: at };
}

function putWindow(s: HallState, w: WindowState): HallState {
  return { ...s, windows: { ...s.windows, [w.id]: w } };
}

function ticketOf(s: HallState, id: string): Ticket {
  return ticketById(s.tickets, id)!;
}

/** Every ticket change passes here: the table and today's tally (day-tally.ts) move together. */
function putTicket(s: HallState, t: Ticket): HallState {
  const tickets = withTicket(s.tickets, t);
  return { ...s, tickets, tally: tallyTicket(s.tally, ticketById(s.tickets, t.id), t, tickets) };
}

function patchTicket(s: HallState, id: string, patch: (t: Ticket) => Partial<Ticket>): HallState {
  const t = ticketOf(s, id);
  return putTicket(s, { ...t, ...patch(t) });
}

/** Puts a waiting ticket (already in the table) in its queue. */
function queued(s: HallState, t: Ticket): HallState {
  return { ...s, queues: enqueue(s.queues, s.tickets, t) };
}

/** Takes a ticket out of its queue, before its table entry changes (its queue order is read). */
function unqueued(s: HallState, t: Ticket): HallState {
  // Only waiting tickets are queued.
  return t.status === 'waiting' ? { ...s, queues: dequeue(s.queues, s.tickets, t) } : s;
}

function withNumber(s: HallState, t: Ticket): HallState {
  const n = Number(t.number.slice(1));
  const last = s.lastNumber[t.serviceId] ?? 0;
  return n > last ? { ...s, lastNumber: { ...s.lastNumber, [t.serviceId]: n } } : s;
}

function releaseWindow(s: HallState, windowId: string, ticketId: string, at: number): HallState {
  const w = windowOf(s, windowId, at);
  return w.currentTicketId === ticketId ? putWindow(s, { ...w, currentTicketId: undefined }) : s;
}

function assertNever(x: never): never {
  throw new Error(`unhandled event ${JSON.stringify(x)}`);
}

// evolve: fold one event into the hall state; never refuses (decide already did).
// It takes ownership of the state it is given (the ticket map is updated in place, see putTicket):
// callers pass a state they own and use only the returned one.
import type { DomainEvent } from './events.ts';
import { dequeue, enqueue } from './queues.ts';
import type { HallState, Ticket, WindowState } from './types.ts';

export function initialState(hallId: string): HallState {
  return { hallId, seq: 0, lastEventAt: 0, serviceDay: null, lastNumber: {}, tickets: {}, queues: {}, windows: {} };
}

export function evolve(state: HallState, event: DomainEvent & { seq?: number }): HallState {
  const next = apply(state, event);
  if (event.seq !== undefined) next.seq = event.seq;
  if (event.at > (next.lastEventAt ?? 0)) next.lastEventAt = event.at;
  return next;
}

function apply(s: HallState, e: DomainEvent): HallState {
  switch (e.type) {
    case 'day:started': {
      const windows: Record<string, WindowState> = {};
      for (const [id, status] of Object.entries(e.data.windows)) {
        const was = s.windows[id];
        windows[id] = { id, status, elderlyStreak: 0, since: was?.status === status ? was.since : e.at };
      }
      // Yesterday's tickets leave the working state; the log keeps them.
      return { ...s, serviceDay: e.data.serviceDay, lastNumber: {}, tickets: {}, queues: {}, windows };
    }
    case 'ticket:issued': {
      const next = withNumber(putTicket(s, e.data.ticket), e.data.ticket);
      if (e.data.ticket.status === 'waiting') enqueue(next, e.data.ticket);
      return next;
    }
    case 'ticket:called': {
      const t = s.tickets[e.data.ticketId]!;
      dequeue(s, t);
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
      return putWindow(putTicket(s, called), { ...w, currentTicketId: t.id, elderlyStreak });
    }
    case 'ticket:recalled':
      return patchTicket(s, e.data.ticketId, (t) => ({ recalls: t.recalls + 1, calledAt: e.at }));
    case 'ticket:started':
      return patchTicket(s, e.data.ticketId, () => ({ status: 'serving', startedAt: e.at }));
    case 'ticket:finished': {
      const done = patchTicket(s, e.data.ticketId, (t) => ({
        status: 'done',
        startedAt: t.startedAt ?? e.at,
        finishedAt: e.at,
        closedAt: e.at,
      }));
      return releaseWindow(done, e.data.windowId, e.data.ticketId, e.at);
    }
    case 'ticket:no-show': {
      const missed = patchTicket(s, e.data.ticketId, () => ({ status: 'no_show', noShowAt: e.at }));
      return releaseWindow(missed, e.data.windowId, e.data.ticketId, e.at);
    }
    case 'ticket:reactivated': {
      const next = patchTicket(s, e.data.ticketId, () => ({
        status: 'waiting',
        front: true,
        windowId: undefined,
        calledAt: undefined,
      }));
      enqueue(next, next.tickets[e.data.ticketId]!);
      return next;
    }
    case 'ticket:transferred': {
      const old = s.tickets[e.data.ticketId]!;
      dequeue(s, old);
      const moved = patchTicket(s, old.id, () => ({ status: 'transferred', transferredTo: e.data.ticket.id, closedAt: e.at }));
      const released = old.windowId ? releaseWindow(moved, old.windowId, old.id, e.at) : moved;
      const next = withNumber(putTicket(released, e.data.ticket), e.data.ticket);
      enqueue(next, e.data.ticket);
      return next;
    }
    case 'ticket:cancelled': {
      const old = s.tickets[e.data.ticketId]!;
      dequeue(s, old);
      const cancelled = patchTicket(s, old.id, () => ({ status: 'cancelled', closedAt: e.at }));
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

function windowOf(s: HallState, id: string, at: number): WindowState {
  return s.windows[id] ?? { id, status: 'closed', elderlyStreak: 0, since: at };
}

function putWindow(s: HallState, w: WindowState): HallState {
  return { ...s, windows: { ...s.windows, [w.id]: w } };
}

function putTicket(s: HallState, t: Ticket): HallState {
  // Tickets are copied on write; the map (and the queues) are mutated in place because a busy day
  // holds thousands of tickets and copying them per event would make every command O(n).
  s.tickets[t.id] = t;
  return { ...s };
}

function patchTicket(s: HallState, id: string, patch: (t: Ticket) => Partial<Ticket>): HallState {
  const t = s.tickets[id]!;
  return putTicket(s, { ...t, ...patch(t) });
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

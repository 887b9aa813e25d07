// decide: a command against the current hall state gives the events that record it, or a DomainError.
// Pure: the clock, id source and hall configuration come in through the context.
import type { Command } from './commands.ts';
import { DomainError } from './errors.ts';
import type { DomainEvent } from './events.ts';
import { evolve } from './evolve.ts';
import { own } from './own.ts';
import { pickNext, windowTakes } from './lane-policy.ts';
import { serviceDayOf } from './service-day.ts';
import { isWalkIn, walkInsThisHour } from './walk-in-cap.ts';
import type { Actor, HallConfig, HallState, Ticket, WindowConfig, WindowState } from './types.ts';

export interface DecideContext {
  hall: HallConfig;
  now: number;
  newId: () => string;
  actor?: Actor;
}

type Draft = { type: DomainEvent['type']; data: unknown };

/** The hall's time for a decision: the later of the node's clock and the newest event in the log.
 * A node whose clock is behind the log (or was stepped back) acts at the log's time, so it never
 * starts yesterday again and event times never go back. */
export function hallTime(state: HallState, clock: number): number {
  return Math.max(clock, state.lastEventAt ?? 0);
}

export function decide(state: HallState, command: Command, given: DecideContext): DomainEvent[] {
  const ctx = { ...given, now: hallTime(state, given.now) };
  const stamp = (d: Draft) => ({ ...d, hallId: ctx.hall.id, at: ctx.now, actor: ctx.actor }) as DomainEvent;
  const rollover = startDayIfNeeded(state, ctx).map(stamp);
  // Fold the rollover into a fresh state of our own so the command sees today.
  const today = rollover.reduce((s, e) => evolve(s, e), rollover.length ? cloneShallow(state) : state);
  return [...rollover, ...decideToday(today, command, ctx).map(stamp)];
}

function cloneShallow(s: HallState): HallState {
  return { ...s, tickets: { ...s.tickets } };
}

function startDayIfNeeded(state: HallState, ctx: DecideContext): Draft[] {
  const day = serviceDayOf(ctx.now, ctx.hall.timeZone);
  if (state.serviceDay === day) return [];
  const open = new Set(['waiting', 'called', 'serving', 'no_show']);
  const expiredTicketIds = Object.values(state.tickets).filter((t) => open.has(t.status)).map((t) => t.id);
  const windows = Object.fromEntries(ctx.hall.windows.map((w) => [w.id, w.openAtStart ? 'open' : 'closed']));
  return [{ type: 'day:started', data: { serviceDay: day, expiredTicketIds, windows } }];
}

function decideToday(s: HallState, c: Command, ctx: DecideContext): Draft[] {
  switch (c.type) {
    case 'rollDay':
      return [];
    case 'issue': {
      const service = ctx.hall.services.find((x) => x.id === c.serviceId);
      if (!service) throw new DomainError('unknown_service', `no service "${c.serviceId}" in this hall`);
      if (!ctx.hall.lanes.includes(c.lane)) throw new DomainError('lane_not_offered', `this hall has no "${c.lane}" lane`);
      // The appointment lane jumps the queue and is not capped: only a booking's check-in gives it.
      if (c.lane === 'appointment' && !c.appointmentId)
        throw new DomainError('lane_not_allowed', 'the appointment lane is given by checking in a booking, not issued directly');
      const cap = ctx.hall.appointments?.onSiteCapPerHour;
      if (cap !== undefined && isWalkIn({ lane: c.lane, appointmentId: c.appointmentId }) && walkInsThisHour(s, ctx.hall.timeZone, ctx.now) >= cap)
        throw new DomainError('on_site_cap_reached', `this hall issues at most ${cap} walk-in numbers an hour; please book an appointment or come back next hour`);
      const ticket = newTicket(s, ctx, service.id, {
        lane: c.lane,
        visitor: c.visitor,
        source: c.source,
        appointmentId: c.appointmentId,
        arrivedAt: ctx.now,
      });
      return [{ type: 'ticket:issued', data: { ticket } }];
    }
    case 'callNext': {
      const { window } = openWindow(s, ctx, c.windowId);
      refuseIfJustCalled(s, ctx, window.id);
      const closing = finishCurrent(s, window.id);
      const ticket = pickNext(s, ctx.hall, window.id, ctx.now);
      if (!ticket) return closing;
      return [...closing, { type: 'ticket:called', data: { ticketId: ticket.id, windowId: window.id } }];
    }
    case 'callTicket': {
      const { window } = openWindow(s, ctx, c.windowId);
      const ticket = requireTicket(s, c.ticketId);
      if (ticket.status !== 'waiting') throw new DomainError('ticket_not_waiting', `ticket ${ticket.number} is ${ticket.status}`);
      if (!windowTakes(window, ticket)) throw new DomainError('service_not_at_window', `window ${window.number} does not take ticket ${ticket.number}`);
      return [...finishCurrent(s, window.id), { type: 'ticket:called', data: { ticketId: ticket.id, windowId: window.id } }];
    }
    case 'recall': {
      const t = currentTicket(s, ctx, c.windowId);
      if (t.status !== 'called') throw new DomainError('ticket_not_called', `ticket ${t.number} is ${t.status}`);
      return [{ type: 'ticket:recalled', data: { ticketId: t.id, windowId: c.windowId } }];
    }
    case 'start': {
      const t = currentTicket(s, ctx, c.windowId);
      if (t.status !== 'called') throw new DomainError('ticket_not_called', `ticket ${t.number} is ${t.status}`);
      return [{ type: 'ticket:started', data: { ticketId: t.id, windowId: c.windowId } }];
    }
    case 'finish': {
      const t = currentTicket(s, ctx, c.windowId);
      return [{ type: 'ticket:finished', data: { ticketId: t.id, windowId: c.windowId } }];
    }
    case 'noShow': {
      const t = currentTicket(s, ctx, c.windowId);
      if (t.status !== 'called') throw new DomainError('ticket_not_called', `ticket ${t.number} is already being served`);
      return [{ type: 'ticket:no-show', data: { ticketId: t.id, windowId: c.windowId } }];
    }
    case 'transfer': {
      const t = currentTicket(s, ctx, c.windowId);
      if (!c.toServiceId && !c.toWindowId) throw new DomainError('transfer_target_missing');
      const serviceId = c.toServiceId ?? t.serviceId;
      if (!ctx.hall.services.some((x) => x.id === serviceId)) throw new DomainError('unknown_service', `no service "${serviceId}" in this hall`);
      if (c.toWindowId) {
        const target = requireWindowConfig(ctx, c.toWindowId);
        if (!target.services.includes(serviceId))
          throw new DomainError('service_not_at_window', `window ${target.number} does not serve "${serviceId}"`);
      }
      const ticket = newTicket(s, ctx, serviceId, {
        lane: t.lane,
        visitor: t.visitor,
        source: t.source,
        arrivedAt: t.arrivedAt,
        transferredFrom: t.id,
        targetWindowId: c.toWindowId,
      });
      return [{ type: 'ticket:transferred', data: { ticketId: t.id, windowId: c.windowId, ticket } }];
    }
    case 'cancel': {
      const t = requireTicket(s, c.ticketId);
      if (t.status !== 'waiting' && t.status !== 'called') throw new DomainError('ticket_closed', `ticket ${t.number} is ${t.status}`);
      return [{ type: 'ticket:cancelled', data: { ticketId: t.id, reason: c.reason } }];
    }
    case 'reactivate': {
      const t = requireTicket(s, c.ticketId);
      if (t.status !== 'no_show') throw new DomainError('ticket_not_no_show', `ticket ${t.number} is ${t.status}`);
      if (ctx.now - (t.noShowAt ?? 0) > ctx.hall.policy.noShowGraceMinutes * 60_000) throw new DomainError('grace_period_over');
      return [{ type: 'ticket:reactivated', data: { ticketId: t.id } }];
    }
    case 'openWindow': {
      const { state } = windowPair(s, ctx, c.windowId);
      if (state.status === 'open') throw new DomainError('window_already_open');
      return [{ type: state.status === 'paused' ? 'window:resumed' : 'window:opened', data: { windowId: c.windowId } }];
    }
    case 'pauseWindow': {
      const { state } = windowPair(s, ctx, c.windowId);
      if (state.status === 'paused') throw new DomainError('window_already_paused');
      if (state.status === 'closed') throw new DomainError('window_closed');
      return [{ type: 'window:paused', data: { windowId: c.windowId, reason: c.reason } }];
    }
    case 'resumeWindow': {
      const { state } = windowPair(s, ctx, c.windowId);
      if (state.status !== 'paused') throw new DomainError('window_not_paused');
      return [{ type: 'window:resumed', data: { windowId: c.windowId } }];
    }
    case 'closeWindow': {
      const { state } = windowPair(s, ctx, c.windowId);
      if (state.status === 'closed') throw new DomainError('window_already_closed');
      return [{ type: 'window:closed', data: { windowId: c.windowId } }];
    }
    default:
      return assertNever(c);
  }
}

function newTicket(
  s: HallState,
  ctx: DecideContext,
  serviceId: string,
  extra: Pick<Ticket, 'lane' | 'arrivedAt'> & Partial<Ticket>,
): Ticket {
  const service = ctx.hall.services.find((x) => x.id === serviceId)!;
  const n = (s.lastNumber[serviceId] ?? 0) + 1;
  if (n > 999) throw new DomainError('daily_numbers_exhausted', `service "${serviceId}" has issued 999 numbers today`);
  const ticket: Ticket = {
    id: ctx.newId(),
    hallId: ctx.hall.id,
    serviceId,
    number: service.prefix + String(n).padStart(3, '0'),
    status: 'waiting',
    serviceDay: s.serviceDay!,
    issuedAt: ctx.now,
    recalls: 0,
    ...extra,
  };
  for (const k of Object.keys(ticket) as (keyof Ticket)[]) if (ticket[k] === undefined) delete ticket[k];
  return ticket;
}

/** Pressing next or calling a ticket while one is still at the window finishes it. */
function finishCurrent(s: HallState, windowId: string): Draft[] {
  const id = s.windows[windowId]?.currentTicketId;
  const t = id ? s.tickets[id] : undefined;
  if (!t || (t.status !== 'called' && t.status !== 'serving')) return [];
  return [{ type: 'ticket:finished', data: { ticketId: t.id, windowId, implicit: true } }];
}

/** Next right after a call (a keypad's double press, three quick presses) must not finish a visitor
 * who has not even reached the window: within nextGuardSeconds of the last call or recall it is refused. */
function refuseIfJustCalled(s: HallState, ctx: DecideContext, windowId: string) {
  const id = s.windows[windowId]?.currentTicketId;
  const t = id ? s.tickets[id] : undefined;
  if (t?.status !== 'called' || t.calledAt === undefined) return;
  const waitMs = ctx.hall.policy.nextGuardSeconds * 1000 - (ctx.now - t.calledAt);
  if (waitMs > 0) throw new DomainError('just_called', `ticket ${t.number} was called moments ago; press next again in ${Math.ceil(waitMs / 1000)} s`);
}

function requireWindowConfig(ctx: DecideContext, windowId: string): WindowConfig {
  const w = ctx.hall.windows.find((x) => x.id === windowId);
  if (!w) throw new DomainError('unknown_window', `no window "${windowId}" in this hall`);
  return w;
}

function windowPair(s: HallState, ctx: DecideContext, windowId: string): { window: WindowConfig; state: WindowState } {
  const window = requireWindowConfig(ctx, windowId);
  const state = s.windows[windowId] ?? { id: windowId, status: window.openAtStart ? 'open' : 'closed', elderlyStreak: 0, since: ctx.now };
  return { window, state };
}

function openWindow(s: HallState, ctx: DecideContext, windowId: string) {
  const pair = windowPair(s, ctx, windowId);
  if (pair.state.status === 'paused') throw new DomainError('window_paused');
  if (pair.state.status === 'closed') throw new DomainError('window_closed');
  return pair;
}

function currentTicket(s: HallState, ctx: DecideContext, windowId: string): Ticket {
  const { state } = windowPair(s, ctx, windowId);
  const t = state.currentTicketId ? s.tickets[state.currentTicketId] : undefined;
  if (!t) throw new DomainError('no_current_ticket');
  return t;
}

function requireTicket(s: HallState, ticketId: string): Ticket {
  const t = own(s.tickets, ticketId);
  if (!t) throw new DomainError('unknown_ticket', `no ticket "${ticketId}" today`);
  return t;
}

function assertNever(x: never): never {
  throw new Error(`unhandled command ${JSON.stringify(x)}`);
}

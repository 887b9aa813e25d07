// decide: a command against the current hall state gives the events that record it and what it
// produced, or a DomainError. Pure: the clock, id source and hall configuration are passed in.
//
// A hall's commands act on today: when the local date has moved past the state's service day, the
// day is rolled first by the rollDay command (the engine runs it before any command that finds the
// day due, in the same append: see HallEngine). decide refuses to act on yesterday's state.
import type { Command, CommandResult, ResultOf } from './commands.ts';
import type { DecideContext, Decision } from './decision.ts';
import { DomainError } from './errors.ts';
import type { DomainEvent } from './events.ts';
import { serviceConfigOf, windowConfigOf } from './hall-index.ts';
import { keyedGet } from './keyed.ts';
import { pickNext, windowTakes } from './lane-policy.ts';
import { serviceDayOf } from './service-day.ts';
import { ticketById, ticketList } from './ticket-table.ts';
import { isWalkIn, walkInsThisHour } from './walk-in-cap.ts';
import type { HallConfig, HallState, Ticket, WindowConfig, WindowState } from './types.ts';

/** An event as decide gives it: the engine stamps hallId, at and actor. */
export type EventBody = Pick<DomainEvent, 'type' | 'data'>;
export type HallDecision<R = CommandResult> = Decision<EventBody, R>;

/** The hall's time for a decision: the later of the node's clock and the newest event in the log.
 * A node whose clock is behind the log (or was stepped back) acts at the log's time, so it never
 * starts yesterday again and event times never go back. */
export function hallTime(state: HallState, clock: number): number {
  return Math.max(clock, state.lastEventAt ?? 0);
}

/** True when the hall's local date at `now` is not the state's service day: rollDay must run first. */
export function dayDue(hall: HallConfig, state: HallState, now: number): boolean {
  return state.serviceDay !== serviceDayOf(hallTime(state, now), hall.timeZone);
}

interface Ctx extends DecideContext {
  hall: HallConfig;
}

export function decide<C extends Command>(hall: HallConfig, state: HallState, command: C, given: DecideContext): HallDecision<ResultOf<C>> {
  // Built field by field: a spread of the caller's context with `now` replaced takes V8's slow copy.
  const ctx: Ctx = { now: hallTime(state, given.now), newId: given.newId, actor: given.actor, hall };
  if (command.type === 'rollDay') return rollDay(state, ctx) as HallDecision<ResultOf<C>>;
  if (dayDue(hall, state, ctx.now)) throw new Error(`hall ${hall.id}: "${command.type}" decided on ${state.serviceDay ?? 'no day'}; roll the day first`);
  return decideToday(state, command, ctx) as HallDecision<ResultOf<C>>;
}

/** Starts today: yesterday's open tickets expire, windows take their opening status. */
function rollDay(state: HallState, ctx: Ctx): HallDecision<ResultOf<{ type: 'rollDay' }>> {
  const day = serviceDayOf(ctx.now, ctx.hall.timeZone);
  if (state.serviceDay === day) return { events: [], result: { serviceDay: day, started: false } };
  const open = new Set(['waiting', 'called', 'serving', 'no_show']);
  const expiredTicketIds = ticketList(state.tickets).filter((t) => open.has(t.status)).map((t) => t.id);
  const windows = Object.fromEntries(ctx.hall.windows.map((w) => [w.id, w.openAtStart ? 'open' : 'closed'] as const));
  return { events: [{ type: 'day:started', data: { serviceDay: day, expiredTicketIds, windows } }], result: { serviceDay: day, started: true } };
}

/** Results are recorded as JSON with an idempotency key: no undefined fields, so a replay's equals the first. */
const finished = (closing: { data: { ticketId: string } } | undefined) => (closing ? { finishedTicketId: closing.data.ticketId } : {});
const none = (): HallDecision<Record<string, never>> => ({ events: [], result: {} });
const only = (event: EventBody) => [event];

// One exhaustive switch on purpose: each case is one command, read top to bottom; longer ones call a named function.
function decideToday(s: HallState, c: Exclude<Command, { type: 'rollDay' }>, ctx: Ctx): HallDecision {
  switch (c.type) {
    case 'issue':
      return issue(s, c, ctx);
    case 'callNext':
      return callNext(s, c, ctx);
    case 'callTicket':
      return callTicket(s, c, ctx);
    case 'recall': {
      const t = currentTicket(s, ctx, c.windowId);
      if (t.status !== 'called') throw new DomainError('ticket_not_called', `ticket ${t.number} is ${t.status}`);
      return { events: only({ type: 'ticket:recalled', data: { ticketId: t.id, windowId: c.windowId } }), result: { ticketId: t.id } };
    }
    case 'start': {
      const t = currentTicket(s, ctx, c.windowId);
      if (t.status !== 'called') throw new DomainError('ticket_not_called', `ticket ${t.number} is ${t.status}`);
      return { events: only({ type: 'ticket:started', data: { ticketId: t.id, windowId: c.windowId } }), result: { ticketId: t.id } };
    }
    case 'finish': {
      const t = currentTicket(s, ctx, c.windowId);
      return { events: only({ type: 'ticket:finished', data: { ticketId: t.id, windowId: c.windowId } }), result: { ticketId: t.id } };
    }
    case 'noShow': {
      const t = currentTicket(s, ctx, c.windowId);
      if (t.status !== 'called') throw new DomainError('ticket_not_called', `ticket ${t.number} is already being served`);
      return { events: only({ type: 'ticket:no-show', data: { ticketId: t.id, windowId: c.windowId } }), result: { ticketId: t.id } };
    }
    case 'transfer':
      return transfer(s, c, ctx);
    case 'cancel': {
      const t = requireTicket(s, c.ticketId);
      if (t.status !== 'waiting' && t.status !== 'called') throw new DomainError('ticket_closed', `ticket ${t.number} is ${t.status}`);
      return { events: only({ type: 'ticket:cancelled', data: { ticketId: t.id, reason: c.reason } }), result: { ticketId: t.id } };
    }
    case 'reactivate': {
      const t = requireTicket(s, c.ticketId);
      if (t.status !== 'no_show') throw new DomainError('ticket_not_no_show', `ticket ${t.number} is ${t.status}`);
      if (ctx.now - (t.noShowAt ?? 0) > ctx.hall.policy.noShowGraceMinutes * 60_000) throw new DomainError('grace_period_over');
      return { events: only({ type: 'ticket:reactivated', data: { ticketId: t.id } }), result: { ticketId: t.id } };
    }
    case 'openWindow':
    case 'pauseWindow':
    case 'resumeWindow':
    case 'closeWindow':
      return { ...none(), events: windowEvents(s, c, ctx) };
    default:
      return assertNever(c);
  }
}

function issue(s: HallState, c: Extract<Command, { type: 'issue' }>, ctx: Ctx): HallDecision<ResultOf<typeof c>> {
  const service = serviceConfigOf(ctx.hall, c.serviceId);
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
  return { events: only({ type: 'ticket:issued', data: { ticket } }), result: { ticket } };
}

/** Next at a window: finishes the ticket still there, then calls the one the lane policy picks (if any). */
function callNext(s: HallState, c: Extract<Command, { type: 'callNext' }>, ctx: Ctx): HallDecision<ResultOf<typeof c>> {
  const { window } = openWindow(s, ctx, c.windowId);
  refuseIfJustCalled(s, ctx, window.id);
  const closing = finishCurrent(s, window.id);
  const ticket = pickNext(s, ctx.hall, window.id, ctx.now);
  if (!ticket) return { events: closing ? [closing] : [], result: finished(closing) };
  return {
    events: [...(closing ? [closing] : []), { type: 'ticket:called', data: { ticketId: ticket.id, windowId: window.id } }],
    result: { calledTicketId: ticket.id, ...finished(closing) },
  };
}

/** A chosen waiting ticket, out of turn, at a window that takes its service; finishes the one still there. */
function callTicket(s: HallState, c: Extract<Command, { type: 'callTicket' }>, ctx: Ctx): HallDecision<ResultOf<typeof c>> {
  const { window } = openWindow(s, ctx, c.windowId);
  const ticket = requireTicket(s, c.ticketId);
  if (ticket.status !== 'waiting') throw new DomainError('ticket_not_waiting', `ticket ${ticket.number} is ${ticket.status}`);
  if (!windowTakes(window, ticket)) throw new DomainError('service_not_at_window', `window ${window.number} does not take ticket ${ticket.number}`);
  const closing = finishCurrent(s, window.id);
  return {
    events: [...(closing ? [closing] : []), { type: 'ticket:called', data: { ticketId: ticket.id, windowId: window.id } }],
    result: { calledTicketId: ticket.id, ...finished(closing) },
  };
}

function transfer(s: HallState, c: Extract<Command, { type: 'transfer' }>, ctx: Ctx): HallDecision<ResultOf<typeof c>> {
  const t = currentTicket(s, ctx, c.windowId);
  if (!c.toServiceId && !c.toWindowId) throw new DomainError('transfer_target_missing');
  const serviceId = c.toServiceId ?? t.serviceId;
  if (!serviceConfigOf(ctx.hall, serviceId)) throw new DomainError('unknown_service', `no service "${serviceId}" in this hall`);
  if (c.toWindowId) {
    const target = requireWindowConfig(ctx, c.toWindowId);
    if (!target.services.includes(serviceId)) throw new DomainError('service_not_at_window', `window ${target.number} does not serve "${serviceId}"`);
  }
  const ticket = newTicket(s, ctx, serviceId, {
    lane: t.lane,
    visitor: t.visitor,
    source: t.source,
    arrivedAt: t.arrivedAt,
    transferredFrom: t.id,
    targetWindowId: c.toWindowId,
  });
  return { events: only({ type: 'ticket:transferred', data: { ticketId: t.id, windowId: c.windowId, ticket } }), result: { ticketId: t.id, newTicketId: ticket.id } };
}

type WindowCommand = Extract<Command, { type: 'openWindow' | 'pauseWindow' | 'resumeWindow' | 'closeWindow' }>;

function windowEvents(s: HallState, c: WindowCommand, ctx: Ctx): EventBody[] {
  const { state } = windowPair(s, ctx, c.windowId);
  switch (c.type) {
    case 'openWindow':
      if (state.status === 'open') throw new DomainError('window_already_open');
      return only({ type: state.status === 'paused' ? 'window:resumed' : 'window:opened', data: { windowId: c.windowId } });
    case 'pauseWindow':
      if (state.status === 'paused') throw new DomainError('window_already_paused');
      if (state.status === 'closed') throw new DomainError('window_closed');
      return only({ type: 'window:paused', data: { windowId: c.windowId, reason: c.reason } });
    case 'resumeWindow':
      if (state.status !== 'paused') throw new DomainError('window_not_paused');
      return only({ type: 'window:resumed', data: { windowId: c.windowId } });
    case 'closeWindow':
      if (state.status === 'closed') throw new DomainError('window_already_closed');
      return only({ type: 'window:closed', data: { windowId: c.windowId } });
  }
}

function newTicket(
  s: HallState,
  ctx: Ctx,
  serviceId: string,
  extra: Pick<Ticket, 'lane' | 'arrivedAt'> & Partial<Ticket>,
): Ticket {
  const service = serviceConfigOf(ctx.hall, serviceId)!;
  const n = (keyedGet(s.lastNumber, serviceId) ?? 0) + 1;
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
  } as Ticket;
  // Only the fields given: an undefined one would not survive the log's JSON (a replay must equal
  // the first run), and adding rather than deleting keeps the ticket a plain fast object.
  for (const k in extra) {
    const v = extra[k as keyof typeof extra];
    if (v !== undefined) (ticket as unknown as Record<string, unknown>)[k] = v;
  }
  return ticket;
}

/** Pressing next or calling a ticket while one is still at the window finishes it. */
function finishCurrent(s: HallState, windowId: string): Pick<Extract<DomainEvent, { type: 'ticket:finished' }>, 'type' | 'data'> | undefined {
  const id = s.windows[windowId]?.currentTicketId;
  const t = id ? ticketById(s.tickets, id) : undefined;
  if (!t || (t.status !== 'called' && t.status !== 'serving')) return undefined;
  return { type: 'ticket:finished', data: { ticketId: t.id, windowId, implicit: true } };
}

/** Next right after a call (a keypad's double press, three quick presses) must not finish a visitor
 * who has not even reached the window: within nextGuardSeconds of the last call or recall it is refused. */
function refuseIfJustCalled(s: HallState, ctx: Ctx, windowId: string) {
  const id = s.windows[windowId]?.currentTicketId;
  const t = id ? ticketById(s.tickets, id) : undefined;
  if (t?.status !== 'called' || t.calledAt === undefined) return;
  const waitMs = ctx.hall.policy.nextGuardSeconds * 1000 - (ctx.now - t.calledAt);
  if (waitMs > 0) throw new DomainError('just_called', `ticket ${t.number} was called moments ago; press next again in ${Math.ceil(waitMs / 1000)} s`);
}

function requireWindowConfig(ctx: Ctx, windowId: string): WindowConfig {
  const w = windowConfigOf(ctx.hall, windowId);
  if (!w) throw new DomainError('unknown_window', `no window "${windowId}" in this hall`);
  return w;
}

function windowPair(s: HallState, ctx: Ctx, windowId: string): { window: WindowConfig; state: WindowState } {
  const window = requireWindowConfig(ctx, windowId);
  const state = s.windows[windowId] ?? { id: windowId, status: window.openAtStart ? 'open' : 'closed', elderlyStreak: 0, since: ctx.now };
  return { window, state };
}

function openWindow(s: HallState, ctx: Ctx, windowId: string) {
  const pair = windowPair(s, ctx, windowId);
  if (pair.state.status === 'paused') throw new DomainError('window_paused');
  if (pair.state.status === 'closed') throw new DomainError('window_closed');
  return pair;
}

function currentTicket(s: HallState, ctx: Ctx, windowId: string): Ticket {
  const { state } = windowPair(s, ctx, windowId);
  const t = state.currentTicketId ? ticketById(s.tickets, state.currentTicketId) : undefined;
  if (!t) throw new DomainError('no_current_ticket');
  return t;
}

function requireTicket(s: HallState, ticketId: string): Ticket {
  const t = ticketById(s.tickets, ticketId);
  if (!t) throw new DomainError('unknown_ticket', `no ticket "${ticketId}" today`);
  return t;
}

function assertNever(x: never): never {
  throw new Error(`unhandled command ${JSON.stringify(x)}`);
}

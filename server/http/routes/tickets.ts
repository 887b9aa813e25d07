// Tickets: issue at the triage desk or a kiosk, public status, cancel and reactivate.
import type { Context } from 'koa';
import type Router from '@koa/router';
import { publicTicket, type PublicTicket } from '../../domain/public-view.ts';
import type { Ticket } from '../../domain/types.ts';
import type { HallEngine } from '../../engine/hall-engine.ts';
import { actorOf } from '../auth.ts';
import { requireClerkScope } from '../clerk-scope.ts';
import { readJson } from '../body.ts';
import { addTicketExtras, hallOf, type AppDeps } from '../context.ts';
import { idempotencyKeyOf, REPLAYED_HEADER } from '../idempotency.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { cancelBody, ID_PATTERN, issueTicketBody, plainIssueBody } from '../schemas.ts';
import { parse } from '../validate.ts';
import { protectVisitor } from '../visitor-id.ts';
import { keyedStatusUrl } from '../ticket-key.ts';
import { ticketById, ticketList } from '../../domain/ticket-table.ts';

export function ticketRoutes(router: Router, deps: AppDeps) {
  router.post('/tickets', (ctx) => issueTicket(ctx, deps));

  router.get('/tickets/:id', (ctx) => {
    const engine = hallOf(ctx, deps);
    const ticket = findTicket(engine, ctx.params.id!);
    const view: PublicTicket & { service?: string } = publicTicket(engine.current, engine.hall, ticket, engine.forecast());
    view.service = ticket.serviceId;
    ctx.body = addTicketExtras(view, deps, engine, ticket);
  });

  // The triage desk (and clerks) find today's ticket by the number the visitor shows: "A012".
  router.get('/tickets/by-number/:number', (ctx) => {
    const engine = hallOf(ctx, deps);
    deps.auth.require(ctx, engine.hallId, ['triage', 'clerk', 'admin']);
    const ticket = findTicketByNumber(engine, ctx.params.number!);
    ctx.body = { ticket: { ...publicTicket(engine.current, engine.hall, ticket, engine.forecast()), service: ticket.serviceId } };
  });

  router.post('/tickets/:id/cancel', async (ctx) => {
    const engine = hallOf(ctx, deps);
    const who = deps.auth.require(ctx, engine.hallId, ['triage', 'clerk', 'admin']);
    const body = parse(cancelBody, await readJson(ctx));
    const ticket = findTicket(engine, ctx.params.id!);
    requireClerkScope(who, engine.hall, ticket);
    const { state, result } = await engine.execute({ type: 'cancel', ticketId: ticket.id, reason: body.reason }, actorOf(who));
    ctx.body = { ticket: publicTicket(state, engine.hall, ticketById(state.tickets, result.ticketId)!) };
  });

  router.post('/tickets/:id/reactivate', async (ctx) => {
    const engine = hallOf(ctx, deps);
    const who = deps.auth.require(ctx, engine.hallId, ['triage', 'clerk', 'admin']);
    const ticket = findTicket(engine, ctx.params.id!);
    requireClerkScope(who, engine.hall, ticket);
    const { state, result } = await engine.execute({ type: 'reactivate', ticketId: ticket.id }, actorOf(who));
    ctx.body = { ticket: publicTicket(state, engine.hall, ticketById(state.tickets, result.ticketId)!, engine.forecasts.of(state, engine.now())) };
  });
}

/** POST /tickets: issues a ticket for the triage desk, a kiosk or an admin and answers its view. */
async function issueTicket(ctx: Context, deps: AppDeps): Promise<void> {
  const engine = hallOf(ctx, deps);
  const who = deps.auth.require(ctx, engine.hallId, ['triage', 'kiosk', 'admin']);
  const json = await readJson(ctx);
  const body = plainIssueBody(json) ?? parse(issueTicketBody, json);
  const key = idempotencyKeyOf(ctx);
  if (who.role === 'kiosk' && body.lane === 'green')
    throw forbidden('lane_not_allowed', 'the green channel is issued at the triage desk, not at a kiosk');
  if (who.role === 'kiosk') deps.kioskLimiter.take(who.name, Date.now());
  const { result, state, replayed } = await engine.execute(
    { type: 'issue', serviceId: body.service, lane: body.lane, visitor: protectVisitor(body.visitor, deps.idHashKey, new Date(engine.now()), engine.hall.timeZone), source: who.name },
    actorOf(who),
    key,
  );
  // A retry's ticket may have left the day's state (the day rolled since): show it as issued.
  const ticket = ticketById(state.tickets, result.ticket.id) ?? result.ticket;
  const answer: Record<string, unknown> = issuedView(engine, ticket, deps);
  // The hooks' fields (the printer's outcome) after the view's, as before: theirs win a clash.
  // Awaited only when a hook answers with a promise: most answer at once (the printer's when nothing
  // is printed), and an await costs every issue a promise, a reaction and a microtask turn.
  for (const hook of deps.ticketHooks.afterIssue) {
    const fields = hook({ ctx, engine, ticket, print: body.print ?? false });
    Object.assign(answer, fields instanceof Promise ? await fields : fields);
  }
  if (replayed) ctx.set(REPLAYED_HEADER, 'true');
  ctx.status = 201;
  ctx.body = answer;
}

export function findTicket(engine: HallEngine, id: string): Ticket {
  const ticket = ID_PATTERN.test(id) ? ticketById(engine.current.tickets, id) : undefined;
  if (!ticket) throw notFound('unknown_ticket', `no ticket "${id}" today`);
  return ticket;
}

/** Today's ticket with this number (case and spaces ignored); the latest when a number came round twice. */
export function findTicketByNumber(engine: HallEngine, raw: string): Ticket {
  const number = raw.replace(/\s+/g, '').toUpperCase();
  if (!TICKET_NUMBER.test(number)) throw badRequest('invalid_ticket_number', `"${raw}" is not a ticket number (a letter and digits, e.g. A012)`);
  const found = ticketList(engine.current.tickets)
    .filter((t) => t.number.toUpperCase() === number)
    .sort((a, b) => b.issuedAt - a.issuedAt)[0];
  if (!found) throw notFound('unknown_ticket_number', `no ticket ${number} today`);
  return found;
}

const TICKET_NUMBER = /^[A-Z]{1,3}\d{1,4}$/;

/** What issuing answers (also a booking's check-in and an application's intake): the ticket, the
 * people ahead of it now (0 once it is no longer waiting), its keyed status link, the plug-ins' fields. */
export function issuedView(engine: HallEngine, ticket: Ticket, deps: AppDeps): IssuedView {
  const view: IssuedView = {
    id: ticket.id,
    hallId: ticket.hallId,
    number: ticket.number,
    service: ticket.serviceId,
    lane: ticket.lane,
    status: ticket.status,
    issuedAt: ticket.issuedAt,
    ahead: (ticket.status === 'waiting' ? engine.forecast().tickets.get(ticket.id)?.ahead : undefined) ?? 0,
    // The visitor's own link: the rating key is in it, never in a public view.
    statusUrl: keyedStatusUrl(engine.hall.publicUrl ?? deps.publicUrl, ticket.id, deps.ticketKeys.keyOf(ticket.id)),
  };
  return addTicketExtras(view, deps, engine, ticket);
}

export interface IssuedView {
  id: string;
  hallId: string;
  number: string;
  service: string;
  lane: Ticket['lane'];
  status: Ticket['status'];
  issuedAt: number;
  ahead: number;
  statusUrl: string;
  [extra: string]: unknown;
}

// Window actions, pressed by the window's clerk: next, call, recall, start, finish, no-show,
// transfer, pause, resume, open, close.
import type Router from '@koa/router';
import type { Command, CommandResult } from '../../domain/commands.ts';
import { publicTicket, windowDetail } from '../../domain/public-view.ts';
import { actorOf } from '../auth.ts';
import { hasNoBody, readJson } from '../body.ts';
import { hallOf, type AppDeps } from '../context.ts';
import { notFound } from '../errors.ts';
import { idempotencyKeyOf, REPLAYED_HEADER } from '../idempotency.ts';
import { callTicketBody, pauseBody, transferBody } from '../schemas.ts';
import { parse } from '../validate.ts';
import { ticketById } from '../../domain/ticket-table.ts';
import { windowConfigOf } from '../../domain/hall-index.ts';

type ActionBody = Record<string, unknown>;
const ACTIONS: Record<string, (windowId: string, body: ActionBody) => Command> = {
  next: (windowId) => ({ type: 'callNext', windowId }),
  call: (windowId, body) => ({ type: 'callTicket', windowId, ticketId: parse(callTicketBody, body).ticketId }),
  recall: (windowId) => ({ type: 'recall', windowId }),
  start: (windowId) => ({ type: 'start', windowId }),
  finish: (windowId) => ({ type: 'finish', windowId }),
  'no-show': (windowId) => ({ type: 'noShow', windowId }),
  transfer: (windowId, body) => {
    const b = parse(transferBody, body);
    return { type: 'transfer', windowId, toServiceId: b.service, toWindowId: b.window };
  },
  pause: (windowId, body) => ({ type: 'pauseWindow', windowId, reason: parse(pauseBody, body).reason }),
  resume: (windowId) => ({ type: 'resumeWindow', windowId }),
  open: (windowId) => ({ type: 'openWindow', windowId }),
  close: (windowId) => ({ type: 'closeWindow', windowId }),
};

/** The body of an action sent without one: read only (the body schemas parse it, never change it). */
const NO_BODY: ActionBody = Object.freeze({});

export const WINDOW_ACTIONS = Object.keys(ACTIONS);

export function windowRoutes(router: Router, deps: AppDeps) {
  router.get('/windows/:id', (ctx) => {
    const engine = hallOf(ctx, deps);
    if (!windowConfigOf(engine.hall, ctx.params.id!)) throw notFound('unknown_window', `no window "${ctx.params.id}"`);
    ctx.body = { window: windowDetail(engine.current, engine.hall, ctx.params.id!) };
  });

  router.post('/windows/:id/:action', async (ctx) => {
    const engine = hallOf(ctx, deps);
    const windowId = ctx.params.id!;
    const toCommand = Object.hasOwn(ACTIONS, ctx.params.action!) ? ACTIONS[ctx.params.action!] : undefined;
    if (!toCommand) throw notFound('unknown_action', `no window action "${ctx.params.action}"`);
    if (!windowConfigOf(engine.hall, windowId)) throw notFound('unknown_window', `no window "${windowId}" in this hall`);
    const who = deps.auth.requireWindow(ctx, engine.hallId, windowId);
    // Next and finish send no body: no promise to wait for then.
    const body = hasNoBody(ctx.req) ? NO_BODY : ((await readJson(ctx)) as ActionBody);
    const command = toCommand(windowId, typeof body === 'object' && body ? body : {});
    // A key pressed twice (a retried "next") gets the same call, not a second one.
    const { result, state, replayed } = await engine.execute(command, actorOf(who), idempotencyKeyOf(ctx));
    if (replayed) ctx.set(REPLAYED_HEADER, 'true');

    const { ticketId, newTicketId } = shownTickets(result);
    if (command.type === 'callNext' && !ticketId) {
      ctx.status = 204;
      return;
    }
    const ticket = ticketId ? ticketById(state.tickets, ticketId) : undefined;
    const next = newTicketId ? ticketById(state.tickets, newTicketId) : undefined;
    // The new number goes on paper at the window (when it has a printer); a retried transfer does not print twice.
    const answer: Record<string, unknown> = {};
    if (next && !replayed) for (const hook of deps.ticketHooks.afterTransfer) Object.assign(answer, await hook({ ctx, engine, ticket: next, windowId }));
    const shown = ticket ? publicTicket(state, engine.hall, ticket) : undefined;
    // The window's current ticket is most often the one just acted on: one view serves both.
    answer.window = windowDetail(state, engine.hall, windowId, shown);
    if (shown) answer.ticket = shown;
    if (next) answer.transferredTo = publicTicket(state, engine.hall, next, engine.forecasts.of(state, engine.now()));
    ctx.body = answer;
  });
}

/** The tickets a window action's answer shows: the one it called or acted on, and a transfer's new one. */
function shownTickets(result: CommandResult): { ticketId?: string; newTicketId?: string } {
  if ('calledTicketId' in result) return { ticketId: result.calledTicketId };
  if ('newTicketId' in result) return { ticketId: result.ticketId, newTicketId: result.newTicketId };
  if ('ticketId' in result) return { ticketId: result.ticketId };
  return {};
}

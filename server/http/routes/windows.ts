// Window actions, pressed by the window's clerk: next, call, recall, start, finish, no-show,
// transfer, pause, resume, open, close.
import type Router from '@koa/router';
import type { Command } from '../../domain/commands.ts';
import { publicTicket, publicWindow } from '../../domain/public-view.ts';
import { actorOf } from '../auth.ts';
import { readJson } from '../body.ts';
import { hallOf, type AppDeps } from '../context.ts';
import { notFound } from '../errors.ts';
import { idempotencyKeyOf, REPLAYED_HEADER } from '../idempotency.ts';
import { callTicketBody, pauseBody, transferBody } from '../schemas.ts';
import { parse } from '../validate.ts';

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

export const WINDOW_ACTIONS = Object.keys(ACTIONS);

export function windowRoutes(router: Router, deps: AppDeps) {
  router.get('/windows/:id', (ctx) => {
    const engine = hallOf(ctx, deps);
    if (!engine.hall.windows.some((w) => w.id === ctx.params.id)) throw notFound('unknown_window', `no window "${ctx.params.id}"`);
    ctx.body = { window: publicWindow(engine.current, engine.hall, ctx.params.id!) };
  });

  router.post('/windows/:id/:action', async (ctx) => {
    const engine = hallOf(ctx, deps);
    const windowId = ctx.params.id!;
    const toCommand = Object.hasOwn(ACTIONS, ctx.params.action!) ? ACTIONS[ctx.params.action!] : undefined;
    if (!toCommand) throw notFound('unknown_action', `no window action "${ctx.params.action}"`);
    if (!engine.hall.windows.some((w) => w.id === windowId)) throw notFound('unknown_window', `no window "${windowId}" in this hall`);
    const who = deps.auth.requireWindow(ctx, engine.hallId, windowId);
    const body = (await readJson(ctx)) as ActionBody;
    const command = toCommand(windowId, typeof body === 'object' && body ? body : {});
    // A key pressed twice (a retried "next") gets the same call, not a second one.
    const { events, state, replayed } = await engine.execute(command, actorOf(who), idempotencyKeyOf(ctx));
    if (replayed) ctx.set(REPLAYED_HEADER, 'true');

    const called = events.find((e) => e.type === 'ticket:called');
    if (command.type === 'callNext' && !called) {
      ctx.status = 204;
      return;
    }
    const transferred = events.find((e) => e.type === 'ticket:transferred');
    const ticketId =
      (called?.data as { ticketId?: string } | undefined)?.ticketId ??
      (transferred?.data as { ticketId?: string } | undefined)?.ticketId ??
      (events.at(-1)?.data as { ticketId?: string } | undefined)?.ticketId;
    const ticket = ticketId ? state.tickets[ticketId] : undefined;
    ctx.body = {
      window: publicWindow(state, engine.hall, windowId),
      ...(ticket ? { ticket: publicTicket(state, engine.hall, ticket) } : {}),
      ...(transferred
        ? { transferredTo: publicTicket(state, engine.hall, state.tickets[(transferred.data as { ticket: { id: string } }).ticket.id]!, engine.forecasts.of(state, engine.now())) }
        : {}),
    };
  });
}

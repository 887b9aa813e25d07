// Assist over HTTP. The clerk's window actions (assist, notice) are root routes so they are matched
// before the core `/windows/:id/:action` route; the rest are hall routes under /api/assist and
// /api/notices. Changes go through here; the consoles namespace only reads.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { HallConfig } from '../config/schema.ts';
import { own } from '../domain/own.ts';
import type { Ticket } from '../domain/types.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { Principal } from '../http/auth.ts';
import type { Role } from '../config/schema.ts';
import { readJson } from '../http/body.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { ApiError, badRequest, forbidden, notFound } from '../http/errors.ts';
import { parse } from '../http/validate.ts';
import { materialsFor, type KnowledgeBase } from '../kb/knowledge-base.ts';
import { localToEpoch, addDays } from '../appointments/local-time.ts';
import { queryRange } from '../http/dates.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { Printing } from '../../ticket-printer/hall-printing.ts';
import type { AssistDesk } from './assist.ts';
import { covers, consoleIdentityOf, type ConsoleIdentity } from './consoles.ts';
import { AssistError } from './domain.ts';
import { printNotice, renderNoticeHtml, visitorNameOf } from './notice-print.ts';
import { assistStats } from './stats.ts';
import type { AssistRequest } from './types.ts';
import { ticketById } from '../domain/ticket-table.ts';

export const questionBody = z.object({ question: z.string().trim().min(1).max(500) });
export const messageBody = z.object({ text: z.string().trim().min(1).max(1000) });
export const answerBody = z.object({ answer: z.string().trim().min(1).max(2000) });
export const noticeBody = z.object({
  /** Materials from the service's knowledge-base list, by their Chinese or English name. */
  missing: z.array(z.string().trim().min(1).max(200)).min(1).max(30),
  notes: z.string().trim().max(500).optional(),
  /** Print at the window's printer (default true when one is configured). */
  print: z.boolean().optional(),
});
const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a valid id');

/** The ticket at the window now (called or being served), or a 409. */
function currentTicket(engine: HallEngine, windowId: string): Ticket {
  if (!engine.hall.windows.some((w) => w.id === windowId)) throw notFound('unknown_window', `no window "${windowId}" in this hall`);
  const id = own(engine.current.windows, windowId)?.currentTicketId;
  const ticket = id ? ticketById(engine.current.tickets, id) : undefined;
  if (!ticket || (ticket.status !== 'called' && ticket.status !== 'serving'))
    throw new ApiError(409, 'no_current_ticket', `window ${windowId} has no visitor at the counter`);
  return ticket;
}

async function assistErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AssistError) throw new ApiError(err.status, err.code, err.message);
    throw err;
  }
}

/** The caller as a console (clerk, approver, admin) with the services an approver covers. */
function consoleOf(ctx: Context, deps: AppDeps, p: Principal): ConsoleIdentity {
  const who = consoleIdentityOf(p);
  if (!who) throw forbidden('wrong_role', `this needs a clerk, approver or admin token; the token is ${p.role}`);
  return who;
}

function findMaterials(hall: HallConfig, serviceId: string, names: string[], kb?: KnowledgeBase) {
  const list = materialsFor(serviceId, hall, kb);
  return names.map((n) => {
    const m = list.find((x) => x.zh === n || x.en.toLowerCase() === n.toLowerCase());
    if (!m)
      throw badRequest('unknown_material', `"${n}" is not in the materials list of this service: ${list.map((x) => x.zh).join('、')}`);
    const out: { zh: string; en: string; copies?: number; original?: boolean } = { zh: m.zh, en: m.en };
    if (m.copies) out.copies = m.copies;
    if (m.original) out.original = m.original;
    return out;
  });
}

type DeskOf = (engine: HallEngine) => AssistDesk;

/** `kb` and `printing` are the kb and ticket-printer features' services, when they run on this server. */
export function windowAssistRoutes(deskOf: DeskOf, kb: KnowledgeBase | undefined, printing: Printing | undefined) {
  return (router: Router, deps: AppDeps) => {
    for (const prefix of ['/api', '/api/halls/:hall']) {
      askRoute(router, deps, prefix, deskOf);
      noticeRoute(router, deps, prefix, deskOf, kb, printing);
    }
  };
}

/** POST …/windows/:id/assist: the clerk asks the back office about the visitor at the counter. */
function askRoute(router: Router, deps: AppDeps, prefix: string, deskOf: DeskOf) {
  router.post(`${prefix}/windows/:id/assist`, async (ctx) => {
    const engine = hallOf(ctx, deps);
    const windowId = ctx.params.id!;
    if (!engine.hall.windows.some((w) => w.id === windowId)) throw notFound('unknown_window', `no window "${windowId}" in this hall`);
    const who = deps.auth.requireWindow(ctx, engine.hallId, windowId);
    const body = parse(questionBody, await readJson(ctx));
    const ticket = currentTicket(engine, windowId);
    const { state, events } = await assistErrors(() =>
      deskOf(engine).stream.execute(
        {
          type: 'ask',
          windowId,
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          serviceId: ticket.serviceId,
          ...(ticket.visitor?.company ? { company: ticket.visitor.company } : {}),
          question: body.question,
          by: who.name,
        },
        { role: who.role, name: who.name },
      ),
    );
    ctx.status = 201;
    ctx.body = state.requests[(events[0]!.data as { request: { id: string } }).request.id];
  });
}

/** POST …/windows/:id/notice: the one-time notice of missing materials for the visitor at the counter, printed at the window unless told not to. */
function noticeRoute(router: Router, deps: AppDeps, prefix: string, deskOf: DeskOf, kb: KnowledgeBase | undefined, printing: Printing | undefined) {
  router.post(`${prefix}/windows/:id/notice`, async (ctx) => {
    const engine = hallOf(ctx, deps);
    const windowId = ctx.params.id!;
    if (!engine.hall.windows.some((w) => w.id === windowId)) throw notFound('unknown_window', `no window "${windowId}" in this hall`);
    const who = deps.auth.requireWindow(ctx, engine.hallId, windowId);
    const body = parse(noticeBody, await readJson(ctx));
    const ticket = currentTicket(engine, windowId);
    const missing = findMaterials(engine.hall, ticket.serviceId, body.missing, kb);
    const { state, events } = await deskOf(engine).stream.execute(
      {
        type: 'notice',
        notice: {
          windowId,
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          serviceId: ticket.serviceId,
          ...(ticket.visitor?.company ? { company: ticket.visitor.company } : {}),
          missing,
          ...(body.notes ? { notes: body.notes } : {}),
          issuedBy: who.name,
          ...(who.staffNumber ? { issuedByNumber: who.staffNumber } : {}),
        },
      },
      { role: who.role, name: who.name },
    );
    const notice = state.notices[(events[0]!.data as { notice: { id: string } }).notice.id]!;
    const base = ctx.path.startsWith('/api/halls/') ? `/api/halls/${engine.hallId}` : '/api';
    const print = body.print === false ? undefined : printNotice(ctx, engine, deps, printing, notice, kb?.get(notice.serviceId));
    ctx.status = 201;
    ctx.body = { notice: publicNotice(notice), html: `${base}/notices/${notice.id}.html`, ...(print ? { print } : {}) };
  });
}

/** A notice as the clerk and visitor see it; the company stays in the record only. */
function publicNotice(n: { id: string; ticketNumber: string; serviceId: string; windowId: string; missing: unknown[]; notes?: string; issuedAt: number }) {
  return { id: n.id, ticketNumber: n.ticketNumber, service: n.serviceId, windowId: n.windowId, missing: n.missing, notes: n.notes, issuedAt: n.issuedAt };
}

type Desks = (engine: HallEngine) => AssistDesk;

export function assistRoutes(deskOf: Desks, kb: KnowledgeBase | undefined) {
  return (router: Router, deps: AppDeps) => {
    assistListRoutes(router, deps, deskOf);
    assistActionRoutes(router, deps, deskOf);
    noticeRoutes(router, deps, deskOf, kb);
  };
}

/** The requests a console may see, and the desk's figures. */
function assistListRoutes(router: Router, deps: AppDeps, deskOf: Desks) {
  router.get('/assist', async (ctx) => {
    const engine = hallOf(ctx, deps);
    await deskOf(engine).stream.refresh(); // another node may have taken or answered one
    const p = deps.auth.require(ctx, engine.hallId, ['clerk', 'approver', 'admin']);
    const who = consoleOf(ctx, deps, p);
    const status = ctx.query.status === undefined ? undefined : parse(z.enum(['open', 'accepted', 'answered', 'withdrawn']), ctx.query.status);
    const visible = (r: AssistRequest) =>
      who.role === 'admin' || (who.role === 'clerk' ? who.windows.includes(r.windowId) : r.acceptedBy === who.name || covers(who, r.serviceId));
    ctx.body = {
      requests: Object.values(deskOf(engine).stream.current.requests)
        .filter((r) => visible(r) && (!status || r.status === status))
        .sort((a, b) => b.askedAt - a.askedAt),
    };
  });

  router.get('/assist/stats', async (ctx) => {
    const engine = hallOf(ctx, deps);
    await deskOf(engine).stream.refresh();
    deps.auth.require(ctx, engine.hallId, ['admin', 'approver', 'display']);
    const tz = engine.hall.timeZone;
    const today = serviceDayOf(deskOf(engine).stream.now(), tz);
    const { from, to } = queryRange(ctx.query, (g) => ({ from: g.from ?? g.to ?? today, to: g.to ?? g.from ?? today }));
    ctx.body = {
      ...assistStats(Object.values(deskOf(engine).stream.current.requests), localToEpoch(from, 0, tz), localToEpoch(addDays(to, 1), 0, tz)),
      fromDate: from,
      toDate: to,
    };
  });
}

/** Accept, talk, answer, withdraw: one request each. */
function assistActionRoutes(router: Router, deps: AppDeps, deskOf: Desks) {
  // Who may act comes first: a caller without the role learns nothing, not even whether the id exists.
  const load = (ctx: Context, roles: readonly Role[]) => {
    const engine = hallOf(ctx, deps);
    const p = deps.auth.require(ctx, engine.hallId, roles);
    const desk = deskOf(engine);
    const id = parse(idParam, ctx.params.id);
    const r = own(desk.stream.current.requests, id);
    if (!r) throw notFound('unknown_assist', `no assist request "${id}"`);
    return { engine, desk, r, p };
  };

  router.post('/assist/:id/accept', async (ctx) => {
    const { desk, r, p } = load(ctx, ['approver', 'admin']);
    const who = consoleOf(ctx, deps, p);
    if (!covers(who, r.serviceId)) throw forbidden('service_not_covered', `${who.name} does not answer for service "${r.serviceId}"`);
    const { state } = await assistErrors(() => desk.stream.execute({ type: 'accept', requestId: r.id, by: who.name }, { role: who.role, name: who.name }));
    ctx.body = state.requests[r.id];
  });

  router.post('/assist/:id/messages', async (ctx) => {
    const { desk, r, p } = load(ctx, ['clerk', 'approver', 'admin']);
    const who = consoleOf(ctx, deps, p);
    const body = parse(messageBody, await readJson(ctx));
    if (who.role === 'clerk' && !who.windows.includes(r.windowId)) throw forbidden('wrong_window', 'this request is another window’s');
    if (who.role === 'approver' && r.acceptedBy !== who.name) throw forbidden('not_your_request', 'only the approver who accepted it talks on this request');
    const from = who.role === 'clerk' ? 'clerk' : 'approver';
    const { state } = await assistErrors(() =>
      desk.stream.execute({ type: 'message', requestId: r.id, from, by: who.name, text: body.text }, { role: who.role, name: who.name }),
    );
    ctx.status = 201;
    ctx.body = state.requests[r.id];
  });

  router.post('/assist/:id/answer', async (ctx) => {
    const { desk, r, p } = load(ctx, ['approver', 'admin']);
    const who = consoleOf(ctx, deps, p);
    if (who.role === 'approver' && r.acceptedBy !== who.name) throw forbidden('not_your_request', 'only the approver who accepted it answers');
    const body = parse(answerBody, await readJson(ctx));
    const { state } = await assistErrors(() => desk.stream.execute({ type: 'answer', requestId: r.id, by: who.name, answer: body.answer }, { role: who.role, name: who.name }));
    ctx.body = state.requests[r.id];
  });

  router.post('/assist/:id/withdraw', async (ctx) => {
    const { engine, desk, r } = load(ctx, ['clerk', 'admin']);
    const p = deps.auth.requireWindow(ctx, engine.hallId, r.windowId);
    const { state } = await assistErrors(() => desk.stream.execute({ type: 'withdraw', requestId: r.id }, { role: p.role, name: p.name }));
    ctx.body = state.requests[r.id];
  });
}

/** The one-time notices, as JSON and as the page the visitor keeps. */
function noticeRoutes(router: Router, deps: AppDeps, deskOf: Desks, kb: KnowledgeBase | undefined) {
  const noticeOf = (ctx: Context) => {
    const engine = hallOf(ctx, deps);
    const id = parse(idParam, ctx.params.id);
    const n = own(deskOf(engine).stream.current.notices, id);
    if (!n) throw notFound('unknown_notice', `no notice "${id}"`);
    return { engine, n };
  };
  // The notice id is unguessable and the page holds no personal data: the visitor may open it on a phone.
  router.get('/notices/:id.html', async (ctx) => {
    const { engine, n } = noticeOf(ctx);
    ctx.type = 'html';
    ctx.body = await renderNoticeHtml(engine.hall, n, kb?.get(n.serviceId), visitorNameOf(engine, n));
  });
  router.get('/notices/:id', (ctx) => {
    const { n } = noticeOf(ctx);
    ctx.body = publicNotice(n);
  });
}

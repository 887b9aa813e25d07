// /api/cases: the "can't get it done" desk. Open a case (from the visitor at the complaints window,
// or by hand), add notes, resolve, follow up; list and report. For the admin and the clerks of the
// complaints window(s) only: cases hold personal data.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import { queryRange } from '../http/dates.ts';
import { own } from '../domain/own.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { Principal } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { visitorSchema } from '../http/schemas.ts';
import { protectVisitor } from '../http/visitor-id.ts';
import { parse } from '../http/validate.ts';
import type { StreamEngine } from '../engine/stream-engine.ts';
import { CaseError } from './domain.ts';
import { caseReport, summary } from './report.ts';
import type { Case, CaseCommand, CaseEvent, CaseState } from './types.ts';
import { ticketById } from '../domain/ticket-table.ts';

export type CaseDesk = StreamEngine<CaseState, CaseCommand, CaseEvent>;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a valid id');
export const openBody = z
  .object({
    problem: z.string().trim().min(1).max(2000),
    services: z.array(id).min(1).max(10),
    lead: z.string().trim().max(100).optional(),
    /** Take the visitor (and their record) from the ticket at this window. */
    window: id.optional(),
    visitor: visitorSchema.optional(),
  });
export const noteBody = z.object({ text: z.string().trim().min(1).max(2000) });
export const resolveBody = z.object({ resolution: z.string().trim().min(1).max(2000), followUp: z.boolean().default(true) });
export const contactBody = z.object({ reply: z.string().trim().min(1).max(2000) });
export const followUpBody = z.object({ outcome: z.enum(['satisfied', 'unsatisfied', 'unreachable']), note: z.string().trim().max(1000).optional() });

/** The windows of the complaints desk: those serving the complaints service. */
function deskWindows(engine: HallEngine, service: string): string[] {
  return engine.hall.windows.filter((w) => w.services.includes(service)).map((w) => w.id);
}

/** What every case route needs: who may use the desk, running a command, loading a case, a report period. */
function caseDeskAccess(deskOf: (engine: HallEngine) => CaseDesk, complaintsService: string, deps: AppDeps) {
  const staff = (ctx: Context, engine: HallEngine): Principal => {
    const p = deps.auth.require(ctx, engine.hallId, ['admin', 'clerk']);
    if (p.role === 'clerk' && !p.windows.some((w) => deskWindows(engine, complaintsService).includes(w)))
      throw forbidden('not_case_desk', 'cases are for the "can\'t get it done" desk and the admin');
    return p;
  };
  const run = async (desk: CaseDesk, cmd: CaseCommand, p: Principal) => {
    try {
      return await desk.execute(cmd, { role: p.role, name: p.name });
    } catch (err) {
      if (err instanceof CaseError) throw new ApiError(err.status, err.code, err.message);
      throw err;
    }
  };
  const load = (ctx: Context) => {
    const engine = hallOf(ctx, deps);
    const p = staff(ctx, engine);
    const desk = deskOf(engine);
    const k = own(desk.current.cases, parse(id, ctx.params.id));
    if (!k) throw notFound('unknown_case', `no case "${ctx.params.id}"`);
    return { engine, p, desk, k };
  };
  const period = (ctx: Context, engine: HallEngine) => {
    const tz = engine.hall.timeZone;
    const today = serviceDayOf(deskOf(engine).now(), tz);
    const { from, to } = queryRange(ctx.query, (g) => ({ from: g.from ?? addDays(g.to ?? today, -30), to: g.to ?? today }));
    return { from: localToEpoch(from, 0, tz), to: localToEpoch(addDays(to, 1), 0, tz), fromDate: from, toDate: to };
  };
  return { deps, deskOf, staff, run, load, period };
}

type CaseDeskAccess = ReturnType<typeof caseDeskAccess>;
type OpenFromTicket = Pick<CaseCommand & { type: 'open' }, 'windowId' | 'ticketId' | 'ticketNumber' | 'visitor'>;

export function caseRoutes(deskOf: (engine: HallEngine) => CaseDesk, complaintsService: string) {
  return (router: Router, deps: AppDeps) => {
    const desk = caseDeskAccess(deskOf, complaintsService, deps);
    openCaseRoute(router, desk);
    caseListRoutes(router, desk);
    followUpListRoute(router, desk);
    caseActionRoutes(router, desk);
  };
}

/** The visitor and ticket at a window's counter, for a case opened from it. */
function fromTicketAt(engine: HallEngine, p: Principal, window: string): OpenFromTicket {
  if (p.role === 'clerk' && !p.windows.includes(window)) throw forbidden('wrong_window', `not your window ${window}`);
  if (!engine.hall.windows.some((w) => w.id === window)) throw notFound('unknown_window', `no window "${window}" in this hall`);
  const tid = own(engine.current.windows, window)?.currentTicketId;
  const t = tid ? ticketById(engine.current.tickets, tid) : undefined;
  if (!t) throw new ApiError(409, 'no_current_ticket', `window ${window} has no visitor at the counter`);
  return { windowId: window, ticketId: t.id, ticketNumber: t.number, ...(t.visitor ? { visitor: t.visitor } : {}) };
}

function openCaseRoute(router: Router, { deps, deskOf, staff, run }: CaseDeskAccess) {
  router.post('/cases', async (ctx) => {
    const engine = hallOf(ctx, deps);
    const p = staff(ctx, engine);
    const body = parse(openBody, await readJson(ctx));
    for (const s of body.services)
      if (!engine.hall.services.some((x) => x.id === s)) throw notFound('unknown_service', `no service "${s}"`);
    const fromTicket = body.window ? fromTicketAt(engine, p, body.window) : {};
    // What the clerk types wins over the ticket's record (the visitor may give more at the desk).
    // An ID number typed here is kept masked with its hash, as on tickets (never in plain text).
    const typed = protectVisitor(body.visitor, deps.idHashKey, new Date(engine.now()), engine.hall.timeZone);
    const visitor = { ...fromTicket.visitor, ...typed };
    const { events, state } = await run(
      deskOf(engine),
      {
        type: 'open',
        problem: body.problem,
        services: body.services,
        ...(body.lead ? { lead: body.lead } : {}),
        ...fromTicket,
        ...(Object.keys(visitor).length ? { visitor } : {}),
        by: p.name,
        serviceDay: serviceDayOf(deskOf(engine).now(), engine.hall.timeZone),
      },
      p,
    );
    ctx.status = 201;
    ctx.body = state.cases[(events[0]!.data as { case: { id: string } }).case.id];
  });
}

function caseListRoutes(router: Router, { deps, deskOf, staff, period }: CaseDeskAccess) {
  router.get('/cases', async (ctx) => {
    const engine = hallOf(ctx, deps);
    staff(ctx, engine);
    await deskOf(engine).refresh(); // include what another node appended
    const status = ctx.query.status === undefined ? undefined : parse(z.enum(['open', 'resolved', 'closed']), ctx.query.status);
    const list: Case[] = Object.values(deskOf(engine).current.cases).filter((k) => !status || k.status === status);
    ctx.body = { cases: list.sort((a, b) => b.openedAt - a.openedAt).map(summary) };
  });

  router.get('/cases/report', async (ctx) => {
    const engine = hallOf(ctx, deps);
    staff(ctx, engine);
    await deskOf(engine).refresh();
    const p = period(ctx, engine);
    ctx.body = { ...caseReport(Object.values(deskOf(engine).current.cases), p.from, p.to), fromDate: p.fromDate, toDate: p.toDate };
  });
}

/** Open follow-ups of bad ratings, soonest deadline first, for the dashboard: listed until closed. */
function followUpListRoute(router: Router, { deskOf, staff, deps }: CaseDeskAccess) {
  router.get('/cases/follow-ups', async (ctx) => {
    const engine = hallOf(ctx, deps);
    staff(ctx, engine);
    await deskOf(engine).refresh();
    const now = deskOf(engine).now();
    const list = Object.values(deskOf(engine).current.cases).filter((k) => k.rating && k.status !== 'closed');
    ctx.set('cache-control', 'no-store');
    ctx.body = {
      followUps: list
        .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0))
        .map((k) => ({
          ...summary(k),
          ticketNumber: k.ticketNumber,
          windowId: k.windowId,
          rating: { level: k.rating!.level, reasons: k.rating!.reasons, ratedAt: k.rating!.ratedAt, ...(k.rating!.clerk ? { clerk: k.rating!.clerk } : {}) },
          dueAt: k.dueAt,
          contactedAt: k.contactedAt,
          overdue: k.contactedAt === undefined && k.dueAt !== undefined && now > k.dueAt,
        })),
    };
  });
}

function caseActionRoutes(router: Router, { load, run }: CaseDeskAccess) {
  router.get('/cases/:id', (ctx) => {
    ctx.body = load(ctx).k;
  });

  router.post('/cases/:id/notes', async (ctx) => {
    const { p, desk, k } = load(ctx);
    const body = parse(noteBody, await readJson(ctx));
    ctx.status = 201;
    ctx.body = (await run(desk, { type: 'note', caseId: k.id, text: body.text, by: p.name }, p)).state.cases[k.id];
  });

  router.post('/cases/:id/resolve', async (ctx) => {
    const { p, desk, k } = load(ctx);
    const body = parse(resolveBody, await readJson(ctx));
    ctx.body = (await run(desk, { type: 'resolve', caseId: k.id, resolution: body.resolution, followUp: body.followUp, by: p.name }, p)).state.cases[k.id];
  });

  router.post('/cases/:id/follow-up', async (ctx) => {
    const { p, desk, k } = load(ctx);
    const body = parse(followUpBody, await readJson(ctx));
    ctx.body = (await run(desk, { type: 'followUp', caseId: k.id, outcome: body.outcome, note: body.note, by: p.name }, p)).state.cases[k.id];
  });

  // The desk reached the visitor of a bad rating: what they said goes on the record.
  router.post('/cases/:id/contact', async (ctx) => {
    const { p, desk, k } = load(ctx);
    const body = parse(contactBody, await readJson(ctx));
    ctx.body = (await run(desk, { type: 'contact', caseId: k.id, reply: body.reply, by: p.name }, p)).state.cases[k.id];
  });
}

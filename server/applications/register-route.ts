// POST /api/windows/:id/applications: the clerk registers what was received (收件) for the visitor
// at the counter (or, with `service`, for a visitor already finished), and the receipt prints.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { own } from '../domain/own.ts';
import { ticketById } from '../domain/ticket-table.ts';
import type { Ticket } from '../domain/types.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { readJson } from '../http/body.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { visitorSchema } from '../http/schemas.ts';
import { parse } from '../http/validate.ts';
import { materialsFor } from '../kb/knowledge-base.ts';
import { run, today, type ApplicationsContext } from './access.ts';
import { applicationUrl, printFor, receiptLayout } from './receipt.ts';
import { hallCode, promisedDate, workingDaysOf } from './time-limit.ts';
import type { Material } from './types.ts';

export const registerBody = z.object({
  /** The service; the ticket's at the counter when absent. */
  service: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional(),
  /** Materials received, by name (zh or en) from the service's knowledge-base list. */
  materials: z.array(z.string().trim().min(1).max(100)).max(50),
  company: z.string().trim().min(1).max(100).optional(),
  visitor: visitorSchema.optional(),
  delivery: z
    .discriminatedUnion('type', [z.object({ type: z.literal('pickup') }), z.object({ type: z.literal('mail'), address: z.string().trim().min(4).max(200) })])
    .default({ type: 'pickup' }),
  /** Overrides the knowledge base's time limit (needed when it names no working days). */
  workingDays: z.number().int().min(0).max(365).optional(),
  print: z.boolean().default(true),
});

function ticketAtCounter(engine: HallEngine, windowId: string): Ticket | undefined {
  const id = own(engine.current.windows, windowId)?.currentTicketId;
  return id ? ticketById(engine.current.tickets, id) : undefined;
}

function receivedMaterials(app: ApplicationsContext, engine: HallEngine, serviceId: string, names: string[]): Material[] {
  const list = materialsFor(serviceId, engine.hall, app.kb);
  return names.map((n) => {
    const m = list.find((x) => x.zh === n || x.en.toLowerCase() === n.toLowerCase());
    if (!m) throw badRequest('unknown_material', `"${n}" is not in the materials list of this service: ${list.map((x) => x.zh).join('、')}`);
    return { zh: m.zh, en: m.en, ...(m.copies ? { copies: m.copies } : {}), ...(m.original ? { original: true } : {}) };
  });
}

async function register(ctx: Context, deps: AppDeps, app: ApplicationsContext) {
  const engine = hallOf(ctx, deps);
  const windowId = ctx.params.id!;
  if (!engine.hall.windows.some((w) => w.id === windowId)) throw notFound('unknown_window', `no window "${windowId}" in this hall`);
  const p = deps.auth.requireWindow(ctx, engine.hallId, windowId);
  const body = parse(registerBody, await readJson(ctx));
  const ticket = ticketAtCounter(engine, windowId);
  const serviceId = body.service ?? ticket?.serviceId;
  if (!serviceId) throw badRequest('service_required', `window ${windowId} has no visitor at the counter: name the service`);
  if (!engine.hall.services.some((s) => s.id === serviceId)) throw notFound('unknown_service', `no service "${serviceId}"`);
  const workingDays = body.workingDays ?? workingDaysOf(app.kb?.get(serviceId));
  if (workingDays === undefined) throw badRequest('time_limit_unknown', `the knowledge base gives no working days for ${serviceId}: give workingDays`);
  const desk = app.deskOf(engine);
  const receivedDay = today(engine, desk);
  const visitor = { ...ticket?.visitor, ...body.visitor };
  const company = body.company ?? visitor.company;
  const { events, state } = await run(
    desk,
    {
      type: 'register',
      hallCode: hallCode(engine.hallId),
      serviceId,
      windowId,
      ...(ticket ? { ticketId: ticket.id, ticketNumber: ticket.number, ...(ticket.lane === 'green' ? { green: true } : {}) } : {}),
      materials: receivedMaterials(app, engine, serviceId, body.materials),
      ...(company ? { company } : {}),
      ...(Object.keys(visitor).length ? { visitor } : {}),
      delivery: body.delivery,
      receivedDay,
      workingDays,
      promisedDate: promisedDate(engine.hall, receivedDay, workingDays),
      by: p.name,
    },
    p,
  );
  const a = state.applications[(events[0]!.data as { application: { id: string } }).application.id]!;
  const url = applicationUrl(deps.publicUrl, a.receipt);
  const print = body.print ? printFor(ctx, engine, deps, app.printing, a, a.id, receiptLayout(engine.hall, a, url)) : undefined;
  ctx.status = 201;
  ctx.body = { application: a, statusPage: `/a/${a.receipt}`, ...(print ? { print } : {}) };
}

export function registerRoutes(app: ApplicationsContext) {
  return (router: Router, deps: AppDeps) => {
    for (const prefix of ['/api', '/api/halls/:hall']) router.post(`${prefix}/windows/:id/applications`, (ctx) => register(ctx, deps, app));
  };
}

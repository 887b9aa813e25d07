// /api/applications: the back office's work list and actions (approvers, by their services), the
// pickup window's lookup and handover, the kiosk's pickup number, and the public status.
import type Router from '@koa/router';
import { z } from 'zod';
import { readJson } from '../http/body.ts';
import { actorOf } from '../http/auth.ts';
import { issuedView } from '../http/routes/tickets.ts';
import { ticketById } from '../domain/ticket-table.ts';
import type { Actor, Ticket } from '../domain/types.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { parse } from '../http/validate.ts';
import { materialsFor } from '../kb/knowledge-base.ts';
import { approverAction, byReceipt, covers, pickupAction, requireApprover, requirePickupDesk, run, today, withServices, type ApplicationsContext } from './access.ts';
import { publicApplication } from './public-view.ts';
import { handoverView } from './handover-view.ts';
import { correctionLayout, printFor } from './receipt.ts';
import { OPEN_STATUSES, type Application, type ApplicationStatus } from './types.ts';

const STATUSES = ['received', 'returned', 'approved', 'refused', 'picked_up', 'mailed'] as const satisfies readonly ApplicationStatus[];
export const returnBody = z.object({ missing: z.array(z.string().trim().min(1).max(100)).max(50).default([]), note: z.string().trim().max(1000).optional() });
export const approveBody = z.object({ note: z.string().trim().max(1000).optional() });
export const refuseBody = z.object({ reason: z.string().trim().min(1).max(1000) });
export const resubmitBody = z.object({ materials: z.array(z.string().trim().min(1).max(100)).max(50).default([]) });
export const mailBody = z.object({ courier: z.string().trim().min(1).max(50), trackingNumber: z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'a tracking number is 4-40 letters and digits') });

/** A row of the work list: the application and whether it is past its promised date. */
export function workItem(a: Application, day: string) {
  const open = OPEN_STATUSES.includes(a.status);
  return { ...a, overdue: open && day > a.promisedDate, dueToday: open && day === a.promisedDate };
}

function pickMaterials(app: ApplicationsContext, hall: Parameters<typeof materialsFor>[1], serviceId: string, names: string[]) {
  const list = materialsFor(serviceId, hall, app.kb);
  return names.map((n) => {
    const m = list.find((x) => x.zh === n || x.en.toLowerCase() === n.toLowerCase());
    if (!m) throw new ApiError(400, 'unknown_material', `"${n}" is not in the materials list of this service`);
    return { zh: m.zh, en: m.en, ...(m.copies ? { copies: m.copies } : {}), ...(m.original ? { original: true } : {}) };
  });
}

export function applicationRoutes(app: ApplicationsContext) {
  return (router: Router, deps: AppDeps) => {
    listRoutes(router, deps, app);
    backOfficeRoutes(router, deps, app);
    pickupRoutes(router, deps, app);
  };
}

function listRoutes(router: Router, deps: AppDeps, app: ApplicationsContext) {
  router.get('/applications', async (ctx) => {
    const engine = hallOf(ctx, deps);
    const p = requireApprover(ctx, deps, engine);
    const status = ctx.query.status === undefined ? undefined : parse(z.enum([...STATUSES, 'open']), ctx.query.status);
    const service = ctx.query.service === undefined ? undefined : parse(z.string().max(32), ctx.query.service);
    const desk = app.deskOf(engine);
    await desk.refresh(); // include what another node appended
    const day = today(engine, desk);
    const list = Object.values(desk.current.applications)
      .filter((a) => covers(p, a.serviceId) && (!service || a.serviceId === service))
      .filter((a) => !status || (status === 'open' ? OPEN_STATUSES.includes(a.status) : a.status === status))
      .sort((a, b) => a.promisedDate.localeCompare(b.promisedDate) || a.receivedAt - b.receivedAt);
    ctx.body = { today: day, applications: list.map((a) => workItem(a, day)) };
  });

  router.get('/applications/:receipt/status', (ctx) => {
    const { engine, a } = byReceipt(ctx, deps, app);
    ctx.body = publicApplication(engine.hall, a);
  });

  router.get('/applications/:receipt', (ctx) => {
    const engine0 = hallOf(ctx, deps);
    const p = withServices(ctx, deps, deps.auth.require(ctx, engine0.hallId, ['admin', 'approver', 'clerk']));
    if (p.role === 'clerk') requirePickupDesk(ctx, deps, engine0, app.pickupService);
    const { engine, desk, a } = byReceipt(ctx, deps, app);
    if (!covers(p, a.serviceId)) throw new ApiError(403, 'not_your_service', `you do not approve ${a.serviceId}`);
    // The pickup window's clerk gets what the handover needs, no more personal data.
    ctx.body = p.role === 'clerk' ? handoverView(a) : workItem(a, today(engine, desk));
  });
}

function backOfficeRoutes(router: Router, deps: AppDeps, app: ApplicationsContext) {
  router.post('/applications/:receipt/approve', async (ctx) => {
    const { engine, desk, a, p } = approverAction(ctx, deps, app);
    const body = parse(approveBody, await readJson(ctx));
    ctx.body = (await run(desk, { type: 'approve', applicationId: a.id, day: today(engine, desk), by: p.name, ...(body.note ? { note: body.note } : {}) }, p)).state.applications[a.id];
  });

  router.post('/applications/:receipt/return', async (ctx) => {
    const { engine, desk, a, p } = approverAction(ctx, deps, app);
    const body = parse(returnBody, await readJson(ctx));
    const missing = pickMaterials(app, engine.hall, a.serviceId, body.missing);
    const out = (await run(desk, { type: 'return', applicationId: a.id, missing, by: p.name, ...(body.note ? { note: body.note } : {}) }, p)).state.applications[a.id]!;
    const print = printFor(ctx, engine, deps, app.printing, out, `${out.id}-return-${out.steps.length}`, correctionLayout(engine.hall, out));
    ctx.body = { application: out, print };
  });

  router.post('/applications/:receipt/refuse', async (ctx) => {
    const { engine, desk, a, p } = approverAction(ctx, deps, app);
    const body = parse(refuseBody, await readJson(ctx));
    ctx.body = (await run(desk, { type: 'refuse', applicationId: a.id, day: today(engine, desk), reason: body.reason, by: p.name }, p)).state.applications[a.id];
  });

  // The visitor brings what was missing to a window; any clerk takes it in, the approver too.
  router.post('/applications/:receipt/resubmit', async (ctx) => {
    const p = withServices(ctx, deps, deps.auth.require(ctx, hallOf(ctx, deps).hallId, ['admin', 'approver', 'clerk']));
    const { engine, desk, a } = byReceipt(ctx, deps, app);
    if (!covers(p, a.serviceId)) throw new ApiError(403, 'not_your_service', `you do not approve ${a.serviceId}`);
    const body = parse(resubmitBody, await readJson(ctx));
    const materials = pickMaterials(app, engine.hall, a.serviceId, body.materials);
    ctx.body = (await run(desk, { type: 'resubmit', applicationId: a.id, materials, by: p.name }, p)).state.applications[a.id];
  });
}

function pickupRoutes(router: Router, deps: AppDeps, app: ApplicationsContext) {
  router.post('/applications/:receipt/pickup', async (ctx) => {
    const { desk, a, p } = pickupAction(ctx, deps, app);
    const out = (await run(desk, { type: 'pickUp', applicationId: a.id, by: p.name }, p)).state.applications[a.id]!;
    ctx.body = p.role === 'clerk' ? handoverView(out) : out;
  });

  router.post('/applications/:receipt/mail', async (ctx) => {
    const { desk, a, p } = pickupAction(ctx, deps, app);
    const body = parse(mailBody, await readJson(ctx));
    const out = (await run(desk, { type: 'mail', applicationId: a.id, courier: body.courier, trackingNumber: body.trackingNumber, by: p.name }, p)).state.applications[a.id]!;
    ctx.body = p.role === 'clerk' ? handoverView(out) : out;
  });

  // The kiosk scanned a receipt whose result is ready: a number in the pickup service, the same one
  // while it still waits or is called (a repeat scan, on any node, gives no second number).
  router.post('/applications/:receipt/pickup-ticket', async (ctx) => {
    const p = deps.auth.require(ctx, hallOf(ctx, deps).hallId, ['admin', 'triage', 'kiosk']);
    await app.deskOf(hallOf(ctx, deps)).refresh(); // a number another node gave
    const { engine, desk, a } = byReceipt(ctx, deps, app);
    if (a.status !== 'approved' && a.status !== 'refused') throw new ApiError(409, 'not_ready', `application ${a.receipt} is not ready for pickup`);
    if (a.delivery.type === 'mail') throw new ApiError(409, 'not_for_pickup', `application ${a.receipt} is mailed`);
    if (!engine.hall.services.some((s) => s.id === app.pickupService)) throw new ApiError(409, 'no_pickup_service', 'this hall has no pickup service');
    const ticket = activePickupTicket(engine, a) ?? (await issuePickupTicket(engine, a, app.pickupService, actorOf(p)));
    await run(desk, { type: 'recordPickupTicket', applicationId: a.id, ticketId: ticket.id, number: ticket.number }, p);
    ctx.status = 201;
    ctx.body = issuedView(engine, ticket, deps);
  });
}

/** The number this application was given, while it still waits or is being called. */
function activePickupTicket(engine: HallEngine, a: Application): Ticket | undefined {
  const t = a.pickupTicket && ticketById(engine.current.tickets, a.pickupTicket.ticketId);
  return t && (t.status === 'waiting' || t.status === 'called') ? t : undefined;
}

/** Keyed by the receipt and the number before it: two scans racing on two nodes get one ticket. */
async function issuePickupTicket(engine: HallEngine, a: Application, serviceId: string, actor: Actor): Promise<Ticket> {
  const key = `pickup:${a.receipt}:${a.pickupTicket?.ticketId ?? 'first'}`;
  const { state, result } = await engine.execute({ type: 'issue', serviceId, lane: 'normal', source: `application:${a.receipt}` }, actor, { key });
  return ticketById(state.tickets, result.ticket.id) ?? result.ticket;
}

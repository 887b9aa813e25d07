// Who may touch applications, and the helpers every application route shares: the desk of a hall,
// running a command with the caller as actor, finding an application by receipt, today's local day.
import type { Context } from 'koa';
import { z } from 'zod';
import { own } from '../domain/own.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { StreamEngine } from '../engine/stream-engine.ts';
import { actorOf, type Principal } from '../http/auth.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { parse } from '../http/validate.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Printing } from '../../ticket-printer/hall-printing.ts';
import { ApplicationError } from './domain.ts';
import type { Application, ApplicationCommand, ApplicationEvent, ApplicationState } from './types.ts';

export type ApplicationDesk = StreamEngine<ApplicationState, ApplicationCommand, ApplicationEvent>;

export interface ApplicationsContext {
  deskOf: (engine: HallEngine) => ApplicationDesk;
  /** The service whose windows hand out results (出件) and whose numbers the kiosk issues for pickup. */
  pickupService: string;
  kb: KnowledgeBase | undefined;
  printing: Printing | undefined;
}

export const receiptParam = z.string().regex(/^[A-Z0-9]{1,12}-\d{8}-\d{4}$/, 'not a receipt number');

export function today(engine: HallEngine, desk: ApplicationDesk): string {
  return serviceDayOf(desk.now(), engine.hall.timeZone);
}

export async function run(desk: ApplicationDesk, cmd: ApplicationCommand, p: Principal) {
  try {
    return await desk.execute(cmd, actorOf(p));
  } catch (err) {
    if (err instanceof ApplicationError) throw new ApiError(err.status, err.code, err.message);
    throw err;
  }
}

/** An approver covers the services on their account (all when none are listed); admin covers all. */
export function covers(p: Principal, serviceId: string): boolean {
  return p.role !== 'approver' || !p.services || p.services.includes(serviceId);
}

/** A clerk of a window that serves the pickup service (出件窗口). */
export function atPickupDesk(engine: HallEngine, p: Principal, pickupService: string): boolean {
  const pickupWindows = engine.hall.windows.filter((w) => w.services.includes(pickupService)).map((w) => w.id);
  return p.role === 'clerk' && p.windows.some((w) => pickupWindows.includes(w));
}

/** The application of `:receipt` in the request's hall; 404 for an unknown one. */
export function byReceipt(ctx: Context, deps: AppDeps, app: ApplicationsContext): { engine: HallEngine; desk: ApplicationDesk; a: Application } {
  const engine = hallOf(ctx, deps);
  const desk = app.deskOf(engine);
  const receipt = parse(receiptParam, ctx.params.receipt);
  const id = own(desk.current.byReceipt, receipt);
  const a = id ? desk.current.applications[id] : undefined;
  if (!a) throw notFound('unknown_application', `no application with receipt ${receipt}`);
  return { engine, desk, a };
}

/** Back-office actions, caller checked before the application is looked up (no probing of receipts). */
export function approverAction(ctx: Context, deps: AppDeps, app: ApplicationsContext) {
  const p = requireApprover(ctx, deps, hallOf(ctx, deps));
  const found = byReceipt(ctx, deps, app);
  if (!covers(p, found.a.serviceId)) throw forbidden('not_your_service', `you do not approve ${found.a.serviceId}`);
  return { ...found, p };
}

/** Pickup-window actions, caller checked first. */
export function pickupAction(ctx: Context, deps: AppDeps, app: ApplicationsContext) {
  const p = requirePickupDesk(ctx, deps, hallOf(ctx, deps), app.pickupService);
  return { ...byReceipt(ctx, deps, app), p };
}

/** Back-office actions: admin, or an approver of the application's service. */
export function requireApprover(ctx: Context, deps: AppDeps, engine: HallEngine, a?: Application): Principal {
  const p = withServices(ctx, deps, deps.auth.require(ctx, engine.hallId, ['admin', 'approver']));
  if (a && !covers(p, a.serviceId)) throw forbidden('not_your_service', `you do not approve ${a.serviceId}`);
  return p;
}

/** An approver's services: a staff account carries them; a hall-file token lists them in the file. */
export function withServices(ctx: Context, deps: AppDeps, p: Principal): Principal {
  if (p.role !== 'approver' || p.services !== undefined) return p;
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
  const token = bearer ? deps.registry.deployment.tokens.find((t) => t.token === bearer) : undefined;
  return { ...p, services: token?.services ?? null };
}

/** Handing out results: admin, or a clerk of the pickup window. */
export function requirePickupDesk(ctx: Context, deps: AppDeps, engine: HallEngine, pickupService: string): Principal {
  const p = deps.auth.require(ctx, engine.hallId, ['admin', 'clerk']);
  if (p.role === 'clerk' && !atPickupDesk(engine, p, pickupService)) throw forbidden('not_pickup_desk', 'results are handed out at the pickup window');
  return p;
}

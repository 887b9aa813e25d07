// What route modules get: the halls, auth, and helpers to find the hall a request is for.
import type { Context } from 'koa';
import type Router from '@koa/router';
import type { Ticket } from '../domain/types.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { HallRegistry } from '../engine/hall-registry.ts';
import type { ClockOffsetMonitor } from '../engine/clock-offset.ts';
import type { Logger } from '../log.ts';
import type { Auth } from './auth.ts';
import type { RateLimiter } from './rate-limit.ts';
import { notFound } from './errors.ts';
import type { TicketKeys } from './ticket-key.ts';
import type { Admission } from './admission.ts';

export interface AppDeps {
  registry: HallRegistry;
  auth: Auth;
  /** Base URL people reach this server on (ticket QR codes, printed links). */
  publicUrl: string;
  /** What plug-ins add to ticket issuing and ticket views, per server. */
  ticketHooks: TicketHooks;
  /** Tickets a kiosk may issue, per kiosk token, on this server (a stuck button must not drain the numbers). */
  kioskLimiter: RateLimiter;
  /** The server's logger (a request's own, with its reqId, is ctx.state.log). */
  log: Logger;
  /** Key of the ID-number hashes kept in the log (env ID_HASH_KEY), ./visitor-id.ts. */
  idHashKey: string;
  /** Tickets' rating keys (CLIENT_HASH_KEY), ./ticket-key.ts: only the visitor's QR carries one. */
  ticketKeys: TicketKeys;
  /** On a Redis store: this node's clock against Redis's (/healthz, /api/health, /metrics). */
  clockOffset?: ClockOffsetMonitor;
  /** Overload protection (admission.ts): absent when OVERLOAD_PROTECTION=off. */
  admission?: Admission;
  /** Sockets cut off for not reading (realtime/slow-consumers.ts), once the gateway exists. */
  slowConsumers?: { readonly dropped: number };
}

/** Extra response fields from a hook: at once, or later when the hook must wait for something. */
export type HookFields = Record<string, unknown> | void;

export interface TicketHooks {
  /** After a ticket is issued (the printer prints it); returns extra response fields. */
  afterIssue: ((args: { ctx: Context; engine: HallEngine; ticket: Ticket; print: boolean }) => HookFields | Promise<HookFields>)[];
  /** After a window transferred its ticket: `ticket` is the new one (the printer prints it at that window). */
  afterTransfer: ((args: { ctx: Context; engine: HallEngine; ticket: Ticket; windowId: string }) => HookFields | Promise<HookFields>)[];
  /** Extra public fields for a ticket's issue response and status (the metrics plug-in's wait estimate). */
  viewExtras: ((engine: HallEngine, ticket: Ticket) => Record<string, unknown>)[];
}

export function ticketExtras(deps: AppDeps, engine: HallEngine, ticket: Ticket): Record<string, unknown> {
  return addTicketExtras({}, deps, engine, ticket);
}

/** Adds the plug-ins' extra public fields for a ticket to `view` (later hooks win a clash); returns it. */
export function addTicketExtras<V extends object>(view: V, deps: AppDeps, engine: HallEngine, ticket: Ticket): V {
  for (const extras of deps.ticketHooks.viewExtras) Object.assign(view, extras(engine, ticket));
  return view;
}

/** The hall a request is for: `/api/halls/:hall/...`, or the deployment's default hall under `/api/...`. */
export function hallOf(ctx: Context, deps: AppDeps): HallEngine {
  const hallId = (ctx.params as Record<string, string> | undefined)?.hall ?? deps.registry.defaultHallId;
  const engine = deps.registry.get(hallId);
  if (!engine) throw notFound('unknown_hall', `no hall "${hallId}"`);
  return engine;
}

/** A route module registers its routes on a router; hall routes are mounted under both prefixes. */
export type RouteModule = (router: Router, deps: AppDeps) => void;

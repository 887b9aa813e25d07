// Every refusal the API gives, mapped to its HTTP status in one place, and the one error
// answer that turns any thrown error into `{ error: { code, message } }` (app.ts's front middleware).
import type { Context } from 'koa';
import { DomainError, type DomainErrorCode } from '../domain/errors.ts';
import type { Logger } from '../log.ts';
import { ClockAhead, StoreUnavailable, VersionConflict } from '../store/port.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The input field a 400 is about (`visitor.phone`), when it is about one. */
    readonly field?: string,
    /** What exactly is wrong, when a code has kinds (`id_number_invalid`: format, region, birth_date, check_digit). */
    readonly reason?: string,
  ) {
    // A client's mistake (4xx) is answered and never logged with a stack (logApiError): capturing one
    // was the dearest part of a 404.
    const limit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const unauthorized = (message = 'a bearer token is required') => new ApiError(401, 'unauthorized', message);
export const forbidden = (code: string, message: string) => new ApiError(403, code, message);
export const notFound = (code: string, message: string) => new ApiError(404, code, message);

const DOMAIN_STATUS: Partial<Record<DomainErrorCode, number>> = {
  unknown_service: 404,
  unknown_window: 404,
  unknown_ticket: 404,
  lane_not_offered: 400,
  lane_not_allowed: 403,
  transfer_target_missing: 400,
  daily_numbers_exhausted: 429,
  on_site_cap_reached: 429,
};

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DomainError) return new ApiError(DOMAIN_STATUS[err.code] ?? 409, err.code, err.message);
  if (err instanceof StoreUnavailable) return new ApiError(503, 'store_unavailable', 'the event store cannot be reached; try again shortly');
  if (err instanceof VersionConflict) return new ApiError(503, 'store_busy', 'too many concurrent changes; try again');
  // The node's clock, not the request, is wrong: retrying on this node fails the same way, another node (or this one once its time is fixed) succeeds.
  if (err instanceof ClockAhead)
    return new ApiError(503, 'clock_skew', `this server's clock is ${Math.round((err.eventAt - err.storeNow) / 1000)} s ahead of the shared store's (at most ${err.maxAheadMs} ms allowed); nothing was saved`);
  const status = (err as { status?: number; expose?: boolean }).status;
  if (status && status >= 400 && status < 500) {
    const e = err as { status: number; code?: string; message: string };
    if (e.code && /^[a-z_]+$/.test(e.code)) return new ApiError(e.status, e.code, e.message);
    return new ApiError(e.status, 'bad_request', e.message);
  }
  return new ApiError(500, 'internal', 'internal error');
}

/** What an /api answer with an error status and no body means (Koa's 404, the router's 405 and 501). */
const BARE_STATUS: Record<number, [code: string, message: string]> = {
  404: ['not_found', 'no such route'],
  405: ['method_not_allowed', 'this route does not take that method'],
  501: ['not_implemented', 'this method is not implemented'],
};

/**
 * How an error is logged, decided here only: a server fault (500) with its stack at error level;
 * the store being away (503) as one warning line; a client's mistake (4xx) not at all, since a
 * stack trace per bad request would bury the real faults.
 */
export function logApiError(log: Logger, err: unknown, api: ApiError): void {
  if (api.status >= 500 && api.code === 'internal') log.error({ err, status: api.status, code: api.code }, 'internal error');
  else if (api.status >= 500) log.warn({ status: api.status, code: api.code }, `${api.status} ${api.code}: ${(err as Error)?.message ?? api.message}`);
}

/**
 * What the app's front middleware (app.ts) checks once the routes are done: an /api answer with an
 * error status and no body (Koa's 404, a 405 or 501) or with a body Koa cannot send is an error.
 * An answer with a body, the usual case, is decided by its first test.
 */
export function checkApiAnswer(ctx: Context): void {
  const body: unknown = ctx.body;
  const bodyType = typeof body;
  if (body !== undefined && body !== null && bodyType !== 'function' && bodyType !== 'symbol') return;
  if (!ctx.path.startsWith('/api')) return;
  const bare = body === undefined || body === null ? BARE_STATUS[ctx.status] : undefined;
  if (bare) throw new ApiError(ctx.status, bare[0], `${bare[1]}: ${ctx.method} ${ctx.path}`);
  // A body Koa cannot send would fail after this middleware, as a plain-text 500 outside it.
  if (bodyType === 'function' || bodyType === 'symbol') throw new Error(`${ctx.method} ${ctx.path}: the handler set a ${bodyType} as the body`);
}

/**
 * Answers any error as `{ error: { code, message } }` with its status: the one place errors become
 * answers. `log` is the server's logger; a request's own (with its reqId, ./request-log.ts) is used
 * when there is one.
 */
export function answerError(ctx: Context, err: unknown, log: Logger): void {
  const api = toApiError(err);
  // Only server faults are logged (a 4xx never is): the request's own logger, built on first use
  // (request-log.ts), is not made for a client's mistake.
  if (api.status >= 500) logApiError(ctx.state.log ?? log, err, api);
  ctx.status = api.status;
  ctx.body = { error: { code: api.code, message: api.message, ...(api.field ? { field: api.field } : {}), ...(api.reason ? { reason: api.reason } : {}) } };
  if (api.status === 401) ctx.set('WWW-Authenticate', 'Bearer');
}

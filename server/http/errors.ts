// Every refusal the API gives, mapped to its HTTP status in one place, and the one error
// middleware that turns any thrown error into `{ error: { code, message } }`.
import type { Middleware } from 'koa';
import { DomainError, type DomainErrorCode } from '../domain/errors.ts';
import { StoreUnavailable, VersionConflict } from '../store/port.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
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
  const status = (err as { status?: number; expose?: boolean }).status;
  if (status && status >= 400 && status < 500) {
    const e = err as { status: number; code?: string; message: string };
    return new ApiError(e.status, e.code && /^[a-z_]+$/.test(e.code) ? e.code : 'bad_request', e.message);
  }
  return new ApiError(500, 'internal', 'internal error');
}

export function errorMiddleware(log: (err: unknown) => void = (e) => console.error(e)): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api')) {
        throw notFound('not_found', `no route ${ctx.method} ${ctx.path}`);
      }
    } catch (err) {
      const api = toApiError(err);
      if (api.status >= 500 && api.code === 'internal') log(err);
      ctx.status = api.status;
      ctx.body = { error: { code: api.code, message: api.message } };
      if (api.status === 401) ctx.set('WWW-Authenticate', 'Bearer');
    }
  };
}

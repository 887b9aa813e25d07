// The Idempotency-Key request header of the state-changing routes (issue, check-in, the window
// actions): validated here, honoured by StreamEngine.execute (server/engine/idempotency.ts).
import type { Context } from 'koa';
import type { IdempotencyRequest } from '../engine/idempotency.ts';
import { badRequest } from './errors.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer that replays the first run of its key (nothing was done again). */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Printable ASCII (space included), 1-200 characters: a UUID fits, so does any client's own scheme. */
const VALID_KEY = /^[\x20-\x7e]{1,200}$/;

/** The request's key, or undefined without the header; a malformed one is a 400. */
export function idempotencyKeyOf(ctx: Context): IdempotencyRequest | undefined {
  // Node's headers object itself: Koa's ctx.headers reaches it through two getters, on every press.
  const raw = ctx.req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? undefined : raw;
  if (key === undefined || !VALID_KEY.test(key))
    throw badRequest('invalid_idempotency_key', 'the Idempotency-Key header must be 1-200 printable ASCII characters, sent once');
  return { key };
}

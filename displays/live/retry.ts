// One tap, one command: a console sends each tap with its own Idempotency-Key and, when the answer
// is lost (503 from a hung store, a network error, a timeout), sends the very same request again
// with the same key, so the server answers with what the first attempt did instead of doing it
// twice. A visitor never gets two numbers for one tap. Plain functions, tested without a DOM.
import { api, type ApiOptions } from './api.ts';

/** Waits between attempts: a hung store answers 503 within seconds and comes back within some more. */
export const RETRY_DELAYS_MS = [300, 1000, 2000, 4000];
/** A request that has not answered in this long is treated as lost and retried with its key. */
export const COMMAND_TIMEOUT_MS = 10_000;

export interface RetryOptions {
  delaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

/** Worth retrying with the same key: the store was unavailable (503) or no answer came (0). */
export function isRetryable(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return status === 503 || status === 0;
}

/** Runs send until it answers, is refused for good, or the delays run out (then the last error). */
export async function retrying<T>(send: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const delays = options.delaysMs ?? RETRY_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(attempt);
    } catch (err) {
      if (!isRetryable(err) || attempt >= delays.length) throw err;
      await sleep(delays[attempt]!);
    }
  }
}

/** A fresh key per tap. crypto.randomUUID needs a secure origin; a kiosk on plain http has only getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A state-changing call for one tap: one key, retried on 503 or a lost answer. */
export function command<T = unknown>(path: string, opts: Omit<ApiOptions, 'idempotencyKey'>, retry?: RetryOptions): Promise<{ status: number; data: T }> {
  const idempotencyKey = newIdempotencyKey();
  return retrying(() => api<T>(path, { method: 'POST', timeoutMs: COMMAND_TIMEOUT_MS, ...opts, idempotencyKey }), retry);
}

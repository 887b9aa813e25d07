import { errorLine } from '../logic/error-text.ts';

// The HTTP side for pages: where the hall's API lives, the console token, and errors as the
// API words them ({error:{code,message}}) so a refused action shows the server's reason.

/** API base for a hall: the default hall under /api, any other under /api/halls/:hall. */
export function apiBase(hall?: string): string {
  return hall ? `/api/halls/${encodeURIComponent(hall)}` : '/api';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What exactly is wrong, for a code with kinds (the error body's `reason`). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'onewindow.token';

export function storedToken(scope = 'default'): string | undefined {
  try {
    return localStorage.getItem(`${TOKEN_KEY}.${scope}`) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeToken(scope: string, token: string | undefined): void {
  try {
    if (token) localStorage.setItem(`${TOKEN_KEY}.${scope}`, token);
    else localStorage.removeItem(`${TOKEN_KEY}.${scope}`);
  } catch {
    /* private mode: the token lives for this page only */
  }
}

export interface ApiOptions {
  hall?: string;
  method?: string;
  body?: unknown;
  token?: string;
  /** Sent as Idempotency-Key: a retry with the same key gets the first answer (./retry.ts). */
  idempotencyKey?: string;
  /** Give up after this long; the call then fails like an unreachable server (status 0). */
  timeoutMs?: number;
}

export async function api<T = unknown>(
  path: string,
  opts: ApiOptions = {},
): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(apiBase(opts.hall) + path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      ...(opts.timeoutMs ? { signal: AbortSignal.timeout(opts.timeoutMs) } : {}),
    });
  } catch {
    throw new ApiError(0, 'offline', '无法连接服务器 / cannot reach the server');
  }
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; reason?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`, err?.reason);
  }
  return { status: res.status, data: data as T };
}

/** The reason a page shows for a failed call: the words for its code (displays/logic/error-text.ts),
 * Chinese first, English after. */
export function errorText(err: unknown): string {
  return errorLine(err);
}

/** The server refused the console's token (401): the console signs out. */
export function tokenRefused(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

/** A ticket as POST /api/tickets returns it (also the ticket of an appointment check-in). */
export interface IssuedTicket {
  id: string;
  number: string;
  service: string;
  lane: string;
  ahead: number;
  statusUrl?: string;
  estimatedWaitMinutes?: number | null;
  issuedAt?: number;
  /** Present when the request asked to print: whether the ticket went to a printer (ticket-printer/). */
  print?: { queued: boolean; status?: { state: string } };
}

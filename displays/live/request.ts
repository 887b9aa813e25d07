// Fetch for the feature pages (booking, check-in, back office, clerk assist): the hall's API base, a bearer token
// when there is one, and the API's {error:{code,message}} surfaced as an error with that code.
export function apiBase(hall?: string): string {
  return hall ? `/api/halls/${encodeURIComponent(hall)}` : '/api';
}

export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function request<T = any>(path: string, opts: { hall?: string; method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(apiBase(opts.hall) + path, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const e = body?.error ?? {};
    throw new RequestError(res.status, e.code ?? 'http_error', e.message ?? res.statusText, e);
  }
  return body as T;
}

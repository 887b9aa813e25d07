// Which browser origins may talk to this server: its own (same-origin, always) and the ones listed
// in ALLOWED_ORIGINS. Shared by the Koa app (CORS and the CSRF check) and the socket.io gateway.

/** Parses `ALLOWED_ORIGINS` ("https://a.example, https://b.example:8443"); a malformed entry is a start error. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new Error(`ALLOWED_ORIGINS: "${entry}" is not an origin like https://hall.example.gov.cn`);
      }
      if (!['http:', 'https:'].includes(url.protocol) || url.origin !== entry.replace(/\/$/, ''))
        throw new Error(`ALLOWED_ORIGINS: "${entry}" must be scheme://host[:port] with no path, e.g. https://hall.example.gov.cn`);
      return url.origin;
    });
}

/**
 * Whether a request carrying this Origin header may go on: the page was served by this host
 * (compared by host and port; the scheme may differ behind a TLS proxy that does not say so), or
 * its origin is listed. `Origin: null` (sandboxed frames, file: pages) is never allowed.
 */
export function originAllowed(origin: string, requestHost: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return !!requestHost && (url.protocol === 'http:' || url.protocol === 'https:') && url.host === requestHost.toLowerCase();
}

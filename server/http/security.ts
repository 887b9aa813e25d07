// Security headers, CORS and the cross-site (CSRF) check, for every answer the app gives: pages,
// the API and the bundled scripts. app.ts uses it in one line, right after the error middleware
// (so a refusal here has the API's error shape and the headers are on error answers too).
//
// Content-Security-Policy: scripts only from this server (no inline script, no eval), styles from
// this server plus the exact <style> blocks of the page being sent (their sha256, computed from the
// answer itself, so a page shell cannot drift from its hash; nothing else inline), images from here
// or data: URLs, live connections to this host (socket.io over ws/wss) and ALLOWED_ORIGINS, and no
// framing by anyone (frame-ancestors 'none', X-Frame-Options DENY).
// helmet gives the other headers; its own CSP is off because our style hashes depend on the body.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import helmet from 'koa-helmet';
import { parseAllowedOrigins, originAllowed } from './origins.ts';

export interface SecurityOptions {
  /** Browser origins besides this server's own that may call the API and open live connections. */
  allowedOrigins: string[];
  /** Strict-Transport-Security max-age in seconds, sent on HTTPS requests only; undefined: no HSTS. */
  hstsMaxAge?: number;
  /** CARD_READER_PORT: the ID-card reader bridge on the kiosk's own PC (displays/card-reader/README.md) that pages may connect to. */
  cardReaderPort?: number;
}

/** ALLOWED_ORIGINS (comma-separated; unset: same-origin only) and HSTS_MAX_AGE (unset: no HSTS). */
export function securityOptionsFromEnv(env: Record<string, string | undefined>): SecurityOptions {
  const hsts = env.HSTS_MAX_AGE?.trim();
  if (hsts && !/^\d{1,9}$/.test(hsts)) throw new Error(`HSTS_MAX_AGE: "${hsts}" is not a number of seconds (e.g. 31536000 for a year)`);
  const reader = env.CARD_READER_PORT?.trim();
  if (reader && !(/^\d{1,5}$/.test(reader) && Number(reader) > 0 && Number(reader) < 65536)) throw new Error(`CARD_READER_PORT: "${reader}" is not a port (e.g. 47810)`);
  return { allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS), ...(hsts ? { hstsMaxAge: Number(hsts) } : {}), ...(reader ? { cardReaderPort: Number(reader) } : {}) };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CORS_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const CORS_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';

export function securityMiddleware(options: SecurityOptions): Middleware {
  const headers = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    // The ticket status page's URL carries the ticket id: never hand it to another site.
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  const styleHashes = new StyleHashes();
  const policies = new PoliciesByHost(connectSources(options));
  // helmet's headers with these options do not depend on the request: taken from it once and then
  // set directly (its dozen middlewares and a promise per request were ~1% of an issue's CPU).
  let helmetHeaders: [string, string][] | undefined;
  return async (ctx, next) => {
    // Read once: Koa parses the Host (or X-Forwarded-Host) header anew at every ctx.host.
    const host = ctx.host;
    const origin = ctx.get('origin');
    const allowed = !origin || originAllowed(origin, host, options.allowedOrigins);
    if (!allowed && STATE_CHANGING.has(ctx.method)) return refuseOrigin(ctx, origin);
    helmetHeaders ??= await headersOf(headers);
    for (const [name, value] of helmetHeaders) ctx.res.setHeader(name, value);
    ctx.remove('X-Powered-By');
    if (options.hstsMaxAge !== undefined && ctx.secure) ctx.set('Strict-Transport-Security', `max-age=${options.hstsMaxAge}; includeSubDomains`);
    if (origin && allowed && options.allowedOrigins.includes(origin)) {
      ctx.vary('Origin');
      ctx.set('Access-Control-Allow-Origin', origin);
      if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
        ctx.set('Access-Control-Allow-Methods', CORS_METHODS);
        ctx.set('Access-Control-Allow-Headers', CORS_HEADERS);
        ctx.set('Access-Control-Max-Age', '600');
        ctx.status = 204;
        return;
      }
    }
    ctx.res.setHeader('Content-Security-Policy', policies.of(host));
    await next();
    if (typeof ctx.body === 'string' && ctx.response.is('html'))
      ctx.set('Content-Security-Policy', contentSecurityPolicy(host, connectSources(options), styleHashes.of(ctx.body)));
  };
}

/** The headers a request-independent helmet middleware sets, in its order. */
async function headersOf(helmetMiddleware: Middleware): Promise<[string, string][]> {
  const set: [string, string][] = [];
  const res = { setHeader: (name: string, value: unknown) => void set.push([name, String(value)]), removeHeader: () => {} };
  await helmetMiddleware({ req: {}, res } as unknown as Context, async () => {});
  return set;
}

/** The policy without style hashes (every answer but a page's) per Host, made once per host. */
class PoliciesByHost {
  private readonly byHost = new Map<string, string>();
  constructor(private readonly connect: string[]) {}

  of(host: string): string {
    let policy = this.byHost.get(host);
    if (policy === undefined) {
      policy = contentSecurityPolicy(host, this.connect, []);
      // Host comes from the client: keep the map small whatever it sends.
      if (this.byHost.size > 100) this.byHost.clear();
      this.byHost.set(host, policy);
    }
    return policy;
  }
}

function refuseOrigin(ctx: Context, origin: string) {
  ctx.status = 403;
  ctx.body = { error: { code: 'origin_not_allowed', message: `requests from ${origin} are not accepted here; list it in ALLOWED_ORIGINS if it is yours` } };
}

/** Where pages may connect besides this server: the allowed origins and the card reader's bridge on localhost. */
function connectSources(options: SecurityOptions): string[] {
  return options.cardReaderPort ? [...options.allowedOrigins, `ws://127.0.0.1:${options.cardReaderPort}`] : options.allowedOrigins;
}

/** The policy for one answer; `styles` are the sha256 sources of the page's own <style> blocks. */
export function contentSecurityPolicy(host: string, allowedOrigins: readonly string[], styles: readonly string[]): string {
  const live = host ? [`ws://${host}`, `wss://${host}`] : [];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", ...styles]],
    ['img-src', ["'self'", 'data:']],
    ['media-src', ["'self'"]],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...live, ...allowedOrigins]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** sha256 sources of the <style> blocks of a page, remembered per distinct page text (shells are few). */
class StyleHashes {
  private readonly byBlock = new Map<string, string>();

  of(html: string): string[] {
    const out: string[] = [];
    for (const m of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
      const css = m[1]!;
      let hash = this.byBlock.get(css);
      if (!hash) {
        hash = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
        if (this.byBlock.size > 200) this.byBlock.clear();
        this.byBlock.set(css, hash);
      }
      if (!out.includes(hash)) out.push(hash);
    }
    return out;
  }
}

/** Whether the request carries `Authorization: Bearer <secret>`, compared in constant time. */
export function bearerMatches(ctx: Context, secret: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  if (!match) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(match[1]!), digest(secret));
}

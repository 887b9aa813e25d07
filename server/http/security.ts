// Security headers, CORS and the cross-site (CSRF) check, for every answer the app gives: pages,
// the API and the bundled scripts. app.ts's front middleware runs it inside the error answer (so a
// refusal here has the API's error shape and the headers are on error answers too).
// koa-helmet's X-Powered-By removal is left out: neither Node nor Koa sets that header.
//
// Content-Security-Policy: scripts only from this server (no inline script, no eval), styles from
// this server plus the exact <style> blocks of the page being sent (their sha256, computed from the
// answer itself, so a page shell cannot drift from its hash; nothing else inline), images from here
// or data: URLs, live connections to this host (socket.io over ws/wss) and ALLOWED_ORIGINS, and no
// framing by anyone (frame-ancestors 'none', X-Frame-Options DENY).
// helmet gives the other headers; its own CSP is off because our style hashes depend on the body.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import helmet from 'koa-helmet';
import { parseAllowedOrigins, originAllowed } from './origins.ts';
import { headerLine, presetHeaders } from './preset-headers.ts';

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

/**
 * The security headers and the origin check of every request, run by the app's front middleware
 * (app.ts): admit() before the routes, page() after them. The headers that do not depend on the
 * answer go out as one block of lines with the request id (preset-headers.ts).
 */
export class SecurityHeaders {
  /** helmet's header lines: with these options they do not depend on the request, so they are taken once. */
  private readonly constant: string;
  private readonly hsts: string;
  private readonly styleHashes = new StyleHashes();
  private readonly policies: PoliciesByHost;
  private readonly connect: string[];

  constructor(private readonly options: SecurityOptions) {
    this.constant = helmetHeaders()
      .map(([name, value]) => headerLine(name, value))
      .join('');
    this.hsts = options.hstsMaxAge === undefined ? '' : headerLine('Strict-Transport-Security', `max-age=${options.hstsMaxAge}; includeSubDomains`);
    this.connect = connectSources(options);
    this.policies = new PoliciesByHost(this.connect);
  }

  /**
   * Gives the answer its request id (`id`: the X-Request-Id header line, RequestState.idLine) and
   * the headers every answer carries, and checks the caller's origin; false when the request is
   * answered here (a state change from a foreign origin: 403, with the id only; a CORS preflight:
   * 204, without a policy).
   */
  admit(ctx: Context, id: string): boolean {
    presetHeaders(ctx.res, id);
    const host = hostOf(ctx);
    const origin = ctx.req.headers.origin;
    const allowed = !origin || originAllowed(origin, host, this.options.allowedOrigins);
    if (!allowed && STATE_CHANGING.has(ctx.method)) return refuseOrigin(ctx, origin!);
    const lines = id + this.constant + (this.hsts && ctx.secure ? this.hsts : '');
    if (origin && allowed && this.options.allowedOrigins.includes(origin) && crossOrigin(ctx, origin)) {
      presetHeaders(ctx.res, lines);
      return false;
    }
    presetHeaders(ctx.res, lines + this.policies.of(host));
    return true;
  }

  /** A page's policy, with the hashes of its own <style> blocks. */
  page(ctx: Context, id: string): void {
    if (typeof ctx.body === 'string' && ctx.response.is('html')) {
      const policy = contentSecurityPolicy(hostOf(ctx), this.connect, this.styleHashes.of(ctx.body));
      const lines = id + this.constant + (this.hsts && ctx.secure ? this.hsts : '');
      presetHeaders(ctx.res, lines + headerLine('Content-Security-Policy', policy));
    }
  }
}

/** CORS for a listed origin; true when the request was a preflight, answered here. */
function crossOrigin(ctx: Context, origin: string): boolean {
  ctx.vary('Origin');
  ctx.set('Access-Control-Allow-Origin', origin);
  if (ctx.method !== 'OPTIONS' || !ctx.get('access-control-request-method')) return false;
  ctx.set('Access-Control-Allow-Methods', CORS_METHODS);
  ctx.set('Access-Control-Allow-Headers', CORS_HEADERS);
  ctx.set('Access-Control-Max-Age', '600');
  ctx.status = 204;
  return true;
}

/**
 * The request's host as Koa's ctx.host gives it (behind a proxy X-Forwarded-Host first; the first of
 * comma-separated values), read straight from the headers: Koa's getter splits and maps an array
 * each time. Pages and policies are per host.
 */
function hostOf(ctx: Context): string {
  const headers = ctx.req.headers;
  let host: string | undefined = (ctx.app.proxy && (headers['x-forwarded-host'] as string | undefined)) || undefined;
  if (!host && ctx.req.httpVersionMajor >= 2) host = headers[':authority'] as string | undefined;
  if (!host) host = headers.host;
  if (!host) return '';
  const comma = host.indexOf(',');
  return (comma < 0 ? host : host.slice(0, comma)).trim();
}

/**
 * The headers helmet sets with our options, in its order. helmet sets them synchronously when its
 * middleware is called (koa-helmet only wraps it in a promise); checked here so a version that does
 * not fails at start rather than leaving answers without them.
 */
function helmetHeaders(): [string, string][] {
  const middleware = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    // The ticket status page's URL carries the ticket id: never hand it to another site.
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  const set: [string, string][] = [];
  const res = { setHeader: (name: string, value: unknown) => void set.push([name, String(value)]), removeHeader: () => {} };
  const done = middleware({ req: {}, res } as unknown as Context, async () => {});
  void Promise.resolve(done).catch(() => {});
  if (!set.some(([name]) => name.toLowerCase() === 'x-frame-options')) throw new Error('koa-helmet set no headers synchronously: security.ts must take them another way');
  return set;
}

/** The policy line without style hashes (every answer but a page's) per Host, made once per host. */
class PoliciesByHost {
  private readonly byHost = new Map<string, string>();
  constructor(private readonly connect: string[]) {}

  of(host: string): string {
    let policy = this.byHost.get(host);
    if (policy === undefined) {
      policy = headerLine('Content-Security-Policy', contentSecurityPolicy(host, this.connect, []));
      // Host comes from the client: keep the map small whatever it sends.
      if (this.byHost.size > 100) this.byHost.clear();
      this.byHost.set(host, policy);
    }
    return policy;
  }
}

function refuseOrigin(ctx: Context, origin: string): false {
  ctx.status = 403;
  ctx.body = { error: { code: 'origin_not_allowed', message: `requests from ${origin} are not accepted here; list it in ALLOWED_ORIGINS if it is yours` } };
  return false;
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

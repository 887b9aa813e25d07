// Request ids and the access log. Every request gets an id — the caller's X-Request-Id when it is a
// sane token (a proxy's or a client's own), else a new one — returned in the X-Request-Id response
// header and carried as `reqId` by every line logged for the request (ctx.state.log), the error
// middleware's included, so a user's report and the log meet.
// Only method, URL (personal query values masked), status and time are logged: never headers or bodies.
//
// Written here rather than with pino-http: that built two child loggers (their bindings redacted) and
// three response listeners for every request, ~10% of a small request's CPU, also when the level
// drops the access line. Here the request's logger is built on first use (most requests log nothing
// but the access line) and the access line is written only when its level is on.
import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { loggableUrl, type Logger } from '../log.ts';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id if it is safe to echo and log, else a fresh one. */
export function requestIdFor(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && SANE_ID.test(given) ? given : freshRequestId();
}

/**
 * Fresh ids in a UUID's shape: a random UUID made at start with its last 12 hex digits a counter.
 * Unique within the process, and across processes by the random part; an id only ties log lines
 * to an answer, it guards nothing. (randomUUID() per request built its text from 20 small strings.)
 */
const idBase = randomUUID().slice(0, 24);
let idCount = 0;
function freshRequestId(): string {
  idCount = (idCount + 1) % 0x1000000000000;
  return idBase + idCount.toString(16).padStart(12, '0');
}

declare module 'koa' {
  interface DefaultState {
    /** The request's logger: the server's, with `reqId`. */
    log?: Logger;
    requestId?: string;
  }
}

/** A request's ctx.state: its id, and its logger made when a handler first logs. */
export class RequestState {
  private own: Logger | undefined;
  /** When the request came (its access line's responseTime). */
  readonly started = Date.now();
  constructor(
    private readonly server: Logger,
    readonly requestId: string,
  ) {}

  /**
   * The X-Request-Id header line of the answer. The id is a caller's that matched SANE_ID or one
   * made here, a valid header value either way: no validation (Node's two header checks were a
   * third of the security headers' cost a request).
   */
  get idLine(): string {
    return 'X-Request-Id: ' + this.requestId + '\r\n';
  }

  get log(): Logger {
    return (this.own ??= this.server.child({ reqId: this.requestId }));
  }

  set log(log: Logger) {
    this.own = log;
  }
}

/**
 * The request's id and access line, begun and ended by the app's front middleware (app.ts) around
 * everything else, so the line has the status the error answer left.
 */
export class RequestLog {
  // The access line holds only method, masked URL, status and time, nothing `redact` could remove;
  // redacting it anyway (the wildcard paths walk every object in a line) cost 5× writing it.
  private readonly access: Logger;

  constructor(private readonly log: Logger) {
    this.access = log.child({}, { redact: [] });
  }

  /** Gives the request its id (ctx.state.requestId; security.ts puts it in X-Request-Id) and logger. */
  begin(ctx: Context): RequestState {
    const id = requestIdFor(ctx.req.headers['x-request-id']);
    return (ctx.state = new RequestState(this.log, id));
  }

  end(ctx: Context, request: RequestState): void {
    // A probe's 503 is its answer (the node is not ready), not a failure: a load balancer asks every
    // few seconds, and the change of state is logged once (readiness.ts).
    const failed = ctx.status >= 500 && !PROBES.has(ctx.path);
    accessLine(this.access, request.requestId, ctx.method, ctx.originalUrl, ctx.status, request.started, failed);
  }
}

const PROBES = new Set(['/healthz', '/readyz']);

/**
 * The request's one access line, logged once its status is final (the error middleware, inside this
 * one, has answered any failure). A failed request's (a 5xx but a probe's) is a warning; the fault
 * itself (with its stack) is logged once, by the error middleware, at the level it decides.
 */
function accessLine(log: Logger, reqId: string, method: string, url: string, statusCode: number, started: number, failed: boolean): void {
  if (!log.isLevelEnabled(failed ? 'warn' : 'info')) return;
  const line = { reqId, req: { method, url: loggableUrl(url) }, res: { statusCode }, responseTime: Date.now() - started };
  if (failed) log.warn(line, 'request failed');
  else log.info(line, 'request completed');
}

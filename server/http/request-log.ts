// Request ids and the access log, through pino-http. Every request gets an id — the caller's
// X-Request-Id when it is a sane token (a proxy's or a client's own), else a new one — returned in the
// X-Request-Id response header and carried as `reqId` by every line logged for the request
// (ctx.state.log), the error middleware's included, so a user's report and the log meet.
// Only method, URL (personal query values masked), status and time are logged: never headers or bodies.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import { pinoHttp } from 'pino-http';
import { loggableUrl, type Logger } from '../log.ts';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id if it is safe to echo and log, else a fresh one. */
export function requestIdFor(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && SANE_ID.test(given) ? given : randomUUID();
}

declare module 'koa' {
  interface DefaultState {
    /** The request's logger: the server's, with `reqId`. */
    log?: Logger;
    requestId?: string;
  }
}

export function requestLogMiddleware(log: Logger): Middleware {
  const httpLog = pinoHttp({
    logger: log,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'reqId' },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdFor(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: loggableUrl(req.url ?? '') }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // The access line of a failed request is a warning; the fault itself (with its stack) is logged
    // once, by the error middleware, at the level it decides.
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'warn' : 'info'),
    customErrorObject: (_req, res, err, obj) => ({ res: obj.res, responseTime: obj.responseTime, ...(res.statusCode < 500 ? { err } : {}) }),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: (_req, res) => (res.statusCode >= 500 ? 'request failed' : 'request errored'),
  });
  return async (ctx, next) => {
    httpLog(ctx.req, ctx.res);
    ctx.state.log = ctx.req.log;
    ctx.state.requestId = String(ctx.req.id);
    await next();
  };
}

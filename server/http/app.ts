// The Koa application: one front middleware (the request id and access log, the error answer, the
// security headers and origin check), then the routers. Hall routes are mounted twice: under /api
// for the default hall and under /api/halls/:hall for any hall. The routers are served as one table
// (route-table.ts).
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import type { Contribution } from '../feature.ts';
import type { AppDeps, RouteModule } from './context.ts';
import { answerError, checkApiAnswer } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import type { Logger } from '../log.ts';
import type { Admission } from './admission.ts';
import { RequestLog } from './request-log.ts';
import { rememberContentTypes } from './content-types.ts';
import { cheapResponseSetters } from './response-setters.ts';
import { directContextAccessors } from './context-accessors.ts';
import { routeTable } from './route-table.ts';
import { healthRoutes } from './routes/health.ts';
import { SecurityHeaders, type SecurityOptions } from './security.ts';
import { hallListRoutes, hallRoutes } from './routes/hall.ts';
import { queueRoutes } from './routes/queue.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { windowRoutes } from './routes/windows.ts';
import { whoamiRoutes } from './routes/whoami.ts';

/** What the features add to the app, merged over all of them (server/start-features.ts). */
export type AppExtensions = Pick<Contribution, 'hallRoutes' | 'rootRoutes' | 'health' | 'openApiPaths'>;

const CORE_HALL_ROUTES: RouteModule[] = [hallRoutes, queueRoutes, ticketRoutes, windowRoutes, whoamiRoutes];

export function createApp(deps: AppDeps, ext: AppExtensions = {}, security: SecurityOptions = { allowedOrigins: [] }): Koa {
  const app = new Koa({ proxy: true });
  rememberContentTypes(app);
  cheapResponseSetters(app);
  directContextAccessors(app);
  app.use(frontMiddleware(deps.log, security, deps.admission));
  app.on('error', (err: Error & { code?: string }) => logResponseError(deps.log, err));

  const root = new Router();
  healthRoutes(root, deps, ext.health);
  const openApi = openApiDocument(ext.openApiPaths);
  root.get('/api/openapi.json', (ctx) => {
    ctx.body = openApi;
  });
  for (const mod of ext.rootRoutes ?? []) mod(root, deps);

  const modules = [...CORE_HALL_ROUTES, ...(ext.hallRoutes ?? [])];
  const hallRouters = ['/api', '/api/halls/:hall'].map((prefix) => {
    const router = new Router({ prefix });
    for (const mod of modules) mod(router, deps);
    if (prefix === '/api') hallListRoutes(router, deps);
    return router;
  });
  app.use(routeTable([root, ...hallRouters]));
  return app;
}

/**
 * What every request crosses first, in this order: the overload check (admission.ts: an overloaded
 * node refuses before a request costs anything, with no access line: shed-log.ts counts it), then
 * its id and access line (request-log.ts) around
 * the error answer (errors.ts: anything thrown becomes `{ error: { code, message } }`) around the
 * security headers and origin check (security.ts: a refusal has the API's error shape, and error
 * answers carry the headers). One middleware rather than four: each layer of Koa's chain is
 * another promise and bound function per request.
 */
function frontMiddleware(log: Logger, options: SecurityOptions, admission: Admission | undefined): Middleware {
  const requests = new RequestLog(log);
  const security = new SecurityHeaders(options);
  return async (ctx, next) => {
    if (admission?.turnedAway(ctx)) return;
    const request = requests.begin(ctx);
    try {
      if (security.admit(ctx, request.idLine)) {
        await next();
        security.page(ctx, request.idLine);
      }
      checkApiAnswer(ctx);
    } catch (err) {
      answerError(ctx, err, log);
    } finally {
      requests.end(ctx, request);
    }
  };
}

/** Codes of a client that went away while its request or answer was on the wire. */
const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * What Koa reports after the front middleware is done: the answer's stream or socket failed. A
 * client hanging up (mid-body: Node's parser then reports the half request) is its own doing and
 * noted at debug level; anything else is a warning. Without this Koa prints the stack to stderr.
 */
function logResponseError(log: Logger, err: Error & { code?: string }): void {
  const gone = err.code !== undefined && (CLIENT_GONE.has(err.code) || err.code.startsWith('HPE_'));
  if (gone) log.debug({ code: err.code }, `the client went away: ${err.message}`);
  else log.warn({ err }, 'the answer could not be sent');
}

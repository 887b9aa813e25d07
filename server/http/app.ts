// The Koa application: the request id and access log, one error middleware, the security headers
// and origin check (security.ts), then the routers. Hall routes are mounted twice: under /api for
// the default hall and under /api/halls/:hall for any hall. Each router matches a request only
// against the routes its path can reach (route-table.ts).
import Router from '@koa/router';
import Koa from 'koa';
import type { Contribution } from '../feature.ts';
import type { AppDeps, RouteModule } from './context.ts';
import { errorMiddleware } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { requestLogMiddleware } from './request-log.ts';
import { routeTable } from './route-table.ts';
import { healthRoutes } from './routes/health.ts';
import { securityMiddleware, type SecurityOptions } from './security.ts';
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
  app.use(requestLogMiddleware(deps.log));
  app.use(errorMiddleware(deps.log));
  app.use(securityMiddleware(security));

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

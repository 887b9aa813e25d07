// The Koa application: one error middleware first, then the API routers. Hall routes are mounted
// twice: under /api for the default hall and under /api/halls/:hall for any hall.
import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps, RouteModule } from './context.ts';
import { errorMiddleware } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { hallListRoutes, hallRoutes } from './routes/hall.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { windowRoutes } from './routes/windows.ts';

export interface AppExtensions {
  /** More hall-scoped API routes (metrics, voice, printers, ...), mounted like the core ones. */
  hallRoutes?: RouteModule[];
  /** Routes outside the hall API: pages, /metrics, static files. */
  rootRoutes?: RouteModule[];
  /** Extra fields for /healthz (printer queues, ...). */
  health?: (() => Record<string, unknown>)[];
}

const CORE_HALL_ROUTES: RouteModule[] = [hallRoutes, ticketRoutes, windowRoutes];

export function createApp(deps: AppDeps, ext: AppExtensions = {}): Koa {
  const app = new Koa({ proxy: true });
  app.use(errorMiddleware());

  const root = new Router();
  root.get('/healthz', async (ctx) => {
    let store: 'ok' | 'unavailable' = 'ok';
    try {
      await deps.registry.store.lastSeq(deps.registry.defaultHallId);
    } catch {
      store = 'unavailable';
    }
    const extra = Object.assign({}, ...(ext.health ?? []).map((h) => h()));
    ctx.status = store === 'ok' ? 200 : 503;
    ctx.body = { status: store === 'ok' ? 'ok' : 'degraded', store, halls: deps.registry.all().map((e) => e.hallId), ...extra };
  });
  root.get('/api/openapi.json', (ctx) => {
    ctx.body = openApiDocument();
  });
  for (const mod of ext.rootRoutes ?? []) mod(root, deps);
  app.use(root.routes()).use(root.allowedMethods());

  const modules = [...CORE_HALL_ROUTES, ...(ext.hallRoutes ?? [])];
  for (const prefix of ['/api', '/api/halls/:hall']) {
    const router = new Router({ prefix });
    for (const mod of modules) mod(router, deps);
    if (prefix === '/api') hallListRoutes(router, deps);
    app.use(router.routes()).use(router.allowedMethods());
  }
  return app;
}

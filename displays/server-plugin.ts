// The pages plug-in: serves every page of a hall and the bundled script. Pages are small HTML
// shells around one lit element; the script is built with esbuild when the server starts
// (in the background) and kept in memory, so `npm start` needs no build step.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { HallConfig } from '../server/domain/types.ts';
import type { AppDeps } from '../server/http/context.ts';
import type { Feature } from '../server/feature.ts';
import { displayBundle } from './build.ts';
import { sendBundle, warm } from './bundle.ts';
import { indexHtml, pageHtml, type PageSpec } from './pages/shell.ts';

type PageFor = (hall: HallConfig, params: Record<string, string>, query: URLSearchParams) => PageSpec | undefined;

const PAGES: Record<string, PageFor> = {
  '/wall': (hall) => ({ title: `综合屏 · ${hall.name.zh}`, tag: 'ow-wall', attrs: {}, kind: 'display' }),
  '/window/:id': (hall, p, q) =>
    hall.windows.some((w) => w.id === p.id)
      ? { title: `${p.id}号窗口屏`, tag: 'ow-window-led', attrs: { window: p.id!, w: q.get('w') ?? '', h: q.get('h') ?? '' }, kind: 'led' }
      : undefined,
  '/triage': (hall) => ({ title: `咨询台 · ${hall.name.zh}`, tag: 'ow-triage', attrs: {}, kind: 'console' }),
  '/clerk/:windowId': (hall, p) =>
    hall.windows.some((w) => w.id === p.windowId)
      ? { title: `${p.windowId}号窗口 · 叫号`, tag: 'ow-clerk', attrs: { window: p.windowId! }, kind: 'console' }
      : undefined,
  '/admin/staff': (hall) => ({ title: `人员与设备 · ${hall.name.zh}`, tag: 'ow-staff-admin', attrs: {}, kind: 'console' }),
  '/kiosk': (hall) => ({ title: `自助取号 · ${hall.name.zh}`, tag: 'ow-kiosk', attrs: {}, kind: 'kiosk' }),
  '/t/:ticketId': (_hall, p) =>
    /^[A-Za-z0-9_-]{1,40}$/.test(p.ticketId ?? '')
      ? { title: '我的排号 · My ticket', tag: 'ow-ticket-status', attrs: { ticket: p.ticketId! }, kind: 'phone' }
      : undefined,
};

function notFoundPage(ctx: Context, what: string) {
  ctx.status = 404;
  ctx.type = 'html';
  ctx.body = `<!doctype html><meta charset="utf-8"><title>404</title><p>找不到 ${what} / not found</p><p><a href="/">返回首页 / home</a></p>`;
}

function pageRoutes(router: Router, deps: AppDeps) {
  const hallFor = (ctx: Context) => {
    const id = (ctx.params as Record<string, string>).hall ?? (ctx.query.hall as string | undefined) ?? deps.registry.defaultHallId;
    return deps.registry.get(id);
  };

  router.get('/assets/app.js', async (ctx) => {
    sendBundle(ctx, await displayBundle(), '\n//# sourceMappingURL=/assets/app.js.map\n');
  });
  // Browsers ask for it on every page; an empty answer keeps the console clean.
  router.get('/favicon.ico', (ctx) => {
    ctx.status = 204;
  });
  router.get('/assets/app.js.map', async (ctx) => {
    ctx.type = 'application/json';
    ctx.body = (await displayBundle()).map;
  });

  for (const prefix of ['', '/halls/:hall']) {
    router.get(prefix || '/', (ctx) => {
      const engine = hallFor(ctx);
      if (!engine) return notFoundPage(ctx, 'hall');
      const explicit = prefix ? engine.hallId : (ctx.query.hall as string | undefined);
      ctx.type = 'html';
      ctx.body = indexHtml(engine.hall, explicit, deps.registry.all().map((e) => ({ id: e.hallId, name: e.hall.name })));
    });
    for (const [path, spec] of Object.entries(PAGES)) {
      router.get(prefix + path, (ctx) => {
        const engine = hallFor(ctx);
        if (!engine) return notFoundPage(ctx, 'hall');
        const page = spec(engine.hall, ctx.params as Record<string, string>, new URLSearchParams(ctx.querystring));
        if (!page) return notFoundPage(ctx, 'page');
        // Only an explicit hall goes to the page; without one it follows the deployment's default hall.
        const explicit = prefix ? engine.hallId : (ctx.query.hall as string | undefined);
        if (explicit) page.attrs.hall = explicit;
        ctx.type = 'html';
        ctx.set('cache-control', 'no-cache');
        ctx.body = pageHtml(page);
      });
    }
  }
}

/** The pages plug-in for startServer / defaultPlugins. */
export function pagesPlugin(): Feature {
  return {
    name: 'pages',
    start: ({ log }) => {
      // Build now, in the background, so the first page load does not wait for esbuild.
      warm(log, 'displays', displayBundle);
      return {
        rootRoutes: [pageRoutes],
        health: [() => ({ pages: 'ok' })],
      };
    },
  };
}

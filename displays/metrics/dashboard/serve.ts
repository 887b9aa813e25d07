// Serves the manager's dashboard: /dashboard (a small HTML shell) and /dashboard/app.js.
// The page holds no data: it asks for the admin token and then reads the API and the
// admin-only /metrics socket.io namespace.
import type Router from '@koa/router';
import type { AppDeps } from '../../../server/http/context.ts';
import { sendBundle, warm } from '../../bundle.ts';
import { dashboardBundle } from './build.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function dashboardHtml(hallId: string, title: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
html,body{margin:0;background:#eef2f7;color:#0f1b2d;font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
</style>
<script type="module" src="/dashboard/app.js"></script>
</head>
<body><ow-dashboard hall="${esc(hallId)}"></ow-dashboard></body>
</html>
`;
}

export function dashboardRoutes(router: Router, deps: AppDeps) {
  // Routes are added at start: build now, in the background, so the first load does not wait.
  warm(deps.log, 'dashboard', dashboardBundle);
  router.get('/dashboard', (ctx) => {
    const id = (ctx.query.hall as string | undefined) ?? deps.registry.defaultHallId;
    const engine = deps.registry.get(id);
    if (!engine) {
      ctx.status = 404;
      ctx.body = 'unknown hall';
      return;
    }
    ctx.type = 'html';
    ctx.set('cache-control', 'no-cache');
    ctx.body = dashboardHtml(engine.hallId, `零等待看板 · ${engine.hall.name.zh}`);
  });
  router.get('/dashboard/app.js', async (ctx) => {
    sendBundle(ctx, await dashboardBundle());
  });
}

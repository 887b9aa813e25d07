// The hall-services pages (/book for visitors, /check-in at the kiosk or desk, /backoffice for
// approvers, /clerk-assist/:window): HTML shells around one lit element each, and one script bundled
// by the shared helper (displays/bundle.ts) at start and kept in memory — a separate bundle from the
// displays' so neither build waits on the other.
import type Router from '@koa/router';
import { bundle, warm } from '../bundle.ts';
import type { AppDeps } from '../../server/http/context.ts';

/** The hall-services script (displays/hall-services/entry.ts), built once per process by the shared helper. */
export function hallServicesBundle(): Promise<string> {
  return bundle({ entry: 'displays/appointments/entry.ts', outfile: 'hall-services.js' }).then((b) => b.js);
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function shell(title: string, tag: string, hall?: string, attrs: Record<string, string> = {}) {
  const attr = (hall ? ` hall="${esc(hall)}"` : '') + Object.entries(attrs).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>body{margin:0;background:#f6f8fa}</style></head>
<body><${tag}${attr}></${tag}><script type="module" src="/assets/hall-services.js"></script></body></html>`;
}

export function pageRoutes(router: Router, deps: AppDeps) {
  // Routes are added at start: build now, in the background, so the first load does not wait.
  warm(deps.log, 'hall-services pages', hallServicesBundle);
  router.get('/assets/hall-services.js', async (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.set('cache-control', 'no-cache');
    ctx.body = await hallServicesBundle();
  });
  for (const [path, title, tag] of [
    ['/book', '预约办事 · Book', 'ow-book'],
    ['/backoffice', '后台审批 · Back office', 'ow-backoffice'],
    ['/check-in', '预约签到 · Check-in', 'ow-check-in'],
  ] as const) {
    for (const prefix of ['', '/halls/:hall']) {
      router.get(prefix + path, (ctx) => {
        const hall = (ctx.params as Record<string, string>).hall;
        if (hall && !deps.registry.get(hall)) {
          ctx.status = 404;
          ctx.body = 'no such hall';
          return;
        }
        ctx.type = 'html';
        ctx.body = shell(title, tag, hall);
      });
    }
  }
  for (const prefix of ['', '/halls/:hall']) {
    router.get(`${prefix}/clerk-assist/:window`, (ctx) => {
      const params = ctx.params as Record<string, string>;
      const engine = deps.registry.get(params.hall ?? deps.registry.defaultHallId);
      if (!engine || !engine.hall.windows.some((w) => w.id === params.window)) {
        ctx.status = 404;
        ctx.body = 'no such hall or window';
        return;
      }
      ctx.type = 'html';
      ctx.body = shell(`${params.window}号窗口 · 一键呼叫`, 'ow-clerk-assist', params.hall, { window: params.window! });
    });
  }
}

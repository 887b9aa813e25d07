// The rating device page, /rate/<window> (a tablet facing the visitor at that window), and its
// script (displays/ratings/entry.ts, bundled at start by the shared helper and kept in memory).
import type Router from '@koa/router';
import { bundle, sendBundle, warm } from '../../displays/bundle.ts';
import type { AppDeps } from '../http/context.ts';

export function ratingsBundle() {
  return bundle({ entry: 'displays/ratings/entry.ts', outfile: 'ratings.js' });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function shell(title: string, attrs: Record<string, string>) {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1, user-scalable=no">
<title>${esc(title)}</title><style>html,body{margin:0;height:100%;background:#f3f5f9;font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}</style></head>
<body><ow-rating-device${a}></ow-rating-device><script type="module" src="/assets/ratings.js"></script></body></html>`;
}

export function ratingPageRoutes(router: Router, deps: AppDeps) {
  warm(deps.log, 'ratings', ratingsBundle);
  router.get('/assets/ratings.js', async (ctx) => {
    sendBundle(ctx, await ratingsBundle());
  });
  for (const prefix of ['', '/halls/:hall']) {
    router.get(`${prefix}/rate/:window`, (ctx) => {
      const params = ctx.params as Record<string, string>;
      const engine = deps.registry.get(params.hall ?? deps.registry.defaultHallId);
      const w = engine?.hall.windows.find((x) => x.id === params.window);
      if (!engine || !w) {
        ctx.status = 404;
        ctx.body = 'no such hall or window';
        return;
      }
      ctx.type = 'html';
      ctx.set('cache-control', 'no-cache');
      ctx.body = shell(`${w.number}号窗口 · 服务评价`, { window: w.id, ...(params.hall ? { hall: params.hall } : {}) });
    });
  }
}

// How a feature serves its own pages: HTML shells around one lit element each, and one script per
// feature (its displays/<feature>/entry.ts) bundled by the shared helper (displays/bundle.ts) at
// start and kept in memory — a bundle apart from the hall pages' (displays/build.ts), so neither
// build waits on the other and a wall screen never loads a feature's code.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { HallEngine } from '../server/engine/hall-engine.ts';
import type { AppDeps } from '../server/http/context.ts';
import type { Feature } from '../server/feature.ts';
import { bundle, warm } from './bundle.ts';

/** One page: its path (under / and /halls/:hall), and the element it shows — or undefined for a 404. */
export interface FeaturePage {
  path: string;
  /** The 404 text for an unknown hall or when `shell` returns undefined ('no such hall' by default). */
  notFound?: string;
  shell(params: Record<string, string>, engine: HallEngine): { title: string; tag: string; attrs?: Record<string, string> } | undefined;
}

export interface FeaturePagesSpec {
  /** The plug-in's name, e.g. 'appointment-pages'. */
  name: string;
  /** The bundle's entry, relative to the repository root. */
  entry: string;
  /** The script's name under /assets/, e.g. 'appointments.js'. */
  script: string;
  pages: FeaturePage[];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function featurePageHtml(title: string, tag: string, script: string, hall?: string, attrs: Record<string, string> = {}): string {
  const attr = (hall ? ` hall="${esc(hall)}"` : '') + Object.entries(attrs).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>body{margin:0;background:#f6f8fa}</style></head>
<body><${tag}${attr}></${tag}><script type="module" src="/assets/${script}"></script></body></html>`;
}

function routesFor(spec: FeaturePagesSpec, script: () => Promise<string>) {
  return (router: Router, deps: AppDeps) => {
    router.get(`/assets/${spec.script}`, async (ctx) => {
      ctx.type = 'application/javascript; charset=utf-8';
      ctx.set('cache-control', 'no-cache');
      ctx.body = await script();
    });
    for (const page of spec.pages) {
      for (const prefix of ['', '/halls/:hall']) {
        router.get(prefix + page.path, (ctx: Context) => {
          const params = ctx.params as Record<string, string>;
          const engine = deps.registry.get(params.hall ?? deps.registry.defaultHallId);
          const shell = engine && page.shell(params, engine);
          if (!engine || !shell) {
            ctx.status = 404;
            ctx.body = page.notFound ?? 'no such hall';
            return;
          }
          ctx.type = 'html';
          ctx.body = featurePageHtml(shell.title, shell.tag, spec.script, params.hall, shell.attrs);
        });
      }
    }
  };
}

/** A feature's pages as a plug-in: its routes, and its bundle built in the background at start. */
export function featurePagesPlugin(spec: FeaturePagesSpec): Feature {
  const script = () => bundle({ entry: spec.entry, outfile: spec.script }).then((b) => b.js);
  return {
    name: spec.name,
    start: ({ log }) => {
      // Build now, in the background, so the first load does not wait.
      warm(log, spec.name, script);
      return { rootRoutes: [routesFor(spec, script)] };
    },
  };
}

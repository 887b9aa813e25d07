// /api/kb: read an entry, list them, search (Chinese too), and the admin's edit that writes the file.
import type Router from '@koa/router';
import { z } from 'zod';
import { readJson } from '../http/body.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { parse } from '../http/validate.ts';
import { KbError, type KnowledgeBase } from './knowledge-base.ts';

const query = z.string().trim().min(1, 'q: give a search text').max(100);
const limit = z.coerce.number().int().min(1).max(50).default(10);
const serviceParam = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'not a valid service id');

export function kbRoutes(kb: KnowledgeBase) {
  return (router: Router, deps: AppDeps) => {
    router.get('/kb', (ctx) => {
      const engine = hallOf(ctx, deps);
      const ids = new Set(engine.hall.services.map((s) => s.id));
      ctx.body = { entries: kb.list().filter((e) => ids.has(e.service)).map((e) => ({ service: e.service, title: e.title })) };
    });

    router.get('/kb/search', (ctx) => {
      const engine = hallOf(ctx, deps);
      const q = parse(query, ctx.query.q);
      const ids = new Set(engine.hall.services.map((s) => s.id));
      const hits = kb.search(q, 50).filter((h) => ids.has(h.service)).slice(0, parse(limit, ctx.query.limit));
      ctx.body = { q, results: hits.map((h) => ({ ...h, title: kb.get(h.service)!.title })) };
    });

    router.get('/kb/:serviceId', (ctx) => {
      const engine = hallOf(ctx, deps);
      const id = parse(serviceParam, ctx.params.serviceId);
      const entry = engine.hall.services.some((s) => s.id === id) ? kb.get(id) : undefined;
      if (!entry) throw notFound('unknown_kb_entry', `no knowledge-base entry for service "${id}"`);
      ctx.body = entry;
    });

    router.put('/kb/:serviceId', async (ctx) => {
      const engine = hallOf(ctx, deps);
      deps.auth.require(ctx, engine.hallId, ['admin']);
      const id = parse(serviceParam, ctx.params.serviceId);
      if (!engine.hall.services.some((s) => s.id === id)) throw notFound('unknown_service', `no service "${id}"`);
      const body = await readJson(ctx, 64 * 1024);
      try {
        ctx.body = kb.put(id, body);
      } catch (err) {
        if (err instanceof KbError) throw badRequest('invalid_kb_entry', err.message);
        throw err;
      }
    });
  };
}

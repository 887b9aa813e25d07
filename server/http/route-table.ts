// A router's routes grouped by the path segment that tells them apart, so a request is matched
// against a handful of routes instead of all of them. The app has ~200 routes on three routers (the
// root's pages and API routes, the hall routes under /api and again under /api/halls/:hall), and
// @koa/router tests every route's regular expression against every path: 216 tests before a ticket
// was issued, ~5% of a small request's CPU.
//
// The routes stay those of @koa/router (the same Layer objects: same regular expressions, params,
// order and methods); only which of them are tested changes. A route whose deciding segment is a
// parameter (or that has none) is in every group, in its place, so the order routes are tried in is
// kept. Grouping is a filter: a route outside the request's group could not have matched it, since
// its literal segment differs from the request's (compared without case, as the routers do).
import Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';

/** A group of a router's routes: the router holding them, and its routes() middleware. */
interface Group {
  router: Router;
  routes: Middleware;
}
type GroupFor = (segments: string[]) => Group | undefined;

/**
 * The routers' routes, tried in the routers' order as app.use(router.routes()) for each would, with
 * one allowedMethods (405, 501, OPTIONS) for all: it reads the routes every router matched
 * (ctx.matched), and the routers share the same methods.
 */
export function routeTable(routers: Router[]): Middleware & { routers: Router[] } {
  const tables = routers.map(grouped);
  const allowedMethods = routers[0]!.allowedMethods() as Middleware;
  const dispatch: Middleware = (ctx, next) => allowedMethods(ctx, () => dispatchFrom(tables, ctx.path, segmentsOf(ctx.path), ctx, next, 0));
  // Every route served, for whoever lists them (test/http/role-matrix.test.ts).
  return Object.assign(dispatch, { routers });
}

/**
 * Runs the first group, from the i-th router on, with a route whose path matches; the routers
 * after it follow if its routes call next(). A group with no such route is passed over without
 * entering @koa/router's dispatch (for an /api/halls/:hall/… request, the root and /api routers),
 * which would only have noted that nothing matched: ctx.matched, set here the same.
 */
function dispatchFrom(tables: GroupFor[], path: string, segments: string[], ctx: Context, next: Next, i: number): Promise<unknown> {
  for (; i < tables.length; i++) {
    const group = tables[i]!(segments);
    if (group && group.router.stack.some((layer) => layer.match(path))) return group.routes(ctx, () => dispatchFrom(tables, path, segments, ctx, next, i + 1));
  }
  (ctx as Context & { matched?: unknown[] }).matched ??= [];
  return next();
}

/** The routes of the group a path falls in; undefined when the path is not under the router's prefix. */
function grouped(router: Router): GroupFor {
  const prefix = segmentsOf(router.opts.prefix ?? '');
  const at = prefix.length;
  const groups = new Map<string, Router>();
  const anyGroup = new Router();
  const literalOf = (path: string) => {
    const segment = segmentsOf(path)[at];
    return segment !== undefined && /^[A-Za-z0-9._~-]+$/.test(segment) ? segment.toLowerCase() : undefined;
  };
  for (const layer of router.stack) {
    const literal = typeof layer.path === 'string' ? literalOf(layer.path) : undefined;
    if (literal !== undefined && !groups.has(literal)) groups.set(literal, routerWith(anyGroup.stack));
    for (const [name, group] of groups) if (literal === undefined || name === literal) group.stack.push(layer);
    if (literal === undefined) anyGroup.stack.push(layer);
  }
  const asGroup = (r: Router): Group => ({ router: r, routes: r.routes() as Middleware });
  const anyRoutes = asGroup(anyGroup);
  const byLiteral = new Map([...groups].map(([name, group]) => [name, asGroup(group)]));
  return (segments) => {
    if (!prefixMatches(prefix, segments)) return undefined;
    const segment = segments[at];
    return (segment !== undefined && byLiteral.get(segment.toLowerCase())) || anyRoutes;
  };
}

/** A router holding these routes first (the ones every group has, as registered so far). */
function routerWith(layers: Router['stack']): Router {
  const router = new Router();
  router.stack.push(...layers);
  return router;
}

/** "/api/halls/:hall" → ["api", "halls", ":hall"]; "/" → [""]. */
function segmentsOf(path: string): string[] {
  return path.split('/').slice(1);
}

/** Whether a request path lies under a router's prefix: its literal segments equal, its parameters there. */
function prefixMatches(prefix: string[], segments: string[]): boolean {
  for (let i = 0; i < prefix.length; i++) {
    const want = prefix[i]!;
    const got = segments[i];
    if (!got) return false;
    if (!want.startsWith(':') && got.toLowerCase() !== want.toLowerCase()) return false;
  }
  return true;
}

// The app's routers served as one table. The app has ~200 routes on three routers (the root's pages
// and API routes, the hall routes under /api and again under /api/halls/:hall); mounting each with
// @koa/router's routes() and allowedMethods() tests every route's regular expression against every
// path, twice, builds a middleware chain and a composed function per request, and waits on every
// answer to check for a 405: ~6% of issuing a ticket.
//
// Here the routes stay those of @koa/router (the same Layer objects: same regular expressions,
// params, order and methods), and requests are answered as the routers mounted one after the other
// with routes() and allowedMethods() would answer them (test/http/route-table.property.test.ts holds
// the two side by side):
// - A router's routes are grouped by the path segments that tell them apart (the first after the
//   prefix, then the next within a group while it holds more than a few); a request is tested only
//   against its group. A route whose segment at a depth is a parameter (or that has none) is in
//   every group there, in its place, so the order routes are tried in is kept. A route outside the
//   request's group could not have matched it: a literal segment differs (compared without case).
// - The first router with a route for the path and method runs its matching routes in order with
//   ctx.params set; a route that calls next() passes on to the next matching route, then router.
// - The allowed-methods answer (405, 501, OPTIONS with Allow) is only waited for when it can apply:
//   no route for the method, an OPTIONS request, or a method the routers do not implement.
// Not emulated (refused at start): router.use() middleware, param() handlers, host, exclusive and
// routerPath options. Not set (nothing here reads them): ctx.router, ctx.captures, ctx.routerPath,
// ctx._matchedRoute.
import type Router from '@koa/router';
import type { Context, Middleware, Next } from 'koa';

type Layer = Router['stack'][number];

/** A router's routes, grouped by their path's segments after its prefix. */
interface Table {
  /** The router's prefix split into segments ("/api/halls/:hall" → api, halls, :hall). */
  prefix: string[];
  routes: Group;
}

/**
 * Routes grouped by the literal segment at one depth, each group grouped again by the next segment
 * while it holds more than a few routes. `any`: the routes of a path whose segment there is in no
 * group (those with a parameter or nothing there), which every group also holds in their place.
 */
interface Group {
  layers: Layer[];
  /** Which path segment (after the leading slash) the groups below are told apart by. */
  at?: number;
  byLiteral?: Map<string, Group>;
  any?: Group;
}

/** A group this small is tested route by route rather than split further (a test splits all: 0). */
const SMALL_GROUP = 4;
const MAX_DEPTH = 4;

type Params = Record<string, string>;
type RoutedContext = Context & { params?: Params; matched?: Layer[] };

/**
 * The routers' routes, tried in the routers' order, with one allowed-methods answer for all (the
 * routers share the same methods).
 */
export function routeTable(routers: Router[], options: { smallGroup?: number } = {}): Middleware & { routers: Router[] } {
  for (const router of routers) refuseUnsupported(router);
  const tables = routers.map((router) => tableOf(router, options.smallGroup ?? SMALL_GROUP));
  const implemented = routers[0]!.methods;
  const dispatch: Middleware = (ctx, next) => {
    const path = ctx.path;
    const method = ctx.method;
    const segments = path.split('/');
    for (let i = 0; i < tables.length; i++) {
      const layers = layersFor(tables[i]!, segments);
      const first = layers ? routeAt(layers, path, method) : -1;
      if (first < 0) continue;
      // A route for the path and method: the allowed-methods answer can only change an OPTIONS
      // request or a method the routers do not implement.
      if (method !== 'OPTIONS' && implemented.includes(method)) return new RouteRun(tables, i, layers!, path, method, segments, ctx, next, undefined).runLayersFrom(first);
      break;
    }
    const matched: Layer[] = [];
    return Promise.resolve(runFrom(tables, 0, path, method, segments, ctx, next, matched)).then(() => allowedMethods(ctx as RoutedContext, matched, implemented));
  };
  // Every route served, for whoever lists them (test/http/role-matrix.test.ts).
  return Object.assign(dispatch, { routers });
}

/** Runs the first router from the i-th on that has a route for the path and method (as the routers' chain would). */
function runFrom(tables: Table[], i: number, path: string, method: string, segments: string[], ctx: Context, next: Next, matched: Layer[] | undefined): unknown {
  const found = nextRouter(tables, i, path, segments, method, matched);
  return found ? new RouteRun(tables, found.table, found.layers, path, method, segments, ctx, next, matched).runLayersFrom(found.first) : next();
}

/** The first router from the i-th on with a route for the path and method, and where that route is among its layers. */
function nextRouter(tables: Table[], i: number, path: string, segments: string[], method: string, matched: Layer[] | undefined) {
  for (; i < tables.length; i++) {
    const layers = layersFor(tables[i]!, segments);
    if (!layers) continue;
    // @koa/router notes every route whose path matched, whatever its method, for the 405's Allow.
    if (matched) for (const layer of layers) if (layer.regexp.test(path)) matched.push(layer);
    const first = routeAt(layers, path, method);
    if (first >= 0) return { table: i, layers, first };
  }
  return undefined;
}

/**
 * One request's way through the routes that match it: router table's matching routes in order, each
 * route's own middleware one after the other as koa-compose runs them, then the routers after it,
 * then the app's next. The `next` every step gets moves this one object on. (A closure per step
 * held the request's state instead, for as long as the request waited on the engine.)
 */
class RouteRun {
  readonly next: () => Promise<unknown>;
  private stack: Middleware[] = [];
  private at = 0;
  private layer = 0;

  constructor(
    private readonly tables: Table[],
    private table: number,
    private layers: Layer[],
    private readonly path: string,
    private readonly method: string,
    private readonly segments: string[],
    private readonly ctx: Context,
    private readonly outer: Next,
    private readonly matched: Layer[] | undefined,
  ) {
    // Assigned, not a class field: a named arrow costs a keepNames call per request under tsx.
    this.next = () => this.step();
  }

  /** Runs the first route from layers[from] on that matches, with ctx.params set; else the routers after this one. */
  runLayersFrom(from: number): Promise<unknown> {
    for (let l = from; l < this.layers.length; l++) {
      const layer = this.layers[l]!;
      if (!layer.methods.includes(this.method)) continue;
      const captures = layer.regexp.exec(this.path);
      if (!captures) continue;
      setParams(this.ctx as RoutedContext, layer, captures);
      this.layer = l;
      this.stack = layer.stack as Middleware[];
      this.at = 0;
      return call(this.stack[0]!, this.ctx, this.next);
    }
    const found = nextRouter(this.tables, this.table + 1, this.path, this.segments, this.method, this.matched);
    if (!found) return this.outer();
    this.table = found.table;
    this.layers = found.layers;
    return this.runLayersFrom(found.first);
  }

  /** What a route's next() does: its next middleware, else the next matching route. */
  private step(): Promise<unknown> {
    if (this.at + 1 < this.stack.length) return call(this.stack[++this.at]!, this.ctx, this.next);
    return this.runLayersFrom(this.layer + 1);
  }
}

/** A middleware's answer as a promise, as koa-compose makes it (a throw is a rejection). */
function call(handler: Middleware, ctx: Context, next: Next): Promise<unknown> {
  try {
    return Promise.resolve(handler(ctx, next));
  } catch (err) {
    return Promise.reject(err);
  }
}

/** ctx.params as @koa/router sets them: the route's decoded parameters over those already set. */
function setParams(ctx: RoutedContext, layer: Layer, captures: RegExpExecArray): void {
  const params: Params = ctx.params ? { ...ctx.params } : {};
  for (let c = 1; c < captures.length; c++) {
    const name = layer.paramNames[c - 1]?.name;
    const value = captures[c];
    // Without a % there is nothing to decode (decodeURIComponent would give the same text back).
    if (name !== undefined && value) params[name] = value.includes('%') ? safeDecode(value) : value;
  }
  ctx.params = params;
  (ctx.request as { params?: Params }).params = params;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where the first route for this path and method is among the layers; -1 when none is. */
function routeAt(layers: Layer[], path: string, method: string): number {
  for (let l = 0; l < layers.length; l++) if (layers[l]!.methods.includes(method) && layers[l]!.regexp.test(path)) return l;
  return -1;
}

/** @koa/router's allowedMethods(): 501 for a method no router implements, OPTIONS' Allow, 405 with Allow. */
function allowedMethods(ctx: RoutedContext, matched: Layer[], implemented: string[]): void {
  ctx.matched = matched;
  if (ctx.status && ctx.status !== 404) return;
  const allowed: string[] = [];
  for (const layer of matched) for (const m of layer.methods) if (!allowed.includes(m)) allowed.push(m);
  if (!implemented.includes(ctx.method)) {
    ctx.status = 501;
    ctx.set('Allow', allowed.join(', '));
  } else if (ctx.method === 'OPTIONS' && allowed.length > 0) {
    ctx.status = 200;
    ctx.body = '';
    ctx.set('Allow', allowed.join(', '));
  } else if (allowed.length > 0 && !allowed.includes(ctx.method)) {
    ctx.status = 405;
    ctx.set('Allow', allowed.join(', '));
  }
}

/** The layers of the group a path falls in; undefined when the path is not under the router's prefix. */
function layersFor(table: Table, segments: string[]): Layer[] | undefined {
  const { prefix } = table;
  // segments[0] is the empty string before the path's leading slash.
  for (let i = 0; i < prefix.length; i++) {
    const want = prefix[i]!;
    const got = segments[i + 1];
    if (!got) return undefined;
    if (want[0] !== ':' && got.toLowerCase() !== want) return undefined;
  }
  let group = table.routes;
  while (group.byLiteral) {
    // segments[0] is the empty string before the leading slash: a route's segment `at` is the path's at + 1.
    const segment = segments[group.at! + 1];
    group = (segment !== undefined && group.byLiteral.get(segment.toLowerCase())) || group.any!;
  }
  return group.layers;
}

function tableOf(router: Router, smallGroup: number): Table {
  const prefix = segmentsOf(router.opts.prefix ?? '').map((s) => (s.startsWith(':') ? s : s.toLowerCase()));
  return { prefix, routes: grouped(router.stack, prefix.length, 0, smallGroup) };
}

/**
 * Groups routes by their literal segment at `at`, keeping their order within each group. A route
 * whose segment there is a parameter (or missing, or not a plain word) could match any request
 * segment: it joins every group, in its place.
 */
function grouped(layers: Layer[], at: number, depth: number, small: number): Group {
  if (layers.length <= small || depth >= MAX_DEPTH) return { layers };
  const byLiteral = new Map<string, Layer[]>();
  const any: Layer[] = [];
  for (const layer of layers) {
    const literal = literalAt(layer, at);
    if (literal !== undefined && !byLiteral.has(literal)) byLiteral.set(literal, [...any]);
    for (const [name, group] of byLiteral) if (literal === undefined || name === literal) group.push(layer);
    if (literal === undefined) any.push(layer);
  }
  // Nothing told apart here (all parameters, or all one word): the next segment may tell them apart.
  if (byLiteral.size === 0 || (byLiteral.size === 1 && any.length === 0)) return grouped(layers, at + 1, depth + 1, small);
  const groups = new Map([...byLiteral].map(([name, group]) => [name, grouped(group, at + 1, depth + 1, small)]));
  return { layers, at, byLiteral: groups, any: grouped(any, at + 1, depth + 1, small) };
}

/** The route's path segment at `at` (after the leading slash), lowercased, when it is a plain word. */
function literalAt(layer: Layer, at: number): string | undefined {
  if (typeof layer.path !== 'string') return undefined;
  const segment = segmentsOf(layer.path)[at];
  return segment !== undefined && /^[A-Za-z0-9._~-]+$/.test(segment) ? segment.toLowerCase() : undefined;
}

/** "/api/halls/:hall" → ["api", "halls", ":hall"]; "/" → [""]. */
function segmentsOf(path: string): string[] {
  return path.split('/').slice(1);
}

/** The router features this table does not emulate: a router using one must not be served by it. */
function refuseUnsupported(router: Router): void {
  const opts = router.opts as Record<string, unknown>;
  const unsupported = [
    ...['host', 'exclusive', 'routerPath'].filter((o) => opts[o]),
    ...(Object.keys(router.params).length ? ['param()'] : []),
    ...(router.stack.some((l) => l.methods.length === 0) ? ['use()'] : []),
    ...(router.stack.some((l) => (l.opts as Record<string, unknown>).ignoreCaptures) ? ['ignoreCaptures'] : []),
  ];
  if (unsupported.length) throw new Error(`route table: a router uses ${unsupported.join(', ')}, which the table does not emulate; mount it with routes() instead`);
}

// The route table (server/http/route-table.ts) matches a request only against the routes its path
// can reach. Property: for any path and method, an app dispatching through it answers exactly as
// the same routers mounted one after the other with @koa/router's own routes() and
// allowedMethods() (the oracle): the same route runs with the same params, or the same 404, 405,
// 501 or OPTIONS answer with the same Allow header. The routes mirror the app's: pages and API
// routes on a root router, hall routes under /api and again under /api/halls/:hall, routes whose
// deciding segment is a parameter, mixed case, trailing slashes, escapes.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import test from 'ava';
import fc from 'fast-check';
import Koa from 'koa';
import Router from '@koa/router';
import { routeTable } from '../../server/http/route-table.ts';

function answer(name: string) {
  return (ctx: Koa.Context) => {
    ctx.body = { route: name, params: ctx.params, passedBy: ctx.state.passedBy ?? [] };
  };
}

/** A route that notes itself and the params it saw and passes on (next()), then marks the answer on the way back. */
function passOn(name: string): Koa.Middleware {
  return async (ctx, next) => {
    ctx.state.passedBy = [...(ctx.state.passedBy ?? []), `${name} ${JSON.stringify(ctx.params)}`];
    await next();
    ctx.set('x-passed', `${ctx.get('x-passed')}${name};`);
  };
}

function rootRouter(): Router {
  const r = new Router();
  for (const path of ['/', '/healthz', '/api/health', '/halls/:hall', '/halls/:hall/wall', '/assets/app.js', '/t/:ticketId', '/api/windows/:id/rating'])
    r.get(path, answer(`root GET ${path}`));
  r.post('/api/windows/:id/rating', answer('root POST rating'));
  r.post('/api/halls/:hall/windows/:id/assist', answer('root POST assist'));
  // Root routes that pass on to the hall routers (params merge across routers) or to nothing (a 404, or a 405 for another method).
  r.get('/api/halls/:hall/tickets/:ticket', passOn('root peek'));
  r.get('/api/hall/:part', passOn('root nowhere'));
  // Enough root routes under /api that they are grouped again by their next segments.
  for (const path of ['/api/reports', '/api/reports/summary', '/api/REPORTS/:id/csv', '/api/:kind/summary', '/api/staff', '/api/staff/:id', '/api/staff/:id/unlock', '/api/windows/:id/next/:step'])
    r.get(path, answer(`root GET ${path}`));
  return r;
}

function hallRouter(prefix: string): Router {
  const r = new Router({ prefix });
  r.get('/hall', answer(`${prefix} GET /hall`));
  // Two middlewares on one route, and two routes for one path where the first passes on.
  r.get('/windows/:id', passOn(`${prefix} windows first`), answer(`${prefix} GET /windows/:id`));
  r.get('/tickets/:id', passOn(`${prefix} tickets peek`));
  r.post('/tickets', answer(`${prefix} POST /tickets`));
  r.get('/tickets/:id', answer(`${prefix} GET /tickets/:id`));
  r.get('/tickets/by-number/:number', answer(`${prefix} GET by-number`));
  // A parameter where the other routes have their deciding segment: in every group, in its place.
  r.get('/:kind/latest', answer(`${prefix} GET /:kind/latest`));
  r.post('/windows/:id/:action', answer(`${prefix} POST window action`));
  r.get('/notices/:id.html', answer(`${prefix} GET notice page`));
  r.delete('/session', answer(`${prefix} DELETE /session`));
  r.get('/session', answer(`${prefix} GET /session`));
  if (prefix === '/api') r.get('/halls', answer('GET /api/halls'));
  return r;
}

const routers = () => [rootRouter(), hallRouter('/api'), hallRouter('/api/halls/:hall')];

function oracleApp(): Koa {
  const app = new Koa();
  for (const r of routers()) app.use(r.routes()).use(r.allowedMethods());
  return app;
}

/** smallGroup 0: every group split as far as its routes' segments allow (the app's table stops at a few routes). */
function tableApp(smallGroup?: number): Koa {
  const app = new Koa();
  app.use(routeTable(routers(), { smallGroup }));
  return app;
}

let servers: Server[] = [];
let urls: string[] = [];
test.before(async () => {
  servers = [oracleApp(), tableApp(), tableApp(0)].map((app) => app.listen(0, '127.0.0.1'));
  await Promise.all(servers.map((s) => new Promise((resolve) => s.once('listening', resolve))));
  urls = servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`);
});
test.after.always(() => {
  for (const s of servers) s.close();
});

async function outcome(url: string, method: string, path: string) {
  const res = await fetch(url + path, { method, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
  return { status: res.status, allow: res.headers.get('allow'), passed: res.headers.get('x-passed'), body: await res.text() };
}

const SEGMENTS = ['reports', 'summary', 'csv', 'staff', 'unlock', 'Reports', 'api', 'API', 'Api', 'halls', 'HALLS', 'hall', 'tickets', 'Tickets', 'by-number', 'windows', 'next', 'notices', 'n1.html', 'latest', 'session', 'health', 'healthz', 'wall', 'assets', 'app.js', 't', 'A012', 'warm', '1', '', '%41pi', 'tick%65ts', 'rating', 'assist'];
// Paths of any segments, and paths under the routers' prefixes (where the routes are).
const PREFIXES = ['', 'api', 'API', 'api/halls/warm', 'api/HALLS/1', 'api/halls/hall', 'halls/warm'];
// The routes' own words come up more often, so paths reach a route's group and its neighbours.
const ROUTE_WORDS = ['hall', 'tickets', 'latest', 'windows', 'session', 'notices', 'halls', 'A012', '7'];
const segment = fc.oneof({ arbitrary: fc.constantFrom(...ROUTE_WORDS), weight: 3 }, { arbitrary: fc.constantFrom(...SEGMENTS), weight: 1 });
const path = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(segment, { minLength: 0, maxLength: 4 }), fc.boolean())
  .map(([prefix, segments, slash]) => {
    const all = [...(prefix ? prefix.split('/') : []), ...segments];
    return `/${all.join('/')}${slash && all.length ? '/' : ''}`;
  });
// Paths made from the routes' own patterns: each parameter filled with a word, each word maybe in
// other case, maybe a segment more or fewer, so every route (however deep its group) is reached.
const PATTERNS = routers().flatMap((r) => r.stack.map((layer) => String(layer.path)));
const fromPattern = fc
  .tuple(fc.constantFrom(...PATTERNS), fc.array(segment, { minLength: 8, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.constantFrom('', 'drop', 'add'), fc.boolean())
  .map(([pattern, fills, upper, change, slash]) => {
    let parts = pattern.split('/').slice(1).map((part, i) => (part.startsWith(':') ? fills[i]! : upper[i] ? part.toUpperCase() : part));
    if (change === 'drop') parts = parts.slice(0, -1);
    if (change === 'add') parts = [...parts, fills[7]!];
    return `/${parts.join('/')}${slash && parts.length ? '/' : ''}`;
  });
const anyPath = fc.oneof(path, fromPattern);
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE', 'PUT', 'OPTIONS', 'PROPFIND');

test('any path and method: the route table (as the app groups it, and split all the way) answers as the routers mounted one after the other', async (t) => {
  await fc.assert(
    fc.asyncProperty(anyPath, method, async (p, m) => {
      const [want, got, gotSplit] = await Promise.all(urls.map((u) => outcome(u, m, p)));
      t.deepEqual(got, want, `${m} ${p}`);
      t.deepEqual(gotSplit, want, `${m} ${p}, every group split`);
      return JSON.stringify(got) === JSON.stringify(want) && JSON.stringify(gotSplit) === JSON.stringify(want);
    }),
    { numRuns: 1500 },
  );
});

test('the paths above reach routes of all three routers (the property would otherwise prove little)', async (t) => {
  const reached = new Set<string>();
  for (const [m, p] of [
    ['GET', '/healthz'],
    ['POST', '/api/halls/warm/windows/1/assist'],
    ['GET', '/API/Tickets/A012/'],
    ['GET', '/api/halls/warm/tickets/by-number/A012'],
    ['GET', '/api/halls/warm/hall/latest'],
    ['GET', '/api/halls'],
    ['DELETE', '/api/halls/warm/session'],
    ['GET', '/api/windows/7'],
  ] as const) {
    const got = await outcome(urls[1]!, m, p);
    t.is(got.status, 200, `${m} ${p}`);
    reached.add(JSON.parse(got.body).route);
  }
  t.is(reached.size, 8);
  const passed = await outcome(urls[1]!, 'GET', '/api/halls/warm/tickets/A012');
  t.like(JSON.parse(passed.body), { route: '/api/halls/:hall GET /tickets/:id', params: { hall: 'warm', id: 'A012' } });
  t.is(JSON.parse(passed.body).passedBy.length, 2, 'two routes passed on to it');
  t.is((await outcome(urls[1]!, 'POST', '/api/hall/x')).status, 405);
  t.is((await outcome(urls[1]!, 'PUT', '/api/hall')).status, 405);
  t.is((await outcome(urls[1]!, 'PROPFIND', '/nowhere')).status, 501);
});

// The context's written-out accessors (server/http/context-accessors.ts) against Koa's own
// delegates: the same middleware, reading and writing every one of them, runs in a plain Koa app
// and in one with the accessors, over real HTTP; what it read and what the client got (status,
// message, headers, body) must be the same.
import test from 'ava';
import Koa, { type Middleware } from 'koa';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { directContextAccessors } from '../../server/http/context-accessors.ts';

const exercise: Middleware = (ctx) => {
  const seen: Record<string, unknown> = {
    method: ctx.method,
    path: ctx.path,
    url: ctx.url,
    query: ctx.query,
    querystring: ctx.querystring,
    host: ctx.host,
    secure: ctx.secure,
    ip: ctx.ip,
    headerSent: ctx.headerSent,
    writable: ctx.writable,
    header: ctx.header['x-a'],
    headers: ctx.headers['x-a'],
    get: ctx.get('X-A'),
    is: ctx.is('json', 'text'),
    statusBefore: ctx.status,
    bodyBefore: ctx.body ?? null,
    typeBefore: ctx.type,
    lengthBefore: ctx.length ?? null,
  };
  ctx.set('X-B', '1');
  ctx.set({ 'X-C': '2', 'X-D': ['3', '4'] });
  seen.has = ctx.has('X-B');
  ctx.remove('X-B');
  seen.hasAfter = ctx.has('X-B');
  ctx.vary('Accept');
  ctx.querystring = 'a=1&b=2';
  seen.queryAfter = ctx.query;
  ctx.path = '/rewritten';
  seen.urlAfter = ctx.url;
  ctx.url = '/again?x=y';
  seen.pathAfter = ctx.path;
  ctx.query = { q: 'z' };
  seen.querystringAfter = ctx.querystring;
  ctx.method = 'PUT';
  seen.methodAfter = ctx.method;
  ctx.status = 202;
  ctx.message = 'Fine thanks';
  ctx.body = seen;
  seen.typeAfter = ctx.type;
  seen.lengthAfter = ctx.length ?? null;
  ctx.type = 'text/plain';
  ctx.body = JSON.stringify(seen);
  ctx.length = Buffer.byteLength(ctx.body as string);
  seen.bodyAfter = typeof ctx.body;
};

async function serve(app: Koa): Promise<{ url: string; server: Server }> {
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function answer(url: string, init: RequestInit) {
  const res = await fetch(url, init);
  const headers = [...res.headers].filter(([name]) => name !== 'date');
  // The two servers' ports differ: the Host each was called at is not what is compared.
  const body = (await res.text()).replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  return { status: res.status, message: res.statusText, headers, body };
}

test('every written-out accessor reads and writes what Koa\'s delegate does', async (t) => {
  const plain = new Koa({ proxy: true });
  plain.use(exercise);
  const direct = new Koa({ proxy: true });
  directContextAccessors(direct);
  direct.use(exercise);
  const servers = [await serve(plain), await serve(direct)];
  try {
    const requests: [string, RequestInit][] = [
      ['/some/path?k=v&k=w', { headers: { 'x-a': 'A' } }],
      ['/x', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-host': 'hall.example', 'x-forwarded-proto': 'https' }, body: '{}' }],
      ['/', { method: 'DELETE', headers: { 'content-type': 'text/plain' }, body: 'hi' }],
    ];
    for (const [path, init] of requests) {
      const [want, got] = await Promise.all(servers.map((s) => answer(s.url + path, init)));
      t.deepEqual(got, want, path);
    }
  } finally {
    for (const s of servers) s.server.close();
  }
});

test('the app\'s contexts use the written-out accessors, not the delegates', (t) => {
  const app = new Koa();
  const koaBody = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(app.context), 'body')!;
  directContextAccessors(app);
  const mine = Object.getOwnPropertyDescriptor(app.context, 'body')!;
  t.not(mine.get, koaBody.get);
  t.is(mine.enumerable, koaBody.enumerable);
});

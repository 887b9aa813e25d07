// The app's request handler (request-handler.ts: no per-request on-finished watch, JSON written as
// bytes) and its cheaper response setters (response-setters.ts) must give a client exactly what
// plain Koa gives: the same status, headers and body bytes, for every kind of body and header a
// route may set. The oracle is Koa itself: the same routes on a plain `app.callback()` server.
// Real http servers on free ports, answers read off the wire by Node's client.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import test from 'ava';
import Koa, { type Context } from 'koa';
import { rememberContentTypes } from '../../server/http/content-types.ts';
import { PresetHeadersResponse } from '../../server/http/preset-headers.ts';
import { requestHandler, watchSocketErrors } from '../../server/http/request-handler.ts';
import { cheapResponseSetters } from '../../server/http/response-setters.ts';

const ROUTES: Record<string, (ctx: Context) => void | Promise<void>> = {
  '/object': (ctx) => void (ctx.body = { id: 'A001', name: '企业开办', nested: { list: [1, 2, 3] } }),
  '/array': (ctx) => void (ctx.body = [{ n: 1 }, '二', null]),
  '/empty-object': (ctx) => void (ctx.body = {}),
  '/created': (ctx) => {
    ctx.status = 201;
    ctx.body = { ok: true };
  },
  '/vendor-json': (ctx) => {
    ctx.type = 'application/vnd.api+json';
    ctx.body = { ok: true };
  },
  '/text-typed-object': (ctx) => {
    ctx.type = 'text/plain';
    ctx.body = { ok: true };
  },
  '/json-typed-twice': (ctx) => {
    ctx.type = 'json';
    ctx.body = { first: 1 };
    ctx.body = { second: 2 };
  },
  '/string-then-object': (ctx) => {
    ctx.body = 'some text';
    ctx.body = { replaced: true };
  },
  '/stream-then-object': (ctx) => {
    ctx.body = Readable.from(['never sent']);
    ctx.body = { replaced: true };
  },
  '/object-then-string': (ctx) => {
    ctx.body = { first: true };
    ctx.body = 'plain text now';
  },
  '/length-set-first': (ctx) => {
    ctx.set('Content-Length', '3');
    ctx.body = { length: 'is Koa’s' };
  },
  '/chunked': (ctx) => {
    ctx.set('Transfer-Encoding', 'chunked');
    ctx.body = { chunked: true };
  },
  '/string': (ctx) => void (ctx.body = '办结 done'),
  '/html': (ctx) => void (ctx.body = '<p>页面</p>'),
  '/buffer': (ctx) => void (ctx.body = Buffer.from([0, 1, 2, 255])),
  '/stream': (ctx) => void (ctx.body = Readable.from([Buffer.from('part one, '), Buffer.from('part two')])),
  '/blob': (ctx) => void (ctx.body = new Blob(['a blob'], { type: 'text/x-blob' })),
  '/null': (ctx) => void (ctx.body = null),
  '/nothing': () => {},
  '/status-only': (ctx) => void (ctx.status = 418),
  '/no-content-with-body': (ctx) => {
    ctx.body = { dropped: true };
    ctx.status = 204;
  },
  '/not-modified': (ctx) => {
    ctx.status = 304;
    ctx.body = 'dropped';
  },
  '/headers': (ctx) => {
    ctx.set('X-One', 'one');
    ctx.set('X-Number', 7 as unknown as string);
    ctx.set({ 'X-Two': 'two', 'X-Three': 'three' });
    ctx.set('X-List', ['a', 'b']);
    ctx.append('Set-Cookie', 'a=1');
    ctx.vary('Origin');
    ctx.body = { headers: true };
  },
  '/empty-header-name': (ctx) => {
    ctx.set('', 'ignored');
    ctx.body = { ok: true };
  },
  '/throws': () => {
    throw new Error('a fault with a secret in it');
  },
  '/throws-exposed': (ctx) => ctx.throw(409, 'wrong state'),
  '/throws-later': async () => {
    await new Promise((r) => setTimeout(r, 1));
    throw Object.assign(new Error('late'), { status: 503, headers: { 'Retry-After': '3', 'Content-Length': '99' } });
  },
  '/unserialisable': (ctx) => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    ctx.body = loop;
  },
  '/raw': (ctx) => {
    ctx.respond = false;
    ctx.res.statusCode = 202;
    ctx.res.end('written by the route');
  },
};

function routes(app: Koa): Koa {
  // Koa prints unexpected errors to stderr without a listener; both apps log nothing here.
  app.on('error', () => {});
  app.use(async (ctx) => {
    const route = ROUTES[ctx.path];
    if (route) await route(ctx);
  });
  return app;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function ask(port: number, method: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const { date: _date, ...headers } = res.headers;
        resolve({ status: res.statusCode!, headers, body: Buffer.concat(chunks).toString('base64') });
      });
    })
      .on('error', reject)
      .end();
  });
}

const plain = createServer(routes(new Koa()).callback());
const ours = (() => {
  const app = new Koa();
  rememberContentTypes(app);
  cheapResponseSetters(app);
  const server = createServer({ ServerResponse: PresetHeadersResponse }, requestHandler(routes(app)));
  watchSocketErrors(server, app);
  return server;
})();
let ports: { plain: number; ours: number };
test.before(async () => {
  ports = { plain: await listen(plain), ours: await listen(ours) };
});
test.after.always(() => {
  plain.close();
  ours.close();
});

for (const path of Object.keys(ROUTES)) {
  for (const method of ['GET', 'HEAD']) {
    test(`${method} ${path}: the same status, headers and body as plain Koa`, async (t) => {
      const expected = await ask(ports.plain, method, path);
      const got = await ask(ports.ours, method, path);
      t.deepEqual(got, expected);
    });
  }
}

test('the routes answer what they set (the oracle is not vacuous)', async (t) => {
  const object = await ask(ports.plain, 'GET', '/object');
  t.is(object.status, 200);
  t.is(object.headers['content-type'], 'application/json; charset=utf-8');
  t.deepEqual(JSON.parse(Buffer.from(object.body, 'base64').toString('utf8')), { id: 'A001', name: '企业开办', nested: { list: [1, 2, 3] } });
  t.is(Number(object.headers['content-length']), Buffer.from(object.body, 'base64').length);
  t.is((await ask(ports.plain, 'GET', '/throws')).status, 500);
  t.is((await ask(ports.plain, 'GET', '/headers')).headers['x-list'], 'a, b');
});

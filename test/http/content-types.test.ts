// Answers carry the same Content-Type with the remembered types (content-types.ts) as with Koa's own
// setter, whatever types are set in whatever order, known or not, again and again. Two real HTTP
// servers, one plain Koa app as the oracle and one with the types remembered, answer the same
// requests; the app's own answers (JSON, a page, an error) are checked against what Koa would send.
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import test from 'ava';
import fc from 'fast-check';
import Koa from 'koa';
import { rememberContentTypes } from '../../server/http/content-types.ts';
import { startTestServer } from '../helpers/server.ts';

/** A type for the body, then maybe another over it: the answer's header is what the last one made. */
function typedApp(remember: boolean): Koa {
  const app = new Koa();
  if (remember) rememberContentTypes(app);
  app.use((ctx) => {
    const types = ctx.query.t === undefined ? [] : ([] as string[]).concat(ctx.query.t);
    if (ctx.query.json !== undefined) ctx.body = { ok: true };
    else if (ctx.query.html !== undefined) ctx.body = '<p>hi</p>';
    else ctx.body = 'plain';
    for (const type of types) ctx.type = type;
  });
  return app;
}

async function listen(app: Koa): Promise<{ url: string; server: Server }> {
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const TYPES = ['json', 'html', 'text', 'bin', 'png', '.png', 'application/json', 'text/html; charset=gbk', 'image/svg+xml', 'x-no-such-type', 'nonsense/', ''];

test('with the types remembered, every answer has the Content-Type plain Koa gives it', async (t) => {
  const plain = await listen(typedApp(false));
  const kept = await listen(typedApp(true));
  t.teardown(() => {
    plain.server.close();
    kept.server.close();
  });
  const request = fc.record({ body: fc.constantFrom('json', 'html', 'text'), types: fc.array(fc.constantFrom(...TYPES), { maxLength: 3 }) });
  await fc.assert(
    fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 8 }), async (requests) => {
      for (const { body, types } of requests) {
        const query = `?${body}=1${types.map((ty) => `&t=${encodeURIComponent(ty)}`).join('')}`;
        const [a, b] = await Promise.all([fetch(plain.url + query), fetch(kept.url + query)]);
        const [bodyA, bodyB] = await Promise.all([a.text(), b.text()]);
        if (a.headers.get('content-type') !== b.headers.get('content-type') || bodyA !== bodyB || a.status !== b.status) return false;
      }
      return true;
    }),
    { numRuns: 60 },
  );
  t.pass();
});

test("the app's JSON answers and its error answers keep Koa's JSON Content-Type, the first time and again", async (t) => {
  const s = await startTestServer();
  t.teardown(() => s.close());
  for (let round = 0; round < 2; round++) {
    const state = await fetch(`${s.url}/api/state`);
    t.is(state.headers.get('content-type'), 'application/json; charset=utf-8');
    await state.json();
    const missing = await fetch(`${s.url}/api/tickets/unknown`);
    t.is(missing.status, 404);
    t.is(missing.headers.get('content-type'), 'application/json; charset=utf-8');
    t.is(((await missing.json()) as { error: { code: string } }).error.code, 'unknown_ticket');
  }
});

// Safe by default, over real HTTP and real socket.io clients: security headers on every kind of
// answer, a public /healthz that says only up or degraded, /metrics behind METRICS_TOKEN, and the
// origins the API and the live connection accept (same-origin unless ALLOWED_ORIGINS lists more).
import test from 'ava';
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const FOREIGN = 'https://evil.example';
const FRIEND = 'https://signage.hall.example';

async function server(t: { teardown(f: () => Promise<void>): void }, env: Record<string, string> = {}, plugins = [pagesPlugin(), metricsPlugin({ prewarmDays: 0 })]): Promise<TestServer> {
  const s = await startTestServer({ plugins, env });
  t.teardown(() => s.close());
  return s;
}

const issueFrom = (s: TestServer, origin: string | undefined) =>
  fetch(`${s.url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-triage', 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify({ service: 'business' }),
  });

test('pages, the API, scripts and errors all carry the security headers', async (t) => {
  const s = await server(t);
  for (const path of ['/', '/clerk/1', '/api/state', '/assets/app.js', '/api/nope', '/healthz', '/api/tickets/unknown']) {
    const res = await fetch(s.url + path);
    await res.arrayBuffer();
    const csp = res.headers.get('content-security-policy') ?? '';
    t.regex(csp, /frame-ancestors 'none'/, path);
    t.regex(csp, /script-src 'self'(;|$)/, `${path}: no inline or eval script`);
    t.regex(csp, /object-src 'none'/, path);
    t.is(res.headers.get('x-content-type-options'), 'nosniff', path);
    t.is(res.headers.get('x-frame-options'), 'DENY', path);
    t.is(res.headers.get('referrer-policy'), 'no-referrer', path);
    t.is(res.headers.get('x-powered-by'), null, path);
    t.is(res.headers.get('strict-transport-security'), null, `${path}: no HSTS unless configured`);
  }
});

test('a page allows exactly its own <style> blocks by hash, no inline style in general', async (t) => {
  const s = await server(t);
  const res = await fetch(`${s.url}/clerk/1`);
  const html = await res.text();
  const csp = res.headers.get('content-security-policy')!;
  const styleSrc = /style-src ([^;]+)/.exec(csp)![1]!;
  t.false(styleSrc.includes("'unsafe-inline'"));
  const blocks = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  t.true(blocks.length > 0);
  const { createHash } = await import('node:crypto');
  for (const css of blocks) t.true(styleSrc.includes(`'sha256-${createHash('sha256').update(css).digest('base64')}'`));
});

test('HSTS only when configured, and only on requests that came over HTTPS (X-Forwarded-Proto from the proxy)', async (t) => {
  const s = await server(t, { HSTS_MAX_AGE: '31536000' });
  const plain = await fetch(`${s.url}/api/state`);
  t.is(plain.headers.get('strict-transport-security'), null);
  const tls = await fetch(`${s.url}/api/state`, { headers: { 'x-forwarded-proto': 'https' } });
  t.is(tls.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains');
});

test('/healthz tells the public only up or degraded; the details need an admin token', async (t) => {
  const s = await server(t);
  const pub = await s.api.get('/healthz');
  t.is(pub.status, 200);
  t.deepEqual(pub.body, { status: 'ok' });
  t.is((await s.api.get('/healthz?details')).status, 401);
  t.is((await s.api.get('/api/health')).status, 401);
  t.is((await s.api.get('/api/health', 'demo-clerk-1')).status, 403);
  t.is((await s.api.get('/healthz?details', 'demo-display')).status, 403);
  for (const path of ['/api/health', '/healthz?details']) {
    const details = await s.api.get(path, 'demo-admin');
    t.is(details.status, 200);
    t.like(details.body, { status: 'ok', store: 'ok', storeKind: 'sqlite', halls: ['district'] });
    t.truthy(details.body.metrics, 'feature details are there for the admin');
  }
});

test('/metrics with METRICS_TOKEN: only that bearer token scrapes', async (t) => {
  const token = randomBytes(32).toString('base64');
  const s = await server(t, { METRICS_TOKEN: token });
  t.is((await fetch(`${s.url}/metrics`)).status, 401);
  t.is((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer demo-admin' } })).status, 401);
  t.is((await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status, 401);
  const ok = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  t.is(ok.status, 200);
  t.regex(await ok.text(), /# TYPE/);
});

test('/metrics without METRICS_TOKEN: open in demo mode, off in production', async (t) => {
  const demo = await server(t);
  t.is((await fetch(`${demo.url}/metrics`)).status, 200);
  const secret = () => randomBytes(32).toString('base64');
  const deployment = { ...demoDeployment, tokens: demoDeployment.tokens.map((tok) => ({ ...tok, token: secret() })) };
  const prod = await startTestServer({ deployment, plugins: [metricsPlugin({ prewarmDays: 0 })], env: { NODE_ENV: 'production', SESSION_SECRET: secret(), CLIENT_HASH_KEY: secret(), ID_HASH_KEY: secret() } });
  t.teardown(() => prod.close());
  const res = await prod.api.get('/metrics');
  t.is(res.status, 403);
  t.is(res.body.error.code, 'metrics_token_required');
});

test('a state change from a foreign origin is refused; same-origin and no-origin (devices) go through', async (t) => {
  const s = await server(t);
  const foreign = await issueFrom(s, FOREIGN);
  t.is(foreign.status, 403);
  t.is(((await foreign.json()) as any).error.code, 'origin_not_allowed');
  t.is((await issueFrom(s, 'null')).status, 403, 'a sandboxed or file: page');
  t.is((await issueFrom(s, s.url)).status, 201, 'the page this server served');
  t.is((await issueFrom(s, undefined)).status, 201, 'a kiosk or script without Origin');
  const read = await fetch(`${s.url}/api/state`, { headers: { origin: FOREIGN } });
  t.is(read.status, 200);
  t.is(read.headers.get('access-control-allow-origin'), null, 'no CORS: the foreign page cannot read it');
});

test('ALLOWED_ORIGINS: a listed origin gets CORS and may change state; others still may not', async (t) => {
  const s = await server(t, { ALLOWED_ORIGINS: `${FRIEND}, https://other.example` });
  const issued = await issueFrom(s, FRIEND);
  t.is(issued.status, 201);
  t.is(issued.headers.get('access-control-allow-origin'), FRIEND);
  t.regex(issued.headers.get('vary') ?? '', /origin/i);
  const preflight = await fetch(`${s.url}/api/tickets`, {
    method: 'OPTIONS',
    headers: { origin: FRIEND, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
  t.is(preflight.status, 204);
  t.regex(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  t.regex(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  t.is((await issueFrom(s, FOREIGN)).status, 403);
  const foreignPreflight = await fetch(`${s.url}/api/tickets`, { method: 'OPTIONS', headers: { origin: FOREIGN, 'access-control-request-method': 'POST' } });
  t.is(foreignPreflight.headers.get('access-control-allow-origin'), null);
  t.regex((await fetch(`${s.url}/`)).headers.get('content-security-policy') ?? '', new RegExp(`connect-src [^;]*${FRIEND.replace(/\./g, '\\.')}`));
});

test('a malformed ALLOWED_ORIGINS stops the start with what is wrong', async (t) => {
  const err = await t.throwsAsync(startTestServer({ plugins: [], env: { ALLOWED_ORIGINS: 'https://hall.example/path' } }));
  t.regex(err!.message, /ALLOWED_ORIGINS: "https:\/\/hall\.example\/path" must be scheme:\/\/host\[:port\]/);
});

/** Connects a real socket.io client sending this Origin; resolves with 'connected' or the refusal. */
function liveConnect(url: string, origin: string | undefined, transport: 'websocket' | 'polling'): Promise<string> {
  const socket = io(url, { transports: [transport], reconnection: false, forceNew: true, ...(origin ? { extraHeaders: { origin } } : {}) });
  return new Promise((resolve) => {
    socket.once('snapshot', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (err) => {
      socket.close();
      resolve(`refused: ${err.message}`);
    });
  });
}

test('socket.io accepts same-origin, listed and origin-less clients, and refuses other origins, on both transports', async (t) => {
  const s = await server(t, { ALLOWED_ORIGINS: FRIEND }, []);
  for (const transport of ['websocket', 'polling'] as const) {
    t.is(await liveConnect(s.url, undefined, transport), 'connected', `${transport}: a device`);
    t.is(await liveConnect(s.url, s.url, transport), 'connected', `${transport}: same origin`);
    t.is(await liveConnect(s.url, FRIEND, transport), 'connected', `${transport}: listed`);
    t.regex(await liveConnect(s.url, FOREIGN, transport), /^refused/, `${transport}: foreign`);
  }
});

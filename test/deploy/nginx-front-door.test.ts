// The front door: deploy/nginx/onewindow.conf.template, filled in as docs/deploy.md says, run by a
// real nginx (as the test user, its own prefix, pid and logs in a temp dir) with a throw-away TLS
// certificate, in front of two real OneWindow nodes on one real redis-server. Chromium opens the
// wall and a clerk console over HTTPS through it; a call pressed on the console reaches the wall
// (the WebSocket upgrade passes the proxy and the nodes share the hall through Redis). The app sees
// the visitor's address, not nginx's and not one the visitor made up: the public booking limit
// counts each client on its own, and a forged X-Forwarded-For does not escape it.
import test from 'ava';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, startNodeProcess, type NodeProcess } from '../../server/dev/process.ts';
import { startRedisServer } from '../../server/dev/redis-server.ts';

const NGINX = '/usr/sbin/nginx';
const TEMPLATE = new URL('../../deploy/nginx/onewindow.conf.template', import.meta.url);

/** envsubst with a list of names, as the template's header says: only ${NAME} of those names. */
function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const run = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`openssl: ${run.stderr}`);
  return { cert, key };
}

/** nginx's main file for an unprivileged run: the site is the filled template, included in http { }. */
function mainConfig(dir: string, site: string): string {
  const tmp = (name: string) => `${name}_temp_path ${join(dir, `tmp-${name}`)};`;
  return `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} info;
events { worker_connections 256; }
http {
  access_log ${join(dir, 'access.log')};
  ${tmp('client_body')} ${tmp('proxy')} ${tmp('fastcgi')} ${tmp('uwsgi')} ${tmp('scgi')}
  include ${site};
}
`;
}

async function startNginx(dir: string, httpsPort: number): Promise<ChildProcess> {
  const conf = join(dir, 'nginx.conf');
  const check = spawnSync(NGINX, ['-t', '-p', dir, '-c', conf, '-e', join(dir, 'error.log')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refused the configuration:\n${check.stderr}`);
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if ((await get(httpsPort, '/healthz').catch(() => undefined))?.status === 200) return child;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A GET through nginx over HTTPS from a chosen local address (a different client per address). */
function get(port: number, path: string, opts: { from?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', rejectUnauthorized: false, localAddress: opts.from, headers: opts.headers, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('two nodes on Redis behind nginx: wall and clerk console over HTTPS and WebSocket, client addresses seen', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-nginx-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const d of ['tmp-client_body', 'tmp-proxy', 'tmp-fastcgi', 'tmp-uwsgi', 'tmp-scgi']) mkdirSync(join(dir, d));

  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  const nodes: NodeProcess[] = [];
  t.teardown(async () => {
    for (const n of nodes) await n.kill('SIGKILL');
  });
  for (const i of [1, 2])
    nodes.push(
      await startNodeProcess({
        STORE: 'redis',
        REDIS_URL: redis.url,
        REDIS_COMMAND_TIMEOUT_MS: '5000',
        DATA_DIR: join(dir, `node-${i}`),
        VOICE_ENGINE: 'none',
        VIRTUAL_PRINTER: 'off',
        METRICS_PREWARM_DAYS: '0',
        HSTS_MAX_AGE: '600',
        LOG_LEVEL: 'info',
      }),
    );

  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const { cert, key } = selfSignedCertificate(dir);
  const site = join(dir, 'onewindow.conf');
  writeFileSync(
    site,
    fillTemplate(readFileSync(TEMPLATE, 'utf8'), {
      SERVER_NAME: 'localhost',
      HTTP_PORT: String(httpPort),
      HTTPS_PORT: String(httpsPort),
      TLS_CERT: cert,
      TLS_KEY: key,
      NODE_1: `127.0.0.1:${nodes[0]!.port}`,
      NODE_2: `127.0.0.1:${nodes[1]!.port}`,
    }),
  );
  writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir, site));
  const nginx = await startNginx(dir, httpsPort);
  t.teardown(() => void nginx.kill('SIGTERM'));
  const base = `https://localhost:${httpsPort}`;

  // Plain HTTP is sent to HTTPS; over HTTPS the app knows the scheme (HSTS only goes out on HTTPS).
  const plain = await fetch(`http://127.0.0.1:${httpPort}/wall`, { redirect: 'manual' });
  t.is(plain.status, 301);
  t.is(plain.headers.get('location'), `https://127.0.0.1:${httpsPort}/wall`);
  t.regex(String((await get(httpsPort, '/healthz')).headers['strict-transport-security']), /^max-age=600\b/);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic'] });
  t.teardown(() => browser.close());
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  const wall = await context.newPage();
  wall.on('pageerror', (e) => errors.push(e.message));
  await wall.goto(`${base}/wall`);
  const clerk = await context.newPage();
  clerk.on('pageerror', (e) => errors.push(e.message));
  await clerk.setViewportSize({ width: 1366, height: 768 });
  await clerk.goto(`${base}/clerk/3`);
  await clerk.locator('[data-test=switch-sign-in]').click();
  await clerk.locator('[data-test=token]').fill('demo-clerk-3');
  await clerk.locator('[data-test=sign-in]').click();
  await clerk.locator('button[data-action=next]').waitFor({ timeout: 15_000 });

  // A visitor takes a number at a triage desk wired to node 2 directly: the pages behind nginx learn it through Redis.
  const issued = (await (
    await fetch(`http://127.0.0.1:${nodes[1]!.port}/api/tickets`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-triage', 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'social' }),
    })
  ).json()) as { number: string };
  await wall.locator('[data-test=waiting-social]', { hasText: '1' }).waitFor({ timeout: 15_000 });
  await clerk.locator('[data-test=my-waiting]', { hasText: '1' }).waitFor({ timeout: 15_000 });
  await clerk.locator('button[data-action=next]').click();
  await wall.locator('[data-test=newest-number]', { hasText: issued.number }).waitFor({ timeout: 15_000 });
  await wall.locator('[data-test=window-3]', { hasText: issued.number }).waitFor({ timeout: 15_000 });
  t.deepEqual(errors, []);

  // The live connections went through nginx as WebSockets (101 Switching Protocols; nginx logs one
  // when it closes), and both nodes served.
  await context.close();
  const upgraded = /"GET \/socket\.io\/\?[^"]*transport=websocket[^"]*" 101 /;
  for (let i = 0; i < 50 && !upgraded.test(readFileSync(join(dir, 'access.log'), 'utf8')); i++) await new Promise((r) => setTimeout(r, 100));
  t.regex(readFileSync(join(dir, 'access.log'), 'utf8'), upgraded);
  for (const [i, n] of nodes.entries()) t.regex(n.output(), /request completed/, `node ${i + 1} answered requests through nginx`);

  // Public booking look-ups are limited per client address (demo: 10 a minute). Client A uses its
  // ten, forging a different X-Forwarded-For each time; the eleventh is refused. Client B, another
  // address behind the same nginx, is not affected.
  const code = '/api/appointments/ZZZZ9999';
  for (let i = 0; i < 10; i++) t.not((await get(httpsPort, code, { from: '127.0.0.3', headers: { 'x-forwarded-for': `203.0.113.${i}` } })).status, 429);
  t.is((await get(httpsPort, code, { from: '127.0.0.3', headers: { 'x-forwarded-for': '198.51.100.7' } })).status, 429, 'a forged address does not escape the limit');
  t.not((await get(httpsPort, code, { from: '127.0.0.4' })).status, 429, 'another client is counted on its own, not as nginx');
});

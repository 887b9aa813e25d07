// Every page of a full node loads in Chromium under the Content-Security-Policy the server sends,
// signed in and showing live data, with no CSP violation (no inline script or style, no eval, no
// connection the policy does not name); and a page on another site cannot frame a console.
import test from 'ava';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { defaultPlugins } from '../../server/plugins.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchChromium } from './browser.ts';

let browser: Browser;
let server: TestServer;
let ticketId: string;
let noticeHtml: string;
let receipt: string;

test.before(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: defaultPlugins(), env: { VOICE_ENGINE: 'none' } })]);
  // Live data on the screens: a visitor at window 1 with a notice, one more waiting.
  const first = await server.api.post('/api/tickets', { service: 'estate' }, 'demo-triage');
  ticketId = first.body.id;
  await server.api.window('1', 'next');
  await server.api.post('/api/tickets', { service: 'estate', lane: 'elderly' }, 'demo-triage');
  await server.api.post('/api/tickets', { service: 'business' }, 'demo-kiosk');
  const notice = await server.api.post('/api/windows/1/notice', { missing: ['购房合同'], print: false }, 'demo-clerk-1');
  if (notice.status !== 201) throw new Error(`notice: ${notice.status} ${JSON.stringify(notice.body)}`);
  noticeHtml = notice.body.html;
  const application = await server.api.post('/api/windows/1/applications', { materials: ['购房合同'], print: false }, 'demo-clerk-1');
  if (application.status !== 201) throw new Error(`application: ${application.status} ${JSON.stringify(application.body)}`);
  receipt = application.body.application.receipt;
});

test.after.always(async () => {
  await browser?.close();
  await server?.close();
});

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

/** Opens a page with these localStorage entries, waits for its element and live data, returns what CSP refused. */
async function visit(path: string, storage: Record<string, string>, element?: string): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript((entries) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    const seen: Violation[] = [];
    (window as unknown as { __csp: Violation[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` }),
    );
  }, storage);
  const page = await context.newPage();
  const consoleCsp: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) consoleCsp.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    if (/Content.Security.Policy|eval/i.test(e.message)) consoleCsp.push(`pageerror: ${e.message}`);
  });
  const res = await page.goto(server.url + path);
  if (!res?.ok()) throw new Error(`${path}: ${res?.status()}`);
  if (element)
    await page.waitForFunction((tag) => (document.querySelector(tag)?.shadowRoot?.childElementCount ?? 0) > 0, element, { timeout: 30_000 });
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  const violations = await page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp.map((v) => `${v.directive} blocked ${v.blocked || '(inline)'} ${v.sample} at ${v.source}`));
  return { page, violations: [...violations, ...consoleCsp] };
}

const token = (scope: string, value: string) => ({ [`onewindow.token.default:${scope}`]: value });

const PAGES: [path: () => string, element: string | undefined, storage: Record<string, string>, label?: string][] = [
  [() => '/', undefined, {}],
  [() => '/wall', 'ow-wall', { 'onewindow.wall.sound': 'on' }],
  [() => '/window/1', 'ow-window-led', {}],
  [() => '/window/1?w=192&h=32', 'ow-window-led', {}],
  [() => '/triage', 'ow-triage', token('triage', 'demo-triage')],
  [() => '/clerk/1', 'ow-clerk', token('clerk-1', 'demo-clerk-1')],
  [() => '/kiosk', 'ow-kiosk', token('kiosk', 'demo-kiosk')],
  [() => `/t/${ticketId}`, 'ow-ticket-status', {}, '/t/<id>'],
  [() => '/book', 'ow-book', {}],
  [() => '/check-in', 'ow-check-in', token('kiosk', 'demo-kiosk')],
  [() => '/backoffice', 'ow-backoffice', { 'onewindow.backoffice.token': 'demo-approver' }],
  [() => '/clerk-assist/1', 'ow-clerk-assist', token('clerk-1', 'demo-clerk-1')],
  [() => '/backoffice/applications', 'ow-application-list', { 'onewindow.backoffice.token': 'demo-approver' }],
  [() => `/a/${receipt}`, 'ow-application-status', {}, '/a/<receipt>'],
  [() => '/dashboard', 'ow-dashboard', { 'onewindow.dashboard.token': 'demo-admin' }],
  [() => '/rate/1', 'ow-rating-device', token('rate-1', 'demo-rater-1')],
  [() => `/api/tickets/${ticketId}/ticket.html`, undefined, {}, '/api/tickets/<id>/ticket.html'],
  [() => noticeHtml, undefined, {}, '/api/notices/<id>.html'],
];

for (const [path, element, storage, label] of PAGES) {
  test(`${label ?? path()} loads${Object.keys(storage).length ? ' signed in' : ''} with no CSP violation`, async (t) => {
    const { page, violations } = await visit(path(), storage, element);
    t.teardown(() => page.context().close());
    t.deepEqual(violations, [], path());
    if (element) t.true(await page.evaluate((tag) => (document.querySelector(tag)?.shadowRoot?.textContent ?? '').trim().length > 0, element), `${path()} rendered`);
  });
}

test('the probe sees violations: an inline script injected into a page is refused and reported', async (t) => {
  const { page } = await visit('/wall', {}, 'ow-wall');
  t.teardown(() => page.context().close());
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return {
      ran: (window as unknown as { __ran?: boolean }).__ran === true,
      seen: (window as unknown as { __csp: Violation[] }).__csp.map((v) => v.directive),
    };
  });
  t.false(ran.ran);
  t.true(ran.seen.some((d) => d.startsWith('script-src')));
});

test('a page on another site cannot frame the clerk console (frame-ancestors)', async (t) => {
  let framer: Server | undefined;
  const port = await new Promise<number>((resolve) => {
    framer = createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/inner') return res.end('<!doctype html><p id="mark">inner page</p>');
      res.end(`<!doctype html><iframe id="own" src="/inner"></iframe><iframe id="console" src="${server.url}/clerk/1"></iframe>`);
    }).listen(0, '127.0.0.1', () => resolve((framer!.address() as AddressInfo).port));
  });
  t.teardown(() => new Promise<void>((r) => framer!.close(() => r())));
  const context = await browser.newContext();
  t.teardown(() => context.close());
  const page = await context.newPage();
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  // localhost is another origin than 127.0.0.1:<server port>: a different site frames the console.
  await page.goto(`http://localhost:${port}/`);
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  const own = page.frames().find((f) => f.url().endsWith('/inner'));
  t.truthy(await own?.$('#mark'), 'control: a frame the framer may show does load');
  const consoleFrame = page.frames().find((f) => f !== page.mainFrame() && !f.url().endsWith('/inner'));
  t.truthy(consoleFrame);
  t.is(await consoleFrame!.$('ow-clerk'), null, 'the console did not load in the frame');
  t.true(messages.some((m) => /frame-ancestors/.test(m)), messages.join('\n'));
});

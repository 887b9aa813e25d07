// Every page at the screen sizes halls use — 1920×1080 and 1280×720 walls, a 1366×768 desk, a
// 1080×1920 portrait kiosk, a 390×844 phone — with live data, the offline mark and a kiosk error
// shown: no character drawn as a missing-glyph box, no text cut by its box or off the screen, and a
// wall that fits a 1280×720 screen without scrolling. A failing screen is saved as a picture.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { FONT_STACK } from '../../displays/pages/shell.ts';
import { defaultPlugins } from '../../server/plugins.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { DEMO, launchChromium } from './browser.ts';
import { checkScreen, installScreenChecks, type ScreenReport } from './screen-checks.ts';

const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1080, height: 1920 },
  { width: 390, height: 844 },
] as const;

/** Where pictures of failing screens go: a temp folder made on the first one. */
let shots: string | undefined;
const shotsDir = () => (shots ??= mkdtempSync(join(tmpdir(), 'onewindow-viewports-')));

let browser: Browser;
let server: TestServer;
let waitingTicket = '';
/** (font, character) pairs found to draw as glyphs, kept across screens so each is drawn once. */
const knownGood = new Set<string>();

test.before(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: defaultPlugins(), env: { VOICE_ENGINE: 'none' } })]);
  const plan: [string, string][] = [
    ['business', 'normal'], ['business', 'elderly'], ['social', 'normal'], ['social', 'normal'], ['estate', 'normal'],
    ['tax', 'green'], ['medical', 'normal'], ['pickup', 'normal'], ['business', 'normal'], ['social', 'elderly'],
    ['business', 'normal'], ['estate', 'normal'], ['social', 'normal'], ['complaints', 'normal'], ['tax', 'normal'], ['medical', 'green'],
  ];
  for (const [service, lane] of plan) await server.api.post('/api/tickets', { service, lane }, DEMO.triage);
  for (const w of ['1', '2', '3', '4', '6', '8']) await server.api.post(`/api/windows/${w}/next`, {}, DEMO.clerk(w));
  await server.api.post('/api/windows/1/start', {}, DEMO.clerk('1'));
  await server.api.post('/api/windows/5/pause', {}, DEMO.clerk('5'));
  await server.api.post('/api/windows/7/close', {}, DEMO.clerk('7'));
  // A help request in the back office, asked about a medical-insurance visitor.
  // The snapshot's windows are slim (no service): each window's whole ticket is at GET /api/windows/:id.
  const state = (await server.api.get('/api/state')).body as { windows: { id: string }[] };
  const details = await Promise.all(state.windows.map(async (w) => (await server.api.get(`/api/windows/${w.id}`)).body.window as { id: string; current?: { serviceId: string } }));
  const medical = details.find((w) => w.current?.serviceId === 'medical');
  if (!medical) throw new Error('no window called a medical-insurance ticket');
  const asked = await server.api.post(`/api/windows/${medical.id}/assist`, { question: '异地就医备案需要哪些材料？' }, DEMO.clerk(medical.id));
  if (asked.status !== 201) throw new Error(`assist: ${asked.status} ${JSON.stringify(asked.body)}`);
  const all = [...new Set(plan.map(([service]) => service))].join(',');
  const queue = (await server.api.get(`/api/queue?service=${all}`)).body as { tickets: { id: string; ahead?: number }[] };
  waitingTicket = queue.tickets.findLast((q) => (q.ahead ?? 0) > 0)!.id;
});

test.after.always(async () => {
  await browser?.close();
  await server?.close();
});

/** Signed in everywhere, as the desks of a hall would be. */
const STORAGE: Record<string, string> = {
  'onewindow.token.default:triage': DEMO.triage,
  'onewindow.token.default:kiosk': DEMO.kiosk,
  'onewindow.token.default:clerk-1': DEMO.clerk('1'),
  'onewindow.backoffice.token': 'demo-approver',
  'onewindow.dashboard.token': 'demo-admin',
};

/** A browser tab whose live connection can be cut, as a network cable pulled out would. */
interface Tab {
  context: BrowserContext;
  page: Page;
  goOffline(): Promise<void>;
  goOnline(): void;
}

async function openTab(viewport: { width: number; height: number }): Promise<Tab> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.addInitScript((entries) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, STORAGE);
  let offline = false;
  const sockets = new Set<WebSocketRoute>();
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (offline) return void ws.close();
    ws.connectToServer();
    sockets.add(ws);
  });
  await context.route(/\/socket\.io\//, (route) => (offline ? route.abort() : route.continue()));
  const page = await context.newPage();
  return {
    context,
    page,
    async goOffline() {
      offline = true;
      for (const ws of sockets) await ws.close().catch(() => {});
      sockets.clear();
    },
    goOnline() {
      offline = false;
    },
  };
}

interface Screen {
  name: string;
  path: () => string;
  ready: (p: Page) => Promise<unknown>;
  /** Brings the page into a state worth checking as well (offline, an error). */
  variants?: Record<string, (tab: Tab) => Promise<unknown>>;
}

const offline = async (tab: Tab) => {
  await tab.goOffline();
  await tab.page.locator('[data-test=offline]').first().waitFor({ timeout: 15_000 });
};

const SCREENS: Screen[] = [
  { name: 'index', path: () => '/', ready: (p) => p.locator('h1').waitFor() },
  { name: 'wall', path: () => '/wall', ready: (p) => p.locator('[data-test=newest-number]').waitFor(), variants: { offline } },
  { name: 'window-led', path: () => '/window/3', ready: (p) => p.locator('[data-test=led-text]', { hasText: /[A-G]\d{3}/ }).waitFor({ state: 'attached' }) },
  { name: 'triage', path: () => '/triage', ready: (p) => p.locator('[data-test=waiting-business]').waitFor(), variants: { offline } },
  { name: 'clerk', path: () => '/clerk/1', ready: (p) => p.locator('[data-test=current-number]', { hasText: /[A-G]\d{3}/ }).waitFor(), variants: { offline } },
  {
    name: 'kiosk',
    path: () => '/kiosk',
    ready: (p) => p.locator('[data-test=service-business]').waitFor(),
    variants: {
      offline,
      async error(tab) {
        await tab.page.route('**/api/tickets', (r) => r.fulfill({ status: 409, json: { error: { code: 'service_closed', message: '该业务今日已停止取号' } } }));
        await tab.page.locator('[data-test=service-medical]').click();
        await tab.page.locator('.error[role=alert]').waitFor();
      },
      'check-in': async (tab) => {
        await tab.page.locator('[data-test=appointment]').click();
        await tab.page.locator('ow-appointment-check-in [data-key="⌫"]').waitFor();
      },
      'collect-result': async (tab) => {
        await tab.page.locator('[data-test=collect-result]').click();
        await tab.page.locator('[data-test=receipt-scan]').waitFor();
      },
    },
  },
  { name: 'ticket-status', path: () => `/t/${waitingTicket}`, ready: (p) => p.locator('[data-test=status-headline]', { hasText: '前面' }).waitFor() },
  { name: 'book', path: () => '/book', ready: (p) => p.locator('select#service option').first().waitFor({ state: 'attached' }) },
  { name: 'check-in', path: () => '/check-in', ready: (p) => p.locator('input[name=who]').waitFor() },
  { name: 'backoffice', path: () => '/backoffice', ready: (p) => p.locator('.req').first().waitFor() },
  { name: 'dashboard', path: () => '/dashboard', ready: (p) => p.locator('#c-issued').waitFor() },
];

function problems(report: ScreenReport, mustFit: boolean): string[] {
  const out = [
    ...report.glyphs.map((g) => `missing glyph U+${g.char.codePointAt(0)!.toString(16).toUpperCase()} "${g.char}" in ${g.where}`),
    ...report.clipped.map((c) => `text "${c.text}" cut (${c.by}) at ${c.where}`),
  ];
  const s = report.scroll;
  if (s.width > s.viewWidth + 1) out.push(`page scrolls sideways: ${s.width}px content in ${s.viewWidth}px`);
  if (mustFit && s.height > s.viewHeight + 1) out.push(`page scrolls: ${s.height}px content in ${s.viewHeight}px`);
  return out;
}

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}x${viewport.height}`;
  // One screen size after another: the machine's two cores serve the pages, the browser and the checks.
  test.serial(`every page at ${size}: no missing glyphs, no cut text`, async (t) => {
    t.timeout(240_000);
    const failures: string[] = [];
    const tab = await openTab(viewport);
    try {
      for (const screen of SCREENS) {
        for (const [variant, into] of [['', undefined], ...Object.entries(screen.variants ?? {})] as const) {
          const label = `${screen.name}${variant ? `-${variant}` : ''}-${size}`;
          tab.goOnline();
          await tab.page.goto(server.url + screen.path());
          await screen.ready(tab.page);
          await into?.(tab);
          // The wall is a screen on a wall, and a clerk has no time to scroll: at the sizes they are
          // made for, everything (the clerk's shortcut line too) fits without scrolling.
          const landscape = viewport.width > viewport.height;
          const mustFit = landscape && ((screen.name === 'wall' && viewport.width >= 1280) || (screen.name === 'clerk' && viewport.width >= 1366));
          const found = problems(await checkScreen(tab.page, knownGood), mustFit);
          // SCREENSHOTS=all keeps a picture of every screen, for a person to look over.
          const shot = found.length || process.env.SCREENSHOTS === 'all' ? join(shotsDir(), `${label}.png`) : '';
          if (shot) await tab.page.screenshot({ path: shot, animations: 'disabled' });
          if (found.length) {
            const shown = found.length > 12 ? [...found.slice(0, 12), `… and ${found.length - 12} more`] : found;
            failures.push(`${label} (${shot}):\n  ${shown.join('\n  ')}`);
          }
        }
      }
    } finally {
      await tab.context.close();
    }
    t.deepEqual(failures, []);
  });
}

test.serial('the check finds an emoji drawn as a box and text cut by its box', async (t) => {
  const tab = await openTab({ width: 390, height: 844 });
  try {
    // The old sound switch (an emoji no installed font has), and a label too long for its fixed box.
    await tab.page.setContent(`<body style="font-family:${FONT_STACK.replace(/"/g, "'")}">
      <button>🔊 声音开 Sound on</button>
      <div style="width:120px;overflow:hidden;white-space:nowrap">叫号台 Clerk console shortcuts</div>
      <div style="width:120px;overflow:hidden;white-space:nowrap" data-may-clip>滚动通知 a scrolling notice line</div>
      <p>号码 A012 → 3 号窗口 ✓</p></body>`);
    await installScreenChecks(tab.page);
    const report = await checkScreen(tab.page, new Set());
    t.deepEqual(report.glyphs.map((g) => g.char), ['🔊']);
    t.deepEqual(report.clipped.map((c) => c.text), ['叫号台 Clerk console shortcuts']);
  } finally {
    await tab.context.close();
  }
});

test.serial('the back office names services, the dashboard says what its number is, and the wall tells a closed window from a paused one', async (t) => {
  const tab = await openTab({ width: 1366, height: 768 });
  try {
    await tab.page.goto(`${server.url}/backoffice`);
    const meta = await tab.page.locator('.req .meta').first().innerText();
    t.regex(meta, /医保/, 'the service by its Chinese name');
    t.notRegex(meta, /\bmedical\b/, 'not its id');
    await tab.page.goto(`${server.url}/dashboard`);
    // The figures come over the live connection after the page loads: wait for them, then read.
    await tab.page.locator('ow-dashboard [data-test=event-id]').filter({ hasText: /\d/ }).waitFor({ timeout: 10_000 });
    const bar = await tab.page.locator('ow-dashboard .bar').innerText();
    t.notRegex(bar, /#\d+/, 'no bare "#20"');
    t.regex(bar, /第 \d+ 条事件/, 'the number is named');
    await tab.page.goto(`${server.url}/wall`);
    const paused = tab.page.locator('[data-test=window-5]');
    const closed = tab.page.locator('[data-test=window-7]');
    await paused.waitFor();
    t.regex(await paused.innerText(), /暂停/);
    t.regex(await closed.innerText(), /关闭/);
    const look = (l: typeof paused) => l.evaluate((el) => getComputedStyle(el).backgroundColor + getComputedStyle(el).borderColor);
    t.not(await look(paused), await look(closed), 'the two tiles look different');
  } finally {
    await tab.context.close();
  }
});

test.serial('the index page is light with dark text to its end, below the first screen too', async (t) => {
  const tab = await openTab({ width: 390, height: 844 });
  try {
    await tab.page.goto(`${server.url}/`);
    await tab.page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    t.true(await tab.page.evaluate('document.documentElement.scrollHeight > innerHeight'), 'the page is longer than the screen');
    // Below the body's box the page shows the root element's background; the text is the body's colour.
    const ratio: number = await tab.page.evaluate(`(() => {
      const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
      const lum = (c) => {
        const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const back = lum(getComputedStyle(document.documentElement).backgroundColor);
      const text = lum(getComputedStyle(document.body).color);
      return (Math.max(back, text) + 0.05) / (Math.min(back, text) + 0.05);
    })()`);
    t.true(ratio >= 4.5, `contrast ${ratio.toFixed(1)}:1`);
  } finally {
    await tab.context.close();
  }
});

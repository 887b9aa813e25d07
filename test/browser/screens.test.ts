// Every page at its target size, screenshotted into test/artifacts/ for a person to look at,
// with a hall in mid-morning state; and a check that Chinese renders as glyphs, not empty boxes.
import test from 'ava';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { serviceFeatures } from '../helpers/features.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ARTIFACTS, DEMO, launchChromium, openPage } from './browser.ts';

let browser: Browser;
let server: TestServer;
let waitingId = '';
let calledId = '';

test.before(async () => {
  // With the knowledge base, appointments, assist and estimates, as a hall runs (their panels are in the pictures).
  [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: [...serviceFeatures(), pagesPlugin(), metricsPlugin()] })]);
  // A hall with queues, calls at several windows, a paused window.
  const plan: [string, string][] = [
    ['business', 'normal'], ['business', 'elderly'], ['social', 'normal'], ['social', 'normal'], ['estate', 'normal'],
    ['tax', 'green'], ['medical', 'normal'], ['pickup', 'normal'], ['business', 'normal'], ['social', 'elderly'],
    ['business', 'normal'], ['estate', 'normal'], ['social', 'normal'], ['complaints', 'normal'], ['tax', 'normal'],
  ];
  for (const [service, lane] of plan) await server.api.post('/api/tickets', { service, lane }, DEMO.triage);
  for (const w of ['1', '2', '3', '4', '6', '8']) await server.api.post(`/api/windows/${w}/next`, {}, DEMO.clerk(w));
  await server.api.post('/api/windows/1/start', {}, DEMO.clerk('1'));
  await server.api.post('/api/windows/5/pause', {}, DEMO.clerk('5'));
  await server.api.post('/api/windows/3/next', {}, DEMO.clerk('3'));
  const state = (await server.api.get('/api/state')).body as { windows: { id: string; current?: { id: string } }[] };
  const all = [...new Set(plan.map(([service]) => service))].join(',');
  const queue = (await server.api.get(`/api/queue?service=${all}`)).body as { tickets: { id: string; ahead?: number }[] };
  // One with people ahead of it, for the status page.
  waitingId = queue.tickets.findLast((q) => (q.ahead ?? 0) > 0)!.id;
  calledId = state.windows.find((w) => w.id === '3')!.current!.id;
});

test.after.always(async () => {
  await browser?.close();
  await server?.close();
});

const TOKENS = { 'default:triage': DEMO.triage, 'default:kiosk': DEMO.kiosk, 'default:clerk-1': DEMO.clerk('1') };

async function shoot(path: string, name: string, width: number, height: number, ready: (p: Page) => Promise<unknown>, then?: (p: Page) => Promise<unknown>) {
  const { context, page, errors } = await openPage(browser, `${server.url}${path}`, { width, height, tokens: TOKENS });
  await ready(page);
  await then?.(page);
  // Freeze the notice marquee and blinking so the picture is stable.
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled' });
  await context.close();
  return errors;
}

test.serial('each page at its target size', async (t) => {
  const shots: [string, string, number, number, (p: Page) => Promise<unknown>, ((p: Page) => Promise<unknown>)?][] = [
    ['/', 'index', 1280, 900, (p) => p.locator('h1').waitFor()],
    ['/wall', 'wall-1920x1080', 1920, 1080, (p) => p.locator('[data-test=newest-number]').waitFor()],
    ['/window/3?w=192&h=32', 'window-led-192x32', 192, 32, (p) => p.locator('[data-test=led-text]', { hasText: /[A-G]\d{3}/ }).waitFor({ state: 'attached' })],
    ['/window/3?w=192&h=32&zoom=5', 'window-led-192x32-zoom5', 960, 160, (p) => p.locator('[data-test=led-text]', { hasText: /[A-G]\d{3}/ }).waitFor({ state: 'attached' })],
    ['/window/5?w=128&h=32&zoom=6', 'window-led-paused-128x32-zoom6', 768, 192, (p) => p.locator('[data-test=led-text]', { hasText: '暂停' }).waitFor({ state: 'attached' })],
    ['/window/1', 'window-hdmi-800x480', 800, 480, (p) => p.locator('[data-test=led-text]', { hasText: /[A-G]\d{3}/ }).waitFor({ state: 'attached' })],
    ['/triage', 'triage-1440x900', 1440, 900, (p) => p.locator('[data-test=waiting-business]').waitFor(), async (p) => {
      await p.keyboard.press('2');
      await p.keyboard.press('Enter');
      await p.locator('[data-test=issued-number]').waitFor();
    }],
    ['/clerk/1', 'clerk-1440x900', 1440, 900, (p) => p.locator('[data-test=current-number]', { hasText: /[A-G]\d{3}/ }).waitFor()],
    ['/kiosk', 'kiosk-portrait-1080x1920', 1080, 1920, (p) => p.locator('[data-test=estimate-business]').waitFor()],
    ['/kiosk', 'kiosk-landscape-1920x1080', 1920, 1080, (p) => p.locator('[data-test=service-business]').waitFor()],
    ['/kiosk', 'kiosk-check-in-landscape-1920x1080', 1920, 1080, (p) => p.locator('[data-test=appointment]').waitFor(), async (p) => {
      await p.locator('[data-test=appointment]').click();
      await p.locator('ow-appointment-check-in [data-key="1"]').click();
    }],
    ['/clerk/1', 'clerk-notice-1440x900', 1440, 900, (p) => p.locator('[data-test=current-number]', { hasText: /[A-G]\d{3}/ }).waitFor(), async (p) => {
      await p.keyboard.press('g');
      await p.locator('ow-clerk-notice [data-test=notice-materials] label').first().waitFor();
    }],
    ['/kiosk', 'kiosk-ticket-1080x1920', 1080, 1920, (p) => p.locator('[data-test=service-social]').waitFor(), async (p) => {
      await p.locator('[data-test=elderly]').click();
      await p.locator('[data-test=service-social]').click();
      await p.locator('[data-test=qr] svg').waitFor();
    }],
    [`/t/${waitingId}`, 'status-waiting-390x844', 390, 844, (p) => p.locator('[data-test=status-headline]', { hasText: '前面' }).waitFor()],
    [`/t/${calledId}`, 'status-called-390x844', 390, 844, (p) => p.locator('[data-test=status-headline]', { hasText: '窗口' }).waitFor()],
  ];
  for (const [path, name, w, h, ready, then] of shots) {
    const errors = await shoot(path, name, w, h, (p) => ready(p).then(() => p.evaluate('document.fonts.ready.then(() => true)')), then);
    t.deepEqual(errors, [], name);
  }
  t.pass();
});

test.serial('Chinese renders as glyphs with the pages’ font, not as empty boxes', async (t) => {
  const { context, page } = await openPage(browser, `${server.url}/wall`, { width: 1920, height: 1080 });
  await page.locator('[data-test=newest-number]').waitFor();
  // A plain-JS string: the test file's compiler would add helpers the page does not have.
  const result: { family: string; allInked: boolean; distinct: number; sameAsMissing: number; hallNameWidth: number } = await page.evaluate(`(() => {
    const family = getComputedStyle(document.body).fontFamily;
    // Draws a string and returns its pixels; a missing glyph draws the same box whatever the character.
    const draw = (text) => {
      const c = document.createElement('canvas');
      c.width = 160;
      c.height = 60;
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, c.width, c.height);
      ctx.fillStyle = '#000';
      ctx.font = '40px ' + family;
      ctx.textBaseline = 'top';
      ctx.fillText(text, 4, 6);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      let sig = '';
      for (let i = 0; i < data.length; i += 4) {
        const dark = data[i] < 128;
        if (dark) ink++;
        sig += dark ? '1' : '0';
      }
      return { ink, sig, width: ctx.measureText(text).width };
    };
    // U+10FFFD is a private-use code point no font covers: its rendering is what "no glyph" looks like.
    const missing = draw(String.fromCodePoint(0x10fffd));
    const glyphs = ['叫', '号', '窗', '务'].map(draw);
    return {
      family,
      allInked: glyphs.every((g) => g.ink > 40),
      distinct: new Set(glyphs.map((g) => g.sig)).size,
      sameAsMissing: glyphs.filter((g) => g.sig === missing.sig).length,
      // The text on the page: the hall name is as wide as its characters, not zero or box-wide.
      hallNameWidth: document.querySelector('ow-wall').shadowRoot.querySelector('.hall-zh').getBoundingClientRect().width,
    };
  })()`);
  t.log(result.family);
  t.true(result.allInked, 'CJK glyphs draw ink');
  t.is(result.distinct, 4, 'different characters look different (empty boxes all look alike)');
  t.is(result.sameAsMissing, 0, 'no character looks like a missing glyph');
  t.true(result.hallNameWidth > 300);
  await context.close();
});

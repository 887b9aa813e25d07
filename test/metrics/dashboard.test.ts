// The manager's dashboard in headless Chromium: the admin token typed once and kept, live numbers
// that change when a ticket is called, each window's state, and a CSV export.
import test from 'ava';
import { join } from 'node:path';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { ARTIFACTS, launchChromium } from '../browser/browser.ts';
import { startTestServer } from '../helpers/server.ts';

test('the dashboard shows live figures that change when a ticket is called', async (t) => {
  const server = await startTestServer({ plugins: [metricsPlugin({ pushEveryMs: 50 })] });
  t.teardown(() => server.close());
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await server.api.issue('social');
  await server.api.issue('social', 'elderly');
  await server.api.issue('business');

  await page.goto(`${server.url}/dashboard`);
  await page.locator('#token').fill('demo-admin');
  await page.locator('button[type=submit]').click();
  const counter = (id: string) => page.locator(`#c-${id} b`);
  await counter('issued').filter({ hasText: /^3$/ }).waitFor({ timeout: 15_000 });
  t.is(await counter('called').textContent(), '0');
  t.is(await counter('waiting').textContent(), '3');
  t.is(await page.evaluate(() => localStorage.getItem('onewindow.dashboard.token')), 'demo-admin');

  // A clerk presses next: the dashboard follows without a reload.
  const called = await server.api.window('3', 'next');
  t.is(called.status, 200);
  await counter('called').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
  t.is(await counter('waiting').textContent(), '2');
  t.is(await counter('zero-wait').textContent(), '100.0%');
  await page.locator('tr[data-window="3"] .current').filter({ hasText: called.body.ticket.number }).waitFor({ timeout: 5_000 });
  t.is(await page.locator('tr[data-service="social"] .waiting').textContent(), '1');

  await server.api.window('3', 'pause');
  await page.locator('tr[data-window="3"]').filter({ hasText: 'paused' }).waitFor({ timeout: 5_000 });
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

  // CSV export of today by service.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  t.regex(download.suggestedFilename(), /^district-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-by-service\.csv$/);

  // The token was kept: a reload goes straight to the figures.
  await page.reload();
  await counter('called').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
  t.is(await page.locator('#token').count(), 0);
  t.deepEqual(errors, []);
});

test('a wrong token is refused and asked for again', async (t) => {
  const server = await startTestServer({ plugins: [metricsPlugin()] });
  t.teardown(() => server.close());
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/dashboard`);
  await page.locator('#token').fill('demo-display');
  await page.locator('button[type=submit]').click();
  await page.locator('#token').waitFor({ timeout: 10_000 });
  t.is(await page.evaluate(() => localStorage.getItem('onewindow.dashboard.token')), null);
});

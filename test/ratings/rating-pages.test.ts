// The rating pages in Chromium against a real server: the window's rating device follows its
// window, asks for a rating when the clerk finishes, thanks and goes back to idle; the visitor's
// status page offers the form once the ticket is finished.
import test from 'ava';
import type { Browser } from 'playwright-core';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { serviceFeatures } from '../helpers/features.ts';
import { ratingsPlugin } from '../../server/ratings/plugin.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchChromium, openPage } from '../browser/browser.ts';

let browser: Browser;
let server: TestServer;

test.before(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: [pagesPlugin(), ...serviceFeatures(), ratingsPlugin(), metricsPlugin({ prewarmDays: 0 })] })]);
});
test.after.always(async () => {
  await browser?.close();
  await server?.close();
});

test.serial('rating device: clerk finishes → the levels → tap 非常满意 → thanks → idle; the rating is recorded for that ticket', async (t) => {
  const { page, errors, context } = await openPage(browser, `${server.url}/rate/2`, { width: 1280, height: 800, tokens: { 'default:rate-2': 'demo-rater-2' } });
  t.teardown(() => context.close());
  await page.locator('[data-test=rate-idle]', { hasText: '2' }).waitFor({ timeout: 10_000 });

  const issued = await server.api.issue('tax');
  await server.api.post('/api/windows/2/call', { ticketId: issued.body.id }, 'demo-clerk-2');
  await server.api.window('2', 'finish');

  await page.locator('[data-test=rate-prompt]', { hasText: '请对本次服务进行评价' }).waitFor({ timeout: 5000 });
  const labels = await page.locator('.levels button').allInnerTexts();
  t.deepEqual(labels.map((l) => l.split('\n')[0]), ['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  // Nothing about the visitor on the device: the ticket number is all it shows of the visit.
  t.false((await page.content()).includes(issued.body.id));

  await page.locator('button[data-level=very_satisfied]').click();
  await page.locator('[data-test=rate-thanks]').waitFor({ timeout: 5000 });
  await page.locator('[data-test=rate-idle]').waitFor({ timeout: 10_000 });
  t.like((await server.api.get(`/api/tickets/${issued.body.id}/rating`)).body, { rated: true, level: 'very_satisfied' });
  t.deepEqual(errors, []);
});

test.serial('rating device: a bad level asks for reasons, which are sent with it', async (t) => {
  const { page, errors, context } = await openPage(browser, `${server.url}/rate/3`, { width: 1280, height: 800, tokens: { 'default:rate-3': 'demo-rater-3' } });
  t.teardown(() => context.close());
  await page.locator('[data-test=rate-idle]').waitFor({ timeout: 10_000 });
  const issued = await server.api.issue('social');
  await server.api.post('/api/windows/3/call', { ticketId: issued.body.id }, 'demo-clerk-3');
  await server.api.window('3', 'finish');
  await page.locator('button[data-level=dissatisfied]').click();
  await page.locator('button[data-reason=wait]').click();
  await page.locator('[data-test=rate-submit]').click();
  await page.locator('[data-test=rate-thanks]').waitFor({ timeout: 5000 });
  const report = (await server.api.get('/api/ratings/report?groupBy=level', 'demo-admin')).body;
  t.is(report.groups.find((g: { key: string }) => g.key === 'dissatisfied').ratings, 1);
  t.is((await server.api.get('/api/cases/follow-ups', 'demo-admin')).body.followUps.length, 1);
  t.deepEqual(errors, []);
});

test.serial('status page from the QR link (/t/<id>?k=…): the form appears once the ticket is finished, and a rating is sent from it', async (t) => {
  const issued = await server.api.issue('business');
  const link = new URL(issued.body.statusUrl);
  t.truthy(link.searchParams.get('k'));
  const { page, errors, context } = await openPage(browser, `${server.url}${link.pathname}${link.search}`, { width: 390, height: 844 });
  t.teardown(() => context.close());
  await page.locator('[data-test=status-number]', { hasText: issued.body.number }).waitFor({ timeout: 10_000 });
  t.is(await page.locator('[data-test=rate-form]').count(), 0);
  await server.api.post('/api/windows/1/call', { ticketId: issued.body.id }, 'demo-clerk-1');
  await server.api.window('1', 'finish');
  await page.locator('[data-test=rate-form]').waitFor({ timeout: 5000 });
  await page.locator('button[data-level=satisfied]').click();
  await page.locator('textarea').fill('很快，谢谢');
  await page.locator('[data-test=rate-send]').click();
  await page.locator('[data-test=rate-thanks]').waitFor({ timeout: 5000 });
  t.like((await server.api.get(`/api/tickets/${issued.body.id}/rating`)).body, { rated: true, level: 'satisfied' });
  t.deepEqual(errors, []);
});

test.serial('status page without the QR key (/t/<id>): the finished ticket shows, no form, a note to scan the ticket\'s QR', async (t) => {
  const issued = await server.api.issue('business');
  await server.api.post('/api/windows/1/call', { ticketId: issued.body.id }, 'demo-clerk-1');
  await server.api.window('1', 'finish');
  const { page, errors, context } = await openPage(browser, `${server.url}/t/${issued.body.id}`, { width: 390, height: 844 });
  t.teardown(() => context.close());
  await page.locator('[data-test=status-number]', { hasText: issued.body.number }).waitFor({ timeout: 10_000 });
  await page.locator('[data-test=rate-needs-qr]', { hasText: '请扫描号票上的二维码评价' }).waitFor({ timeout: 5000 });
  t.is(await page.locator('[data-test=rate-form]').count(), 0);
  t.like((await server.api.get(`/api/tickets/${issued.body.id}/rating`)).body, { rateable: true, rated: false });
  t.deepEqual(errors, []);
});

test.serial('the wall shows today\'s satisfaction rate and the dashboard the rate and the open follow-up (ratings of the tests above: 非常满意, 不满意, 满意)', async (t) => {
  // Two of three good: 66.7%. One bad rating: one open follow-up.
  const wall = await openPage(browser, `${server.url}/wall`, { width: 1920, height: 1080 });
  t.teardown(() => wall.context.close());
  await wall.page.locator('[data-test=wall-satisfaction]', { hasText: '66.7%' }).waitFor({ timeout: 10_000 });
  const dash = await openPage(browser, `${server.url}/dashboard`, { width: 1440, height: 900 });
  t.teardown(() => dash.context.close());
  await dash.page.evaluate(() => localStorage.setItem('onewindow.dashboard.token', 'demo-admin'));
  await dash.page.reload();
  await dash.page.locator('[data-test=satisfaction-rate]', { hasText: '66.7%' }).waitFor({ timeout: 10_000 });
  await dash.page.locator('[data-test=follow-ups] tbody tr').first().waitFor({ timeout: 10_000 });
  t.is(await dash.page.locator('[data-test=follow-ups] tbody tr').count(), 1);
  t.regex(await dash.page.locator('[data-test=follow-ups] tbody tr').first().innerText(), /不满意/);
  t.deepEqual([...wall.errors, ...dash.errors], []);
});

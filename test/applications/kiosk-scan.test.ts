// The kiosk's 领取办理结果 in Chromium against a real server: scanning a ready receipt's QR link
// shows a number in the pickup service (F…) on the result screen; a receipt still in approval gets
// the Chinese "not ready" message and no number.
import test from 'ava';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { DEMO, launchChromium, openPage } from '../browser/browser.ts';
import { at, startAppsServer } from './helpers.ts';

test('a visitor scans a ready receipt at the kiosk and gets a pickup number', async (t) => {
  const server = await startAppsServer(at('2026-11-02', '10:00'), [pagesPlugin()]);
  t.teardown(() => server.close());
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const reg = async () => (await server.api.post('/api/windows/2/applications', { service: 'estate', materials: [], print: false }, 'demo-clerk-2')).body.application.receipt as string;
  const ready = await reg();
  const waiting = await reg();
  t.is((await server.api.post(`/api/applications/${ready}/approve`, {}, 'demo-approver')).status, 200);

  const { page, errors } = await openPage(browser, `${server.url}/kiosk`, { width: 1080, height: 1920, tokens: { 'default:kiosk': DEMO.kiosk } });
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await page.locator('[data-test=collect-result]').click();
  // Not decided yet: a message, no number.
  await page.locator('[data-test=receipt-scan]').fill(waiting);
  await page.locator('[data-test=receipt-scan]').press('Enter');
  await page.locator('[data-test=scan-message]', { hasText: '尚未办结' }).waitFor();
  t.is(await page.locator('[data-test=kiosk-number]').count(), 0);
  // The scanner types the QR's link and Enter, into the field that has the focus.
  await page.keyboard.type(`${server.url}/a/${ready}`);
  await page.keyboard.press('Enter');
  const number = (await page.locator('[data-test=kiosk-number]').textContent({ timeout: 10_000 }))?.trim();
  t.regex(number ?? '', /^F\d{3}$/);
  t.deepEqual(violations, []);
  t.deepEqual(errors, []);
});

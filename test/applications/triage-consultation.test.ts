// The triage desk logs phone consultations from its page (Chromium, real server): service and
// minutes, one key; the hall's period summary counts exactly what was logged.
import test from 'ava';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { DEMO, launchChromium, openPage } from '../browser/browser.ts';
import { at, startAppsServer } from './helpers.ts';

test('the triage page logs phone consultations and the summary counts them', async (t) => {
  const server = await startAppsServer(at('2026-11-02', '10:00'), [pagesPlugin(), metricsPlugin({ prewarmDays: 0 })]);
  t.teardown(() => server.close());
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const triage = await openPage(browser, `${server.url}/triage`, { width: 1440, height: 1200, tokens: { 'default:triage': DEMO.triage } });
  const violations: string[] = [];
  triage.page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  const log = triage.page.locator('ow-consultation-log');
  await log.locator('option[value="estate"]').waitFor({ state: 'attached', timeout: 5000 });

  await log.locator('[data-test=consultation-service]').selectOption('estate');
  await log.locator('[data-test=consultation-minutes]').fill('7');
  await log.locator('[data-test=consultation-log]').click();
  await log.locator('[data-test=consultation-logged]', { hasText: '已记 1 次' }).waitFor({ timeout: 10_000 });
  await log.locator('[data-test=consultation-service]').selectOption('business');
  await log.locator('[data-test=consultation-minutes]').fill('4');
  await log.locator('[data-test=consultation-minutes]').press('Enter');
  await log.locator('[data-test=consultation-logged]', { hasText: '已记 2 次' }).waitFor({ timeout: 10_000 });

  const summary = (await server.api.get('/api/reports/summary?from=2026-11-02&to=2026-11-02', 'demo-admin')).body;
  t.deepEqual(summary.consultations, { count: 2, minutes: 11, byService: { estate: { count: 1, minutes: 7 }, business: { count: 1, minutes: 4 } } });
  t.deepEqual(triage.errors, []);
  t.deepEqual(violations, []);
});

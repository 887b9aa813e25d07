// The pickup window page (/pickup/<window>) in Chromium against a real server: a scanned receipt
// link brings the application up with the visitor's name to check and nothing more personal; the
// clerk records the pickup; a clerk of another window is refused. Plus the receipt reader.
import test from 'ava';
import { applicationPagesPlugin } from '../../displays/applications/pages.ts';
import { receiptIn } from '../../displays/applications/pickup/ow-pickup-desk.ts';
import { launchChromium } from '../browser/browser.ts';
import { at, startAppsServer } from './helpers.ts';

test('the receipt number in what a clerk types or a scanner sends', (t) => {
  t.is(receiptIn('DISTRICT-20261102-0001'), 'DISTRICT-20261102-0001');
  t.is(receiptIn(' district-20261102-0001 '), 'DISTRICT-20261102-0001');
  t.is(receiptIn('https://hall.example/a/DISTRICT-20261102-0012'), 'DISTRICT-20261102-0012');
  t.is(receiptIn('A001'), undefined);
});

test('the pickup window scans a receipt, checks the visitor and records the pickup', async (t) => {
  const server = await startAppsServer(at('2026-11-02', '10:00'), [applicationPagesPlugin()]);
  t.teardown(() => server.close());
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const visitor = { name: '王小明', phone: '13912345678' };
  const reg = await server.api.post('/api/windows/2/applications', { service: 'estate', materials: [], visitor, company: '示范科技有限公司', print: false }, 'demo-clerk-2');
  const receipt: string = reg.body.application.receipt;
  server.clock.now = at('2026-11-04', '15:00');
  t.is((await server.api.post(`/api/applications/${receipt}/approve`, {}, 'demo-approver')).status, 200);
  // The API gives the pickup clerk no phone either.
  const viaApi = await server.api.get(`/api/applications/${receipt}`, 'demo-clerk-8');
  t.is(viaApi.body.visitor.name, visitor.name);
  t.false(JSON.stringify(viaApi.body).includes(visitor.phone));

  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await page.goto(`${server.url}/pickup/8`);
  await page.locator('ow-pickup-desk input[name="token"]').fill('demo-clerk-8');
  await page.locator('ow-pickup-desk button[type="submit"]').click();
  // A scanner types the QR's link and Enter.
  await page.locator('ow-pickup-desk [data-test="receipt-input"]').fill(`${server.url}/a/${receipt}`);
  await page.locator('ow-pickup-desk [data-test="receipt-input"]').press('Enter');
  await page.locator('ow-pickup-desk [data-test="status"]', { hasText: '可领取' }).waitFor();
  const card = (await page.locator('ow-pickup-desk [data-test="application"]').textContent()) ?? '';
  t.true(card.includes(visitor.name) && card.includes(receipt));
  t.false(card.includes(visitor.phone));
  await page.locator('ow-pickup-desk [data-test="pickup"]').click();
  await page.locator('ow-pickup-desk [data-test="done"]').waitFor();
  await page.locator('ow-pickup-desk [data-test="status"]', { hasText: '已领取' }).waitFor();
  t.is((await server.api.get(`/api/applications/${receipt}/status`)).body.stage, 'picked_up');

  // Window 1's clerk does not hand out results.
  const other = await browser.newPage();
  await other.goto(`${server.url}/pickup/1`);
  await other.locator('ow-pickup-desk input[name="token"]').fill('demo-clerk-1');
  await other.locator('ow-pickup-desk button[type="submit"]').click();
  await other.locator('ow-pickup-desk [data-test="receipt-input"]').fill(receipt);
  await other.locator('ow-pickup-desk [data-test="receipt-input"]').press('Enter');
  await other.locator('ow-pickup-desk [role="alert"]').waitFor();
  t.is(await other.locator('ow-pickup-desk [data-test="application"]').count(), 0);
  t.deepEqual(violations, []);
});

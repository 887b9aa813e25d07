// The applications pages in Chromium: the visitor's /a/<receipt> follows the application from
// "being approved" to "ready", with nothing personal on it; the approvers' work list marks an
// overdue application and approves it from the page. Plus the pure progress logic.
import test from 'ava';
import { applicationPagesPlugin } from '../../displays/applications/pages.ts';
import { progressSteps } from '../../displays/logic/application-progress.ts';
import { launchChromium } from '../browser/browser.ts';
import { at, startAppsServer } from './helpers.ts';

test('progress steps: what is done, what is next', (t) => {
  t.deepEqual(progressSteps('approving', 'pickup').map((s) => s.state), ['done', 'current', 'todo', 'todo']);
  t.deepEqual(progressSteps('ready', 'pickup').map((s) => s.state), ['done', 'done', 'current', 'todo']);
  t.deepEqual(progressSteps('mailed', 'mail').map((s) => s.state), ['done', 'done', 'done', 'done']);
  t.regex(progressSteps('returned', 'pickup')[1]!.label, /补正/);
});

test('the visitor’s progress page and the back-office work list', async (t) => {
  const server = await startAppsServer(at('2026-09-30', '10:00'), [applicationPagesPlugin()]);
  t.teardown(() => server.close());
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const reg = await server.api.post(
    '/api/windows/1/applications',
    { service: 'business', materials: ['公司章程'], visitor: { name: '王小明', phone: '13912345678' }, company: '示范科技有限公司', print: false },
    'demo-clerk-1',
  );
  const receipt: string = reg.body.application.receipt;

  const visitor = await browser.newPage();
  const violations: string[] = [];
  visitor.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await visitor.goto(`${server.url}/a/${receipt}`);
  await visitor.locator('ow-application-status [data-testid="stage"]', { hasText: '审批中' }).waitFor();
  const body = (await visitor.locator('ow-application-status').evaluate((el) => el.shadowRoot!.textContent)) ?? '';
  t.true(body.includes('2026-10-08'));
  t.false(body.includes('王小明') || body.includes('13912345678') || body.includes('示范科技'));

  // Past the promise: the work list marks it; the approver approves from the page.
  server.clock.now = at('2026-10-09', '09:00');
  const office = await browser.newPage();
  office.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await office.goto(`${server.url}/backoffice/applications`);
  await office.locator('ow-application-list input[name="token"]').fill('demo-approver');
  await office.locator('ow-application-list button[type="submit"]').click();
  const row = office.locator(`ow-application-list .app[data-receipt="${receipt}"]`);
  await row.waitFor();
  t.true(await row.evaluate((el) => el.classList.contains('overdue')));
  t.regex((await row.textContent()) ?? '', /已超期/);
  await row.locator('button.approve').click();
  await office.locator('ow-application-list', { hasText: '暂无待审批' }).waitFor();
  t.is((await server.api.get(`/api/applications/${receipt}/status`)).body.stage, 'ready');

  await visitor.reload();
  await visitor.locator('ow-application-status [data-testid="stage"]', { hasText: '可领取' }).waitFor();
  t.is((await fetch(`${server.url}/a/not-a-receipt`)).status, 404);
  t.deepEqual(violations, []);
});

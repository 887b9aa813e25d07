// The clerk's assist panel in Chromium: one key asks the back office about the visitor at the
// counter; the approver's accept, message and answer appear live; the notice form lists the
// service's materials from the knowledge base and issues the notice.
import test from 'ava';
import { chromium } from 'playwright-core';
import { currentRequest, tokenKeys } from '../../displays/assist/clerk-assist/logic.ts';
import { serviceFeatures } from '../helpers/features.ts';
import { startTestServer } from '../helpers/server.ts';

test('panel logic: the pending request first; the clerk console’s stored token is reused', (t) => {
  const base = { ticketId: 't', ticketNumber: 'A001', serviceId: 's', question: 'q', askedBy: 'c', messages: [], windowId: '3' };
  const list = [
    { ...base, id: 'old', status: 'answered' as const, askedAt: 1 },
    { ...base, id: 'new', status: 'open' as const, askedAt: 2 },
    { ...base, id: 'other', status: 'open' as const, askedAt: 3, windowId: '4' },
  ];
  t.is(currentRequest(list, '3')!.id, 'new');
  t.is(tokenKeys('', '3')[0], 'onewindow.token.default:clerk-3');
});

test('a clerk asks from the panel and sees the approver’s answer arrive; the notice lists the KB materials', async (t) => {
  const server = await startTestServer({ plugins: [...serviceFeatures()] });
  t.teardown(() => server.close());
  await server.api.post('/api/tickets', { service: 'tax' }, 'demo-triage');
  await server.api.window('4', 'next');

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${server.url}/clerk-assist/4`);
  await page.locator('ow-clerk-assist input[name="token"]').fill('demo-clerk-4');
  await page.locator('ow-clerk-assist button', { hasText: '登录' }).click();
  await page.locator('ow-clerk-assist [data-testid="ticket"]', { hasText: 'D001' }).waitFor();

  await page.locator('ow-clerk-assist textarea[name="question"]').fill('个体户代开专票税率是多少？');
  await page.locator('ow-clerk-assist button.assist').click();
  await page.locator('ow-clerk-assist [data-testid="status"]', { hasText: '等待接单' }).waitFor();

  const id = (await server.api.get('/api/assist', 'demo-approver')).body.requests[0].id;
  await server.api.post(`/api/assist/${id}/accept`, {}, 'demo-approver');
  await page.locator('ow-clerk-assist [data-testid="status"]', { hasText: '后台审批 已接单' }).waitFor();
  await server.api.post(`/api/assist/${id}/answer`, { answer: '小规模纳税人按1%征收率代开。' }, 'demo-approver');
  await page.locator('ow-clerk-assist [data-testid="answer"]', { hasText: '按1%征收率' }).waitFor();

  // The notice: the tax service's materials from the knowledge base, tick one, print.
  await page.locator('ow-clerk-assist form.notice input[value="授权委托书"]').check();
  await page.locator('ow-clerk-assist form.notice button[type="submit"]').click();
  const href = await page.locator('ow-clerk-assist [data-testid="notice-link"]').getAttribute('href');
  const noticePage = await (await fetch(server.url + href)).text();
  t.true(noticePage.includes('1. 授权委托书（原件）'));
  t.false(noticePage.includes('营业执照（'));
});

// The /backoffice page in Chromium: an approver signs in with a token, a clerk's request appears
// live, the approver accepts and answers it from the page, and the clerk's API view shows the answer.
import test from 'ava';
import { chromium } from 'playwright-core';
import { ordered, upsert, waited } from '../../displays/assist/backoffice/logic.ts';
import type { AssistRequest } from '../../server/assist/contract.ts';
import { serviceFeatures } from '../helpers/features.ts';
import { startTestServer } from '../helpers/server.ts';
import { staffPlugin } from '../../server/staff/plugin.ts';

const req = (id: string, status: AssistRequest['status'], askedAt: number): AssistRequest => ({
  id,
  status,
  askedAt,
  windowId: '1',
  ticketId: 't',
  ticketNumber: 'A001',
  serviceId: 'business',
  question: 'q',
  askedBy: 'c',
  messages: [],
});

test('page logic: live updates replace in place; what needs someone comes first', (t) => {
  let list = upsert([], req('a', 'open', 2));
  list = upsert(list, req('b', 'open', 1));
  list = upsert(list, { ...req('a', 'accepted', 2) });
  t.deepEqual(ordered(list).map((r) => `${r.id}:${r.status}`), ['a:accepted', 'b:open']);
  t.is(waited(0, 192_000), '3分12秒');
});

test('an approver accepts and answers a request on the back-office page', async (t) => {
  const server = await startTestServer({ plugins: [...serviceFeatures()] });
  t.teardown(() => server.close());
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${server.url}/backoffice`);
  await page.locator('ow-backoffice input[name="token"]').fill('demo-approver');
  await page.locator('ow-backoffice form:not(.staff) button[type="submit"]').click();
  await page.locator('ow-backoffice', { hasText: '暂无求助' }).waitFor();

  await server.api.post('/api/tickets', { service: 'business', visitor: { company: '示范科技有限公司' } }, 'demo-triage');
  await server.api.window('1', 'next');
  const asked = (await server.api.post('/api/windows/1/assist', { question: '外资股东的主体资格证明需要公证吗？' }, 'demo-clerk-1')).body;

  const card = page.locator(`ow-backoffice .req[data-id="${asked.id}"]`);
  await card.locator('.q', { hasText: '外资股东' }).waitFor();
  t.true((await card.textContent())!.includes('示范科技有限公司'));
  await card.locator('button.accept').click();
  await card.locator('form.answer textarea').waitFor();
  await server.api.post(`/api/assist/${asked.id}/messages`, { text: '股东是香港公司' }, 'demo-clerk-1');
  await card.locator('.msg', { hasText: '股东是香港公司' }).waitFor();
  await card.locator('form.answer textarea').fill('需经香港律师公证并办理转递。');
  await card.locator('form.answer button').click();
  await card.locator('.msg', { hasText: '需经香港律师公证' }).waitFor();

  const mine = (await server.api.get('/api/assist', 'demo-clerk-1')).body.requests[0];
  t.like(mine, { id: asked.id, status: 'answered', acceptedBy: '后台审批', answer: '需经香港律师公证并办理转递。' });
});

test('an approver signed in with 工号 and password takes a request; the record names the person', async (t) => {
  const server = await startTestServer({ plugins: [staffPlugin(), ...serviceFeatures()] });
  t.teardown(() => server.close());
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${server.url}/backoffice`);
  await page.locator('ow-backoffice form.staff input[name="staffNumber"]').fill('3001');
  await page.locator('ow-backoffice form.staff input[name="password"]').fill('demo1234');
  await page.locator('ow-backoffice form.staff button[type="submit"]').click();
  await page.locator('ow-backoffice', { hasText: '暂无求助' }).waitFor();

  await server.api.post('/api/tickets', { service: 'business' }, 'demo-triage');
  await server.api.window('1', 'next');
  const asked = (await server.api.post('/api/windows/1/assist', { question: '经营范围可以写“人工智能”吗？' }, 'demo-clerk-1')).body;
  const card = page.locator(`ow-backoffice .req[data-id="${asked.id}"]`);
  await card.locator('button.accept').click();
  await card.locator('form.answer textarea').fill('可以，按国民经济行业分类表述。');
  await card.locator('form.answer button').click();
  await card.locator('.msg', { hasText: '国民经济行业分类' }).waitFor();

  const mine = (await server.api.get('/api/assist', 'demo-clerk-1')).body.requests[0];
  t.like(mine, { id: asked.id, status: 'answered', answer: '可以，按国民经济行业分类表述。' });
  t.true(mine.acceptedBy.includes('吴刚'), `accepted by the signed-in approver, not a token: ${mine.acceptedBy}`);

  // A reload keeps the session (the httpOnly cookie): a new request reaches the page without signing in again.
  await page.reload();
  await page.locator('ow-backoffice', { hasText: '暂无求助' }).waitFor();
  await server.api.window('1', 'finish');
  await server.api.post('/api/tickets', { service: 'business' }, 'demo-triage');
  await server.api.window('1', 'next');
  const again = (await server.api.post('/api/windows/1/assist', { question: '注册资本可以认缴吗？' }, 'demo-clerk-1')).body;
  await page.locator(`ow-backoffice .req[data-id="${again.id}"] button.accept`).waitFor();
});

// The consultation desk puts a missed visitor back in the queue and cancels a ticket, both found by
// the number on the visitor's slip; and a transferred visitor's status page shows the new number.
// Each outcome is checked through the API (what the hall's state says), not the page's own words.
import test from 'ava';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { DEMO, launchChromium, openPage } from './browser.ts';

async function issue(server: TestServer, service: string): Promise<{ id: string; number: string }> {
  const res = await server.api.post('/api/tickets', { service }, DEMO.triage);
  if (res.status !== 201) throw new Error(`issue: ${res.status}`);
  return res.body;
}

test('the triage desk finds a missed ticket by number and puts it back; finds another and cancels it after asking', async (t) => {
  const [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: [pagesPlugin()] })]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const missed = await issue(server, 'business');
  const other = await issue(server, 'business');
  t.is((await server.api.post('/api/windows/1/next', {}, DEMO.clerk('1'))).body.ticket.id, missed.id);
  t.is((await server.api.post('/api/windows/1/no-show', {}, DEMO.clerk('1'))).status, 200);

  const desk = await openPage(browser, `${server.url}/triage`, { width: 1440, height: 1200, tokens: { 'default:triage': DEMO.triage } });
  const box = desk.page.locator('ow-ticket-by-number');
  // Typed as a visitor reads it out: lower case, a space.
  await box.locator('[data-test=number-input]').fill(` ${missed.number.slice(0, 1).toLowerCase()} ${missed.number.slice(1)}`);
  await box.locator('[data-test=number-find]').click();
  await box.locator('[data-test=number-status]', { hasText: '已过号' }).waitFor({ timeout: 5000 });
  await box.locator('[data-test=number-reactivate]').click();
  await box.locator('[data-test=number-note]', { hasText: '已恢复排队' }).waitFor({ timeout: 5000 });
  t.is((await server.api.get(`/api/tickets/${missed.id}`)).body.status, 'waiting', 'back in the queue');

  await box.locator('[data-test=number-input]').fill(other.number);
  await box.locator('[data-test=number-find]').click();
  await box.locator('[data-test=number-status]', { hasText: '等候中' }).waitFor({ timeout: 5000 });
  await box.locator('[data-test=number-cancel]').click();
  t.is((await server.api.get(`/api/tickets/${other.id}`)).body.status, 'waiting', 'one click only asks');
  await box.locator('[data-test=number-cancel-confirm]').click();
  await box.locator('[data-test=number-note]', { hasText: '已取消' }).waitFor({ timeout: 5000 });
  t.is((await server.api.get(`/api/tickets/${other.id}`)).body.status, 'cancelled');

  // A number nobody has today: the desk says so in Chinese.
  await box.locator('[data-test=number-input]').fill('Z999');
  await box.locator('[data-test=number-find]').click();
  await box.locator('[data-test=number-note]', { hasText: '今天没有这个号码' }).waitFor({ timeout: 5000 });
  t.deepEqual(desk.errors, []);
});

test("a transferred visitor's status page shows the new number and links to it", async (t) => {
  const [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: [pagesPlugin()] })]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const first = await issue(server, 'business');
  t.is((await server.api.post('/api/windows/3/next', {}, DEMO.clerk('3'))).body.ticket.id, first.id);
  const moved = await server.api.post('/api/windows/3/transfer', { service: 'social' }, DEMO.clerk('3'));
  t.is(moved.status, 200);
  const newId: string = moved.body.transferredTo.id;
  const newNumber = (await server.api.get(`/api/tickets/${newId}`)).body.number as string;

  const phone = await openPage(browser, `${server.url}/t/${first.id}`, { width: 390, height: 844 });
  await phone.page.locator('[data-test=status-headline]', { hasText: newNumber }).waitFor({ timeout: 5000 });
  await phone.page.locator('[data-test=new-ticket-link]').click();
  await phone.page.locator('[data-test=status-number]', { hasText: newNumber }).waitFor({ timeout: 5000 });
  t.deepEqual(phone.errors, []);
});

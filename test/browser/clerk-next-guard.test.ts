// Three quick presses of next at /clerk/6 (the keypad's Enter) with tickets waiting call exactly one
// visitor and finish nobody; the console says why in Chinese. The server's clock stands still, so
// every press after the first falls within the 5 s guard however slow the machine is.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { startTestServer } from '../helpers/server.ts';
import { DEMO, launchChromium, openPage } from './browser.ts';

test('three quick presses of next at /clerk/6: one ticket called, none finished, the Chinese reason shown', async (t) => {
  const now = Date.parse('2026-11-27T10:00:00+08:00');
  const [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: [pagesPlugin()], engine: { clock: () => now } })]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const ids: string[] = [];
  for (const service of ['business', 'social', 'tax']) {
    const res = await server.api.post('/api/tickets', { service }, DEMO.triage);
    t.is(res.status, 201);
    ids.push(res.body.id);
  }
  const clerk = await openPage(browser, `${server.url}/clerk/6`, { width: 1440, height: 900, tokens: { 'default:clerk-6': DEMO.clerk('6') } });
  await clerk.page.locator('[data-test=my-waiting]', { hasText: '3' }).waitFor({ timeout: 5000 });

  await clerk.page.keyboard.press('Enter');
  await clerk.page.keyboard.press('Enter');
  await clerk.page.keyboard.press('Enter');
  // A press while the first is still in flight is dropped by the console (its keys are busy); one
  // that comes after the answer reaches the server and is refused. Which happens depends on how
  // fast the first answer comes, so the console settles on either the call or the reason.
  await clerk.page.locator('[data-test=message]', { hasText: /刚刚叫过号，请稍候再按|已呼叫/ }).waitFor({ timeout: 5000 });
  await clerk.page.locator('[data-action=next]:not([disabled])').waitFor({ timeout: 5000 });
  // Once more after the console is idle again: the server refuses it, and the console says why.
  const refused = clerk.page.waitForResponse((r) => r.url().endsWith('/windows/6/next') && r.request().method() === 'POST', { timeout: 5000 });
  await clerk.page.keyboard.press('Enter');
  t.is((await refused).status(), 409, 'the fourth press reached the server and was refused');
  await clerk.page.locator('[data-test=message]', { hasText: '刚刚叫过号，请稍候再按' }).waitFor({ timeout: 5000 });

  const statuses = await Promise.all(ids.map(async (id) => (await server.api.get(`/api/tickets/${id}`)).body.status as string));
  t.deepEqual([...statuses].sort(), ['called', 'waiting', 'waiting']);
  const log = await server.registry.store.read(streams.hall('district'), 0);
  t.is(log.filter((e) => e.type === 'ticket:called').length, 1, 'exactly one call');
  t.is(log.filter((e) => e.type === 'ticket:finished').length, 0, 'nobody finished');
  const calledId = ids[statuses.indexOf('called')];
  const window6 = (await server.api.get('/api/windows/6')).body.window;
  t.is(window6.current?.id, calledId, 'the called visitor is still at window 6');
  await clerk.page.locator('[data-test=current-number]', { hasText: window6.current.number }).waitFor({ timeout: 10_000 });
  t.deepEqual(clerk.errors, []);
});

test('a transfer target picked while the call is still on its way is carried out, not dropped', async (t) => {
  const [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: [pagesPlugin()] })]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const issued = await server.api.post('/api/tickets', { service: 'medical' }, DEMO.triage);
  t.is(issued.status, 201);
  const clerk = await openPage(browser, `${server.url}/clerk/3`, { width: 1440, height: 900, tokens: { 'default:clerk-3': DEMO.clerk('3') } });
  await clerk.page.locator('[data-test=my-waiting]', { hasText: '1' }).waitFor({ timeout: 5000 });
  // The live call reaches the console before next's own answer (held back here, as on a slow link).
  let nextAnswered = false;
  await clerk.page.route('**/windows/3/next', async (route) => {
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, 1500));
    nextAnswered = true;
    await route.fulfill({ response });
  });
  await clerk.page.keyboard.press('n');
  await clerk.page.locator('[data-test=current-number]', { hasText: issued.body.number }).waitFor({ timeout: 5000 });
  await clerk.page.keyboard.press('t');
  await clerk.page.getByRole('dialog').waitFor({ timeout: 10_000 });
  await clerk.page.keyboard.press('1');
  t.false(nextAnswered, 'the digit was pressed while next was still in flight');
  await clerk.page.locator('[data-test=message]', { hasText: '已转办' }).waitFor({ timeout: 5000 });
  const ticket = (await server.api.get(`/api/tickets/${issued.body.id}`)).body as { status: string };
  t.is(ticket.status, 'transferred');
  t.deepEqual(clerk.errors, []);
});

// The hall-services features wired into the display pages, in Chromium against a real server:
// the clerk console's one-key assist answered by an approver on the consoles namespace, its
// one-time notice, its own window's counts; the triage desk's knowledge-base search and
// check-in; the kiosk's appointment check-in on the touch keypad and its wait estimates.
import test from 'ava';
import type { Browser } from 'playwright-core';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { serviceFeatures } from '../helpers/features.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { MONDAY, at } from '../appointments/helpers.ts';
import { ConsoleClient } from '../assist/console-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ARTIFACTS, DEMO, launchChromium, openPage } from './browser.ts';

let browser: Browser;
let server: TestServer;
// The engine's clock: a Monday morning, moved by the check-in tests into a booking's window.
const clock = { now: at(MONDAY, '08:00') };

test.before(async () => {
  [browser, server] = await Promise.all([
    launchChromium(),
    startTestServer({ engine: { clock: () => clock.now }, plugins: [...serviceFeatures(), pagesPlugin(), metricsPlugin()] }),
  ]);
});

test.after.always(async () => {
  await browser?.close();
  await server?.close();
});

const issue = async (service: string) => {
  const res = await server.api.post('/api/tickets', { service, lane: 'normal' }, DEMO.triage);
  if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; number: string };
};

test.serial("the clerk's counts are this window's, and next moves them live", async (t) => {
  const ticket = await issue('social');
  const clerk = await openPage(browser, `${server.url}/clerk/3`, { width: 1440, height: 900, tokens: { 'default:clerk-3': DEMO.clerk('3') } });
  await clerk.page.locator('[data-test=my-waiting]', { hasText: '1' }).waitFor({ timeout: 5000 });
  t.is(await clerk.page.locator('[data-test=my-called]').textContent(), '0');
  // Another window's call moves the hall's figure, not this window's.
  const other = await issue('business');
  t.is((await server.api.window('1', 'next')).status, 200);
  await clerk.page.locator('[data-test=hall-counts]', { hasText: 'Called 1' }).waitFor({ timeout: 10_000 });
  t.is(await clerk.page.locator('[data-test=my-called]').textContent(), '0');

  await clerk.page.keyboard.press('n');
  await clerk.page.locator('[data-test=current-number]', { hasText: ticket.number }).waitFor({ timeout: 10_000 });
  await clerk.page.locator('[data-test=my-called]', { hasText: '1' }).waitFor({ timeout: 10_000 });
  await clerk.page.keyboard.press('f');
  await clerk.page.locator('[data-test=my-done]', { hasText: '1' }).waitFor({ timeout: 10_000 });
  t.is(await clerk.page.locator('[data-test=my-no-show]').textContent(), '0');
  await server.api.window('1', 'finish');
  t.truthy(other);
  t.deepEqual(clerk.errors, []);
  await clerk.context.close();
});

test.serial('the clerk presses assist, an approver accepts and answers, and the console shows it live', async (t) => {
  const ticket = await issue('social');
  const approver = new ConsoleClient(server.url, 'demo-approver');
  t.teardown(() => approver.close());
  await approver.ready;
  const clerk = await openPage(browser, `${server.url}/clerk/3`, { width: 1440, height: 900, tokens: { 'default:clerk-3': DEMO.clerk('3') } });
  await clerk.page.locator('[data-test=my-waiting]', { hasText: '1' }).waitFor({ timeout: 5000 });
  // Assist with nobody at the counter is refused with a reason.
  await clerk.page.keyboard.press('a');
  await clerk.page.locator('[data-test=message]', { hasText: 'No ticket at the counter' }).waitFor({ timeout: 10_000 });
  await clerk.page.keyboard.press('n');
  await clerk.page.locator('[data-test=current-number]', { hasText: ticket.number }).waitFor({ timeout: 10_000 });

  // The shortcut opens the panel; the page documents it with the others.
  t.regex((await clerk.page.locator('footer').textContent()) ?? '', /A\/7 一键呼叫/);
  await clerk.page.keyboard.press('a');
  const panel = clerk.page.locator('[data-test=panel-assist]');
  await panel.locator('ow-clerk-assist [data-testid=ticket]', { hasText: ticket.number }).waitFor({ timeout: 10_000 });
  await panel.locator('ow-clerk-assist textarea[name=question]').fill('申请人户籍在外区，能否在本厅办理？');
  await panel.locator('ow-clerk-assist button.assist').click();

  const asked = await approver.waitFor((g) => g.name === 'assist:requested');
  const id = asked.payload.request.id as string;
  t.is(asked.payload.request.windowId, '3');
  await panel.locator('ow-clerk-assist [data-testid=status]', { hasText: '等待接单' }).waitFor({ timeout: 10_000 });
  t.is((await server.api.post(`/api/assist/${id}/accept`, {}, 'demo-approver')).status, 200);
  await panel.locator('ow-clerk-assist [data-testid=status]', { hasText: '已接单' }).waitFor({ timeout: 10_000 });
  t.is((await server.api.post(`/api/assist/${id}/messages`, { text: '请提供居住证' }, 'demo-approver')).status, 201);
  await panel.locator('ow-clerk-assist', { hasText: '请提供居住证' }).waitFor({ timeout: 10_000 });
  t.is((await server.api.post(`/api/assist/${id}/answer`, { answer: '可以办理，持居住证即可' }, 'demo-approver')).status, 200);
  await panel.locator('ow-clerk-assist [data-testid=answer]', { hasText: '持居住证即可' }).waitFor({ timeout: 10_000 });
  await clerk.page.screenshot({ path: `${ARTIFACTS}/clerk-assist-panel.png` });

  // Esc closes the panel; G opens the one-time notice with the service's materials.
  await clerk.page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached', timeout: 10_000 });
  await clerk.page.keyboard.press('g');
  const notice = clerk.page.locator('[data-test=panel-notice] ow-clerk-notice');
  await notice.locator('[data-test=notice-materials] label').first().waitFor({ timeout: 10_000 });
  await notice.locator('[data-test=notice-materials] input').first().check();
  await notice.locator('textarea').fill('请补充复印件');
  await notice.locator('button.send').click();
  await notice.locator('[data-test=notice-result]').waitFor({ timeout: 10_000 });
  const href = await notice.locator('[data-test=notice-link]').getAttribute('href');
  t.regex(href ?? '', /^\/api\/notices\/.+\.html$/);
  const html = await (await fetch(server.url + href)).text();
  t.regex(html, /请补充复印件/);
  await clerk.page.screenshot({ path: `${ARTIFACTS}/clerk-notice-panel.png` });
  t.deepEqual(clerk.errors, []);
  await server.api.window('3', 'finish');
  await clerk.context.close();
});

test.serial('the triage desk finds a service by a Chinese word from its materials, shows them, and checks in a booking', async (t) => {
  const triage = await openPage(browser, `${server.url}/triage`, { width: 1440, height: 1200, tokens: { 'default:triage': DEMO.triage } });
  await triage.page.locator('[data-test=waiting-business]').waitFor({ timeout: 5000 });
  // The desk has social security chosen (key 2) when it looks something up.
  await triage.page.keyboard.press('2');
  t.true(await triage.page.locator('input[name=service][value=social]').isChecked());
  // F3 puts the cursor in the search box; 章程 is only in business registration's materials.
  await triage.page.keyboard.press('F3');
  await triage.page.keyboard.type('章程');
  await triage.page.keyboard.press('Enter');
  const entry = triage.page.locator('ow-kb-lookup [data-test=kb-entry]');
  await entry.waitFor({ timeout: 10_000 });
  t.is(await entry.getAttribute('data-service'), 'business');
  const materials = (await triage.page.locator('ow-kb-lookup [data-test=kb-materials]').textContent()) ?? '';
  t.regex(materials, /公司章程/);
  t.regex(materials, /原件/);
  t.regex(materials, /复印件 1 份/);
  // Reading a guide leaves the desk's choice alone; 选用此业务 takes it for the next number.
  t.true(await triage.page.locator('input[name=service][value=social]').isChecked());
  await entry.locator('[data-test=kb-use]', { hasText: '选用此业务' }).click();
  t.true(await triage.page.locator('input[name=service][value=business]').isChecked());

  // Check-in by phone at the desk, inside the booking's check-in window: an appointment-lane number.
  const booking = (await server.api.post('/api/appointments', { service: 'social', date: MONDAY, time: '09:00', name: '王五', phone: '13700002222' })).body;
  t.truthy(booking.code, JSON.stringify(booking));
  clock.now = at(MONDAY, '08:50');
  await triage.page.keyboard.press('F6');
  await triage.page.keyboard.type('13700002222');
  await triage.page.keyboard.press('Enter');
  const result = triage.page.locator('ow-appointment-check-in [data-test=check-in-result]');
  await result.waitFor({ timeout: 10_000 });
  t.is(await result.getAttribute('data-lane'), 'appointment');
  t.regex((await result.locator('[data-test=check-in-number]').textContent()) ?? '', /^[A-Z]\d{3}$/);
  await triage.page.screenshot({ path: `${ARTIFACTS}/triage-hall-services.png`, fullPage: true });
  t.deepEqual(triage.errors, []);
  await triage.context.close();
});

test.serial('the kiosk checks in a booking code on its touch keypad and shows the wait and the materials', async (t) => {
  clock.now = at(MONDAY, '08:00');
  const booking = (await server.api.post('/api/appointments', { service: 'medical', date: MONDAY, time: '10:00', name: '冯二', phone: '13700001111' })).body as {
    code: string;
  };
  t.regex(booking.code, /^[0-9A-Z]{8}$/);
  clock.now = at(MONDAY, '09:50');
  const kiosk = await openPage(browser, `${server.url}/kiosk`, { width: 1080, height: 1920, tokens: { 'default:kiosk': DEMO.kiosk } });
  // Estimates before a ticket is taken, on the service buttons.
  await kiosk.page.locator('[data-test=estimate-social]').waitFor({ timeout: 5000 });
  t.regex((await kiosk.page.locator('[data-test=estimate-social]').textContent()) ?? '', /即到|约 \d+ 分钟/);
  await kiosk.page.screenshot({ path: `${ARTIFACTS}/kiosk-estimates.png` });

  await kiosk.page.locator('[data-test=appointment]').click();
  const pad = kiosk.page.locator('ow-appointment-check-in');
  let letters = false;
  for (const ch of booking.code) {
    const isLetter = /[A-Z]/.test(ch);
    if (isLetter !== letters) {
      await pad.locator('.row button').first().click();
      letters = isLetter;
    }
    await pad.locator(`button[data-key="${ch}"]`).click();
  }
  t.is(await pad.locator('[data-test=check-in-typed]').textContent(), booking.code);
  await kiosk.page.screenshot({ path: `${ARTIFACTS}/kiosk-check-in.png` });
  await pad.locator('[data-test=check-in-submit]').click();

  await kiosk.page.locator('[data-test=kiosk-number]').waitFor({ timeout: 10_000 });
  const number = (await kiosk.page.locator('[data-test=kiosk-number]').textContent()) ?? '';
  const after = (await server.api.get(`/api/appointments/${booking.code}`)).body as { status: string; lane: string; ticketNumber: string };
  t.is(after.status, 'checked_in');
  t.is(after.lane, 'appointment');
  t.is(after.ticketNumber, number);
  t.regex((await kiosk.page.locator('.ticket').textContent()) ?? '', /预约 Appointment/);
  await kiosk.page.locator('[data-test=kiosk-estimate]').waitFor({ timeout: 10_000 });
  t.regex((await kiosk.page.locator('[data-test=kiosk-materials]').textContent()) ?? '', /请准备材料/);
  await kiosk.page.screenshot({ path: `${ARTIFACTS}/kiosk-checked-in.png` });
  t.deepEqual(kiosk.errors, []);
  await kiosk.context.close();
});

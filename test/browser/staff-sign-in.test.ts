// A clerk signs in at the window-3 console with 工号 and password; the console and the window
// display above the counter show the clerk's name and 工号, live and after a reload; signing out
// (签退) clears the display.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { staffPlugin } from '../../server/staff/plugin.ts';
import { startTestServer } from '../helpers/server.ts';
import { launchChromium, openPage } from './browser.ts';

test('sign in at /clerk/3 with staff number and password: console and window display show 李娜 工号1003', async (t) => {
  const [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: [staffPlugin(), pagesPlugin()] })]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  await server.api.issue('social');
  const display = await openPage(browser, `${server.url}/window/3?w=192&h=64`, { width: 192, height: 64 });
  await display.page.locator('[data-test=led-text]', { hasText: '3号窗口' }).waitFor({ state: 'attached', timeout: 10_000 });
  t.is(await display.page.locator('[data-test=led-staff]').textContent(), '');

  const clerk = await openPage(browser, `${server.url}/clerk/3`, { width: 1440, height: 900 });
  await clerk.page.locator('[data-test=staff-number]').fill('1003');
  await clerk.page.locator('[data-test=password]').fill('wrong-password');
  await clerk.page.locator('[data-test=sign-in]').click();
  await clerk.page.getByRole('alert').filter({ hasText: 'wrong staff number or password' }).waitFor({ timeout: 5000 });
  await clerk.page.locator('[data-test=password]').fill('demo1234');
  await clerk.page.locator('[data-test=sign-in]').click();
  await clerk.page.locator('[data-test=clerk-person]', { hasText: '李娜 工号 1003' }).waitFor({ timeout: 5000 });

  // The display above the counter hears of it live…
  await display.page.locator('[data-test=led-staff]', { hasText: '李娜 工号1003' }).waitFor({ state: 'attached', timeout: 5000 });
  // …and a display that starts now reads it.
  await display.page.reload();
  await display.page.locator('[data-test=led-staff]', { hasText: '李娜 工号1003' }).waitFor({ state: 'attached', timeout: 10_000 });

  // The session cookie drives the window's keys; the call is recorded with the person.
  await clerk.page.keyboard.press('Enter');
  await clerk.page.locator('[data-test=current-number]', { hasText: 'B001' }).waitFor({ timeout: 5000 });
  const called = (await server.registry.store.read(streams.hall('district'), 0)).find((e) => e.type === 'ticket:called');
  t.is(called?.actor?.staffNumber, '1003');
  // The cookie is out of page scripts' reach.
  t.is(await clerk.page.evaluate(() => document.cookie), '');

  // A reload keeps the session (the cookie); signing out ends it and clears the display.
  await clerk.page.reload();
  await clerk.page.locator('[data-test=clerk-person]', { hasText: '李娜' }).waitFor({ timeout: 10_000 });
  await clerk.page.getByRole('button', { name: '退出 Sign out' }).click();
  await clerk.page.locator('[data-test=staff-number]').waitFor({ timeout: 5000 });
  await display.page.locator('[data-test=led-staff]', { hasText: /^$/ }).waitFor({ state: 'attached', timeout: 5000 });
  t.deepEqual([...clerk.errors, ...display.errors], []);
});

test('/admin/staff: the demo admin signs in, adds a person who then signs in, unlocks a locked account, makes a device token that works', async (t) => {
  const [browser, server] = await Promise.all([launchChromium(), startTestServer({ plugins: [staffPlugin({ lockAfter: 3 }), pagesPlugin()] })]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const { page, errors } = await openPage(browser, `${server.url}/admin/staff`, { width: 1440, height: 900 });
  await page.locator('[data-test=staff-number]').fill('9001');
  await page.locator('[data-test=password]').fill('demo1234');
  await page.locator('[data-test=sign-in]').click();
  await page.locator('[data-test=account-1001]').waitFor({ timeout: 5000 });

  const form = page.locator('[data-test=add-account]');
  await form.locator('[name=staffNumber]').fill('6001');
  await form.locator('[name=name]').fill('钱多多');
  await form.locator('input[value=clerk]').check();
  await form.locator('[name=password]').fill('first-pass-6');
  await form.locator('button[type=submit]').click();
  await page.locator('[data-test=account-6001]', { hasText: '钱多多' }).waitFor({ timeout: 5000 });
  const signIn = (password: string) => server.api.post('/api/session', { staffNumber: '6001', password, window: '6' });
  t.is((await signIn('first-pass-6')).status, 201);

  for (let i = 0; i < 3; i++) await signIn('not-the-password');
  t.is((await signIn('first-pass-6')).body.error.code, 'account_locked');
  await page.reload();
  await page.locator('[data-test=account-6001] [data-test=state]', { hasText: '已锁定' }).waitFor({ timeout: 10_000 });
  await page.locator('[data-test=account-6001] [data-test=unlock]').click();
  await page.locator('[data-test=account-6001] [data-test=state]', { hasText: '正常' }).waitFor({ timeout: 5000 });
  t.is((await signIn('first-pass-6')).status, 201);

  const device = page.locator('[data-test=add-device]');
  await device.locator('[name=name]').fill('kiosk-east');
  await device.locator('select[name=role]').selectOption('kiosk');
  await device.locator('button[type=submit]').click();
  const token = (await page.locator('[data-test=new-token]').textContent({ timeout: 5000 }))!.trim();
  t.is((await server.api.post('/api/tickets', { service: 'social' }, token)).status, 201);
  await page.locator('[data-test=device-kiosk-east]').waitFor();
  t.deepEqual(errors, []);
});

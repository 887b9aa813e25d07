// Sign-in checks the token, and refusals read in Chinese, in Chromium on real servers: another
// window's clerk token at /clerk/3 and "nonsense" at /kiosk stay on the sign-in form with the
// reason; an unknown token at /check-in leads back to its sign-in form; /book marks started slots
// 已过 and refuses the phone 12345 in Chinese. (A finish with no current ticket is in
// live-pages.test.ts.) Expected texts are written here as a person reads them.
import test from 'ava';
import { MONDAY, at, startClockedServer } from '../appointments/helpers.ts';
import { launchChromium, openPage, startPagesServer } from './browser.ts';

test('/clerk/3 refuses window 5’s token at sign-in and takes window 3’s', async (t) => {
  const [browser, server] = await Promise.all([launchChromium(), startPagesServer()]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const { page, errors } = await openPage(browser, `${server.url}/clerk/3`, { width: 1366, height: 768 });
  await page.locator('[data-test=switch-sign-in]').click();
  await page.locator('[data-test=token]').fill('demo-clerk-5');
  await page.locator('[data-test=sign-in]').click();
  await page.getByRole('alert').filter({ hasText: '此令牌属于 5 号窗口，不能在 3 号窗口登录' }).waitFor({ timeout: 5000 });
  // Still the sign-in form: no console, no token kept for this window.
  t.true(await page.locator('[data-test=sign-in]').isVisible());
  t.is(await page.locator('[data-test=window-status]').count(), 0);
  t.is(await page.evaluate(() => localStorage.getItem('onewindow.token.default:clerk-3')), null);

  await page.locator('[data-test=token]').fill('demo-clerk-3');
  await page.locator('[data-test=sign-in]').click();
  await page.locator('[data-test=window-status]').waitFor({ timeout: 5000 });
  t.deepEqual(errors, []);
});

test('/kiosk refuses "nonsense" at setup in Chinese, then takes the kiosk token', async (t) => {
  const [browser, server] = await Promise.all([launchChromium(), startPagesServer()]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const { page, errors } = await openPage(browser, `${server.url}/kiosk`, { width: 1080, height: 1920 });
  await page.locator('[data-test=token]').fill('nonsense');
  await page.locator('[data-test=sign-in]').click();
  await page.getByRole('alert').filter({ hasText: '令牌无效，请核对后重新输入' }).waitFor({ timeout: 5000 });
  t.is(await page.locator('[data-test=service-social]').count(), 0, 'no service buttons for a visitor to press');

  // A clerk's token is a real token, but not a kiosk's.
  await page.locator('[data-test=token]').fill('demo-clerk-1');
  await page.locator('[data-test=sign-in]').click();
  await page.getByRole('alert').filter({ hasText: '此令牌是窗口令牌，不能登录自助取号机' }).waitFor({ timeout: 5000 });

  await page.locator('[data-test=token]').fill('demo-kiosk');
  await page.locator('[data-test=sign-in]').click();
  await page.locator('[data-test=service-social]').waitFor({ timeout: 5000 });
  t.deepEqual(errors, []);
});

test('/check-in: an unknown stored token leads back to sign-in with a Chinese reason; a typed one is refused there', async (t) => {
  const [browser, server] = await Promise.all([launchChromium(), startClockedServer(at(MONDAY, '08:00'))]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addInitScript(() => localStorage.setItem('onewindow.check-in.token', 'revoked-long-ago'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/check-in`);
  await page.locator('ow-check-in [data-test=sign-in-error]', { hasText: '令牌无效，请核对后重新输入' }).waitFor({ timeout: 5000 });
  await page.locator('ow-check-in [data-test=token]').fill('still-wrong');
  await page.locator('ow-check-in button').click();
  await page.locator('ow-check-in [data-test=sign-in-error]', { hasText: '令牌无效' }).waitFor({ timeout: 5000 });
  t.is(await page.locator('ow-check-in input[name="who"]').count(), 0);

  await page.locator('ow-check-in [data-test=token]').fill('demo-kiosk');
  await page.locator('ow-check-in button').click();
  await page.locator('ow-check-in input[name="who"]').waitFor({ timeout: 5000 });
  // And a way back to the sign-in form from the check-in screen.
  await page.locator('ow-check-in [data-test=change-token]').click();
  await page.locator('ow-check-in [data-test=token]').waitFor({ timeout: 5000 });
  t.deepEqual(errors, []);
});

test('/book: slots already started read 已过 and cannot be chosen; the phone 12345 is refused in Chinese', async (t) => {
  // Monday 10:10 in the hall (Asia/Shanghai), for the server and for the phone's own clock.
  const now = at(MONDAY, '10:10');
  const [browser, server] = await Promise.all([launchChromium(), startClockedServer(now)]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(now));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/book`);
  await page.locator('ow-book #service').selectOption('social');
  await page.locator('ow-book button[data-time="09:00"]').waitFor({ timeout: 5000 });
  t.is(await page.locator('ow-book #date').inputValue(), MONDAY);
  for (const time of ['09:00', '09:30', '10:00']) {
    const slot = page.locator(`ow-book button[data-time="${time}"]`);
    t.regex((await slot.textContent())!, /已过/, time);
    t.true(await slot.isDisabled(), time);
  }
  const open = page.locator('ow-book button[data-time="10:30"]');
  t.regex((await open.textContent())!, /余\d+/);
  t.false(await open.isDisabled());

  await open.click();
  await page.locator('ow-book #name').fill('赵六');
  await page.locator('ow-book #phone').fill('12345');
  await page.locator('ow-book button[type="submit"]', { hasText: '提交预约' }).click();
  await page.locator('ow-book .msg', { hasText: '请填写中国大陆手机号（11位，1开头）' }).waitFor({ timeout: 5000 });
  t.is(await page.locator('ow-book [data-testid="code"]').count(), 0, 'nothing was booked');
  t.is((await server.api.get(`/api/appointments/stats?date=${MONDAY}`)).body.booked, 0);
  t.deepEqual(errors, []);
});

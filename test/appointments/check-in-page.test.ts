// The /check-in page in Chromium: a visitor types their booking code at the kiosk and gets an
// appointment-lane number; a phone with no booking gets a clear refusal.
import test from 'ava';
import { chromium } from 'playwright-core';
import { checkInInput, laneText } from '../../displays/appointments/check-in/logic.ts';
import { MONDAY, at, startClockedServer } from './helpers.ts';

test('page logic: a code or a phone, nothing else', (t) => {
  t.deepEqual(checkInInput(' ab3k 9mzq '), { code: 'AB3K9MZQ' });
  t.deepEqual(checkInInput('13812345678'), { phone: '13812345678' });
  t.deepEqual(checkInInput('12345678'), { phone: '12345678' }); // eight digits is a phone, codes have letters
  t.is(checkInInput('hello'), undefined);
  t.regex(laneText('normal', 'late'), /已过签到时间/);
});

test('a visitor checks in at the kiosk page with the booking code', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  const booking = (await server.api.post('/api/appointments', { service: 'medical', date: MONDAY, time: '09:00', name: '冯二', phone: '13700001111' })).body;
  server.clock.now = at(MONDAY, '08:45');

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${server.url}/check-in`);
  await page.locator('ow-check-in input[name="token"]').fill('demo-kiosk');
  await page.locator('ow-check-in button').click();
  await page.locator('ow-check-in input[name="who"]').fill('13999999999');
  await page.locator('ow-check-in button[type="submit"]').click();
  await page.locator('ow-check-in .msg', { hasText: '未找到预约' }).waitFor();
  await page.locator('ow-check-in input[name="who"]').fill(booking.code.toLowerCase());
  await page.locator('ow-check-in button[type="submit"]').click();
  t.is(await page.locator('ow-check-in [data-testid="number"]').textContent(), 'E001');
  t.regex((await page.locator('ow-check-in [data-testid="lane"]').textContent())!, /预约号/);
  t.is((await server.api.get(`/api/appointments/${booking.code}`)).body.status, 'checked_in');
});

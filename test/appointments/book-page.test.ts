// The /book page in Chromium on a real server: a visitor picks a service, a Monday and a slot,
// gives name and phone, and gets a booking code that the API knows; a full slot is disabled.
import test, { type ExecutionContext } from 'ava';
import { chromium } from 'playwright-core';
import { dayChoices, groupSlots, slotLabel } from '../../displays/appointments/book/logic.ts';
import { serviceFeatures } from '../helpers/features.ts';
import { startTestServer } from '../helpers/server.ts';
import { bookAs } from './helpers.ts';

/** A server with the hall's features, and a phone-sized Chromium page in Shanghai. */
async function serverAndPhone(t: ExecutionContext) {
  const server = await startTestServer({ plugins: [...serviceFeatures()] });
  t.teardown(() => server.close());
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return { server, page };
}

test('page logic: seven days from today, slots grouped by morning and afternoon', (t) => {
  const days = dayChoices('2026-11-27', 7);
  t.is(days.length, 7);
  t.is(days[0]!.label, '11月27日 周五（今天）');
  t.is(days[3]!.date, '2026-11-30');
  t.is(days[3]!.label, '11月30日 周一');
  const groups = groupSlots([
    { start: 1, end: 2, time: '09:00', available: 0 },
    { start: 3, end: 4, time: '13:30', available: 4 },
  ]);
  t.deepEqual(groups.map((g) => g.slots.length), [1, 1]);
  t.is(slotLabel(groups[0]!.slots[0]!), '09:00 · 已满');
  t.is(slotLabel(groups[1]!.slots[0]!), '13:30 · 余4');
});

test('a visitor books a slot on a phone-sized page and gets a code', async (t) => {
  const { server, page } = await serverAndPhone(t);

  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  // The first weekday after today: its morning slots are all still ahead.
  const monday = dayChoices(today, 7).find((d) => /周[一二三四五]$/.test(d.label))!.date;
  // Fill the 09:30 slot so the page shows it disabled.
  const start930 = (await server.api.get(`/api/appointments/slots?service=social&date=${monday}`)).body.slots.find((s: { time: string }) => s.time === '09:30').start;
  for (let i = 0; i < 20; i++)
    t.is((await bookAs(server, i, { service: 'tax', slotStart: start930, name: 'x', phone: `1370000${String(i).padStart(4, '0')}` })).status, 201);

  await page.goto(`${server.url}/book`);
  await page.locator('ow-book #service').selectOption('social');
  await page.locator('ow-book #date').selectOption(monday);
  await page.locator('ow-book button[data-time="09:30"]').waitFor();
  t.true(await page.locator('ow-book button[data-time="09:30"]').isDisabled());
  await page.locator('ow-book button[data-time="09:00"]').click();
  await page.locator('ow-book #name').fill('赵六');
  await page.locator('ow-book #phone').fill('13611112222');
  await page.locator('ow-book button[type="submit"]', { hasText: '提交预约' }).click();
  const code = (await page.locator('ow-book [data-testid="code"]').textContent())!.trim();
  t.regex(code, /^[2-9A-HJ-NP-Z]{8}$/);
  const booking = (await server.api.get(`/api/appointments/${code}`)).body;
  t.like(booking, { service: 'social', date: monday, time: '09:00', status: 'booked', phone: '136****2222' });
});

test('an answer for an earlier day that comes back late does not replace the slots of the day now chosen', async (t) => {
  const { server, page } = await serverAndPhone(t);

  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  const [first, second] = dayChoices(today, 7).filter((d) => /周[一二三四五]$/.test(d.label)).map((d) => d.date);
  // The first weekday's 09:30 is full, the second's is free (the server says so, not the page).
  const slotsOf = async (date: string) => (await server.api.get(`/api/appointments/slots?service=social&date=${date}`)).body.slots as { time: string; start: number; available: number }[];
  const start930 = (await slotsOf(first!)).find((s) => s.time === '09:30')!.start;
  for (let i = 0; i < 20; i++)
    t.is((await bookAs(server, i, { service: 'tax', slotStart: start930, name: 'x', phone: `1370000${String(i).padStart(4, '0')}` })).status, 201);
  t.is((await slotsOf(first!)).find((s) => s.time === '09:30')!.available, 0);
  t.true((await slotsOf(second!)).find((s) => s.time === '09:30')!.available > 0);

  // The first day's answer is held back until the visitor has moved on to the second day.
  let releaseFirst!: () => void;
  const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
  await page.route(`**/appointments/slots?service=social&date=${first}`, async (route) => {
    await firstHeld;
    await route.continue();
  });
  await page.goto(`${server.url}/book`);
  await page.locator('ow-book #service').selectOption('social');
  await page.locator('ow-book #date').selectOption(first!);
  await page.locator('ow-book #date').selectOption(second!);
  await page.locator('ow-book button[data-time="09:30"]:not([disabled])').waitFor();
  const lateAnswer = page.waitForResponse((r) => r.url().includes(`date=${first}`) && r.url().includes('service=social'));
  releaseFirst();
  await lateAnswer;
  // Let the page handle it, then read what the visitor sees: still the second day's free 09:30.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  t.is(await page.locator('ow-book #date').inputValue(), second!);
  t.false(await page.locator('ow-book button[data-time="09:30"]').isDisabled());
});

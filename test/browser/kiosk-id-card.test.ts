// The kiosk with an ID-card reader: the fake reader's bridge on a real WebSocket places cards, the
// kiosk in Chromium takes the lane from the age on the card and shows only the masked name, and the
// hall's log keeps the masked number and a hash, never the number or anything else from the card.
import test from 'ava';
import { withCheck } from '../helpers/resident-id.ts';
import { join } from 'node:path';
import type { StoredEvent } from '../../server/domain/events.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { streams } from '../../server/store/streams.ts';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { startCardReaderHall } from './card-reader-hall.ts';
import type { IdCard } from '../../displays/card-reader/protocol.ts';
import { serviceFeatures } from '../helpers/features.ts';
import { at, MONDAY } from '../appointments/helpers.ts';
import { DEMO, openPage } from './browser.ts';

/** A birth date `years` whole years and a month before today (far from any birthday edge). */
function bornYearsAgo(years: number): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years, d.getUTCMonth() - 1, 10);
  return d.toISOString().slice(0, 10);
}
function card(name: string, years: number, region: string, seq: string): IdCard {
  const birthDate = bornYearsAgo(years);
  return { name, sex: '女', birthDate, idNumber: withCheck(region + birthDate.replaceAll('-', '') + seq), address: '北京市东城区示例胡同9号', authority: '北京市公安局东城分局', validFrom: '2010-01-01', validTo: '长期' };
}
const ELDER = card('王秀英', 76, '110101', '002');
const YOUNG = card('欧阳娜娜', 31, '440305', '128');

test('a card on the reader: elderly lane by age, masked name only, the log keeps no number', async (t) => {
  const { reader, browser, server } = await startCardReaderHall(t, [ELDER, YOUNG], { plugins: [pagesPlugin()] });
  const kiosk = await openPage(browser, `${server.url}/kiosk?cardReader=${reader.port}`, { width: 1080, height: 1920, tokens: { 'default:kiosk': DEMO.kiosk } });
  const page = kiosk.page;
  await page.locator('[data-test=card-prompt]').filter({ hasText: 'Place your ID card' }).waitFor({ timeout: 10_000 });

  reader.place(0);
  await page.locator('[data-test=card-greeting]').filter({ hasText: '王** 您好 · 敬老优先' }).waitFor({ timeout: 10_000 });
  await page.locator('[data-test=service-tax]').click();
  const elderNumber = await page.locator('[data-test=kiosk-number]').textContent({ timeout: 10_000 });
  t.regex(await deepText(page), /敬老 Elderly/);
  await assertNothingFromCard(page, ELDER);

  reader.remove();
  await page.getByText('完成 Done').click();
  reader.place(1);
  await page.locator('[data-test=card-greeting]').filter({ hasText: '欧阳** 您好，请选择业务' }).waitFor({ timeout: 10_000 });
  await assertNothingFromCard(page, YOUNG);
  await page.locator('[data-test=service-tax]').click();
  const youngNumber = await page.locator('[data-test=kiosk-number]').textContent({ timeout: 10_000 });

  const store = new SqliteEventStore(join(server.dataDir, 'onewindow.sqlite'));
  const log: StoredEvent[] = await store.read(streams.hall('district'), 0).finally(() => store.close());
  const issued = log.filter((e) => e.type === 'ticket:issued').map((e) => (e.data as { ticket: { number: string; lane: string; visitor?: Record<string, string> } }).ticket);
  t.deepEqual(issued.map((x) => [x.number, x.lane]), [[elderNumber, 'elderly'], [youngNumber, 'normal']]);
  t.is(issued[0]!.visitor!.idNumber, `${ELDER.idNumber.slice(0, 4)}**********${ELDER.idNumber.slice(-4)}`);
  t.truthy(issued[0]!.visitor!.idHash);
  const text = JSON.stringify(log);
  for (const c of [ELDER, YOUNG]) for (const field of [c.idNumber, c.address, c.authority]) t.false(text.includes(field), `the log does not keep ${field}`);
  t.deepEqual(kiosk.errors, []);
});

test('a card whose number booked today checks the appointment in: the ticket in the appointment lane', async (t) => {
  const clock = { now: at(MONDAY, '08:00') };
  const { reader, browser, server } = await startCardReaderHall(t, [ELDER], {
    plugins: [...serviceFeatures({ clock: () => clock.now }), pagesPlugin()],
    engine: { clock: () => clock.now },
  });
  const booked = await server.api.post('/api/appointments', { service: 'social', date: MONDAY, time: '10:00', name: ELDER.name, phone: '13800000001', idNumber: ELDER.idNumber }, 'demo-triage');
  t.is(booked.status, 201, JSON.stringify(booked.body));
  clock.now = at(MONDAY, '09:50');

  const kiosk = await openPage(browser, `${server.url}/kiosk?cardReader=${reader.port}`, { width: 1080, height: 1920, tokens: { 'default:kiosk': DEMO.kiosk } });
  const page = kiosk.page;
  await page.locator('[data-test=card-prompt]').filter({ hasText: 'Place your ID card' }).waitFor({ timeout: 10_000 });
  reader.place(0);
  const number = await page.locator('[data-test=kiosk-number]').textContent({ timeout: 10_000 });
  t.regex(await deepText(page), /预约 Appointment/);
  await assertNothingFromCard(page, ELDER);

  const status = await server.api.get(`/api/appointments/${booked.body.code}`);
  t.is(status.body.status, 'checked_in', JSON.stringify(status.body));
  const store = new SqliteEventStore(join(server.dataDir, 'onewindow.sqlite'));
  const log: StoredEvent[] = await store.read(streams.hall('district'), 0).finally(() => store.close());
  const issued = log.filter((e) => e.type === 'ticket:issued').map((e) => (e.data as { ticket: { number: string; lane: string } }).ticket);
  t.deepEqual(issued.map((x) => [x.number, x.lane]), [[number, 'appointment']], 'one ticket, the one on the screen, in the appointment lane');
  t.false(JSON.stringify(log).includes(ELDER.idNumber));
  t.deepEqual(kiosk.errors, []);
});

async function assertNothingFromCard(page: import('playwright-core').Page, c: IdCard) {
  const shown = await deepText(page);
  if (!/请选择|您的号码/.test(shown)) throw new Error('the kiosk text was not read');
  for (const field of [c.name, c.idNumber, c.birthDate, c.address]) if (shown.includes(field)) throw new Error(`the screen shows ${field}`);
}

/** Everything the kiosk shows, through its shadow roots. */
function deepText(page: import('playwright-core').Page): Promise<string> {
  // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
  return page.evaluate(`(function walk(n) {
    const own = n.nodeType === Node.TEXT_NODE ? (n.textContent || '') : '';
    const kids = [...(n.shadowRoot ? n.shadowRoot.childNodes : []), ...n.childNodes];
    return own + kids.map(walk).join(' ');
  })(document.body)`);
}

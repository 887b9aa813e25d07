// The triage desk with a card reader: a card fills the visitor's name and ID number and the ticket is
// issued with them (the log keeps the masked number only); a misread card and a mistyped number are
// both refused with the Chinese reason.
import test from 'ava';
import { withCheck } from '../helpers/resident-id.ts';
import { join } from 'node:path';
import type { StoredEvent } from '../../server/domain/events.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { streams } from '../../server/store/streams.ts';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { startCardReaderHall } from './card-reader-hall.ts';
import type { IdCard } from '../../displays/card-reader/protocol.ts';
import { DEMO, openPage } from './browser.ts';

const GOOD: IdCard = { name: '孙建华', sex: '男', birthDate: '1979-08-21', idNumber: withCheck('33010619790821351'), address: '杭州市西湖区示例路3号', authority: '杭州市公安局西湖分局', validFrom: '2012-01-01', validTo: '2032-01-01' };
const last = GOOD.idNumber[17] === '0' ? '1' : '0';
const MISREAD: IdCard = { ...GOOD, name: '错卡', idNumber: GOOD.idNumber.slice(0, 17) + last };

test('a card fills the triage form; bad numbers, read or typed, are refused in Chinese', async (t) => {
  const { reader, browser, server } = await startCardReaderHall(t, [GOOD, MISREAD], { plugins: [pagesPlugin()] });
  const triage = await openPage(browser, `${server.url}/triage?cardReader=${reader.port}`, { width: 1440, height: 1200, tokens: { 'default:triage': DEMO.triage } });
  const page = triage.page;
  await page.locator('[data-test=waiting-tax]').waitFor({ timeout: 10_000 });

  reader.place(1);
  await page.locator('[data-test=message]').filter({ hasText: '校验位' }).waitFor({ timeout: 10_000 });
  t.is(await page.locator('input[name=idNumber]').inputValue(), '', 'a misread card fills nothing');

  reader.place(0);
  await page.locator('[data-test=message]').filter({ hasText: '已读取身份证 孙**' }).waitFor({ timeout: 10_000 });
  t.is(await page.locator('input[name=name]').inputValue(), GOOD.name);
  t.is(await page.locator('input[name=idNumber]').inputValue(), GOOD.idNumber);
  await page.locator('input[name=service][value=tax]').check();
  await page.locator('[data-test=issue]').click();
  const number = await page.locator('[data-test=issued-number]').textContent({ timeout: 10_000 });

  await page.locator('input[name=service][value=tax]').check();
  await page.locator('input[name=idNumber]').fill(MISREAD.idNumber);
  await page.locator('[data-test=issue]').click();
  await page.locator('[data-test=message]').filter({ hasText: '身份证号码校验位不正确' }).waitFor({ timeout: 10_000 });

  const store = new SqliteEventStore(join(server.dataDir, 'onewindow.sqlite'));
  const log: StoredEvent[] = await store.read(streams.hall('district'), 0).finally(() => store.close());
  const issued = log.filter((e) => e.type === 'ticket:issued').map((e) => (e.data as { ticket: { number: string; visitor?: { name?: string; idNumber?: string } } }).ticket);
  t.deepEqual(issued.map((x) => [x.number, x.visitor?.name, x.visitor?.idNumber]), [[number, GOOD.name, `${GOOD.idNumber.slice(0, 4)}**********${GOOD.idNumber.slice(-4)}`]], 'one ticket, the misread number refused');
  t.false(JSON.stringify(log).includes(GOOD.idNumber));
  t.deepEqual(triage.errors, []);
});

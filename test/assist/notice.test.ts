// The one-time notice (一次性告知单): the clerk picks what is missing from the service's knowledge-base
// materials list and adds a note; it prints on the window's ticket printer (a fake ESC/POS printer
// on loopback, decoded back to lines) and shows as a page.
import test from 'ava';
import { parseDeployment } from '../../server/config/load.ts';
import { serviceFeaturesAfterKb, serviceFeatures } from '../helpers/features.ts';
import { kbPlugin } from '../../server/kb/plugin.ts';
import { staffPlugin } from '../../server/staff/plugin.ts';
import { ticketPrinterPlugin } from '../../ticket-printer/plugin.ts';
import { FakeEscPosPrinter, ticketText } from '../helpers/fake-escpos-printer.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';

const COMPANY = '示范科技有限公司';

test('the printed notice lists the missing materials, the clerk’s note, the visitor, the clerk and how to reach the hall; no phone or company', async (t) => {
  const printer = await FakeEscPosPrinter.start();
  t.teardown(() => printer.close());
  const deployment = parseDeployment(
    structuredClone({
      ...demoDeployment,
      halls: demoDeployment.halls.map((h) => ({
        ...h,
        address: { zh: '示范区人民路88号', en: '88 Renmin Road' },
        supervisionPhone: '0571-12345',
        printers: [{ id: 'w3', desk: 'window-3', url: printer.url, width: 48 }],
      })),
    }),
  );
  const server = await startTestServer({
    deployment,
    plugins: [staffPlugin(), kbPlugin(), ticketPrinterPlugin({ retryMinMs: 50, retryMaxMs: 200, probeEveryMs: 0 }), ...serviceFeaturesAfterKb()],
  });
  t.teardown(() => server.close());
  // The clerk signs in with a staff account (demo 1003, 李娜) at window 3.
  const session = await server.api.post('/api/session', { staffNumber: '1003', password: 'demo1234', window: '3' });
  t.is(session.status, 201, JSON.stringify(session.body));
  const clerk = session.body.token as string;

  await server.api.post('/api/tickets', { service: 'social', visitor: { name: '孙八', phone: '13300000000', company: COMPANY } }, 'demo-triage');
  await server.api.window('3', 'next');

  const unknown = await server.api.post('/api/windows/3/notice', { missing: ['公司章程'] }, clerk);
  t.is(unknown.status, 400);
  t.is(unknown.body.error.code, 'unknown_material');

  const res = await server.api.post(
    '/api/windows/3/notice',
    { missing: ['社保卡', 'One-inch ID photo on white background'], notes: '照片须为近六个月内拍摄' },
    clerk,
  );
  t.is(res.status, 201, JSON.stringify(res.body));
  t.like(res.body.print, { queued: true, printer: 'w3' });
  t.deepEqual(res.body.notice.missing.map((m: { zh: string }) => m.zh), ['社保卡', '一寸白底证件照']);

  const [paper] = await printer.waitForTickets(1);
  const text = ticketText(paper!);
  t.true(paper!.chineseMode);
  t.regex(text, /一次性告知单/);
  t.regex(text, /社会保险业务/);
  t.regex(text, /No\. B001/);
  t.regex(text, /1\. 社保卡（原件）/);
  t.regex(text, /2\. 一寸白底证件照（复印件2份）/);
  t.regex(text, /One-inch ID photo on white background/);
  t.regex(text, /照片须为近六个月内拍摄/);
  // Not missing, so not on the notice.
  t.notRegex(text, /户口簿/);
  t.regex(text, /申请人 Applicant: 孙八/, 'the slip handed to the visitor carries their name');
  t.regex(text, /经办人 Clerk: 李娜（工号 1003）/);
  t.regex(text, /地址：示范区人民路88号/);
  t.regex(text, /监督电话 Supervision: 0571-12345/);
  t.false(text.includes(COMPANY) || text.includes('13300000000'));
  t.is(paper!.cut, 'full');
  t.deepEqual(printer.errors, []);

  const html = await fetch(server.url + res.body.html);
  t.is(html.status, 200);
  const page = await html.text();
  t.true(page.includes('1. 社保卡（原件）'));
  t.true(page.includes('照片须为近六个月内拍摄'));
  t.true(page.includes('孙*') && !page.includes('孙八'), 'the page, which may be shared, masks the name');
  t.true(page.includes('李娜（工号 1003）') && page.includes('示范区人民路88号') && page.includes('0571-12345'));
  t.is((await server.api.get(`/api/notices/${res.body.notice.id}`)).body.ticketNumber, 'B001');
});

test('without a printer the notice is still issued, with its page', async (t) => {
  const server = await startTestServer({ plugins: [...serviceFeatures()] });
  t.teardown(() => server.close());
  await server.api.post('/api/tickets', { service: 'estate' }, 'demo-triage');
  await server.api.window('1', 'next');
  const res = await server.api.post('/api/windows/1/notice', { missing: ['购房合同'] }, 'demo-clerk-1');
  t.is(res.status, 201);
  t.like(res.body.print, { queued: false, reason: 'no_printer' });
  const page = await (await fetch(server.url + res.body.html)).text();
  t.true(page.includes('购房合同（复印件2份）'));
});

// An application's life through the API on a real server: received at window 1 with its receipt
// printed (decoded by the fake ESC/POS printer), listed in the back office by service, returned for
// correction (补正, notice printed), resubmitted, approved after its promised date (overdue), a
// pickup number at the kiosk, handed out at the pickup window; a second one mailed free of charge.
// Received Wed 2026-09-30: the National Day holiday (Oct 1–7) lies between receipt and promise.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { ticketText } from '../helpers/fake-escpos-printer.ts';
import { at, startAppsServer } from './helpers.ts';

const VISITOR = { name: '王小明', phone: '13912345678', company: '示范科技有限公司' };
const ADDRESS = '示范市示范区幸福路88号';

test('from 收件 to 出件: receipt, back office, correction, overdue, kiosk pickup number, pickup and mailing', async (t) => {
  const server = await startAppsServer(at('2026-09-30', '10:00'));
  t.teardown(() => server.close());
  const api = server.api;
  const ready: string[] = [];
  server.services.get('applications')!.onReady((_hall, a) => ready.push(a.receipt));

  await api.post('/api/tickets', { service: 'business', lane: 'green', visitor: VISITOR }, 'demo-triage');
  await api.window('1', 'next');

  t.is((await api.post('/api/windows/1/applications', { materials: ['营业执照'] }, 'demo-clerk-1')).body.error.code, 'unknown_material');
  t.is((await api.post('/api/windows/1/applications', { materials: [] }, 'demo-clerk-2')).status, 403);

  const reg = await api.post('/api/windows/1/applications', { materials: ['公司章程', "Legal representative's ID card"] }, 'demo-clerk-1');
  t.is(reg.status, 201, JSON.stringify(reg.body));
  const receipt: string = reg.body.application.receipt;
  t.is(receipt, 'DISTRICT-20260930-0001');
  // Business: 1 working day; Oct 1–7 are off, so Thursday Oct 8.
  t.is(reg.body.application.promisedDate, '2026-10-08');
  t.true(reg.body.application.green);
  t.like(reg.body.print, { queued: true, printer: 'w1' });

  const [paper] = await server.printer.waitForTickets(1);
  const text = ticketText(paper!);
  t.regex(text, /受理回执/);
  t.true(text.includes(receipt));
  t.regex(text, /2026-10-08/);
  t.regex(text, /1\. 公司章程/);
  t.regex(text, /2\. 法定代表人身份证/);
  t.notRegex(text, /住所使用证明/);
  t.is(paper!.qr.length, 1);
  t.is(new URL(paper!.qr[0]!).pathname, `/a/${receipt}`);
  t.false(text.includes(VISITOR.name) || text.includes(VISITOR.phone) || text.includes(VISITOR.company));

  // A second one at window 2 after its visitor left: estate (3 working days: Oct 8, 9, Sat 10 make-up), mailed.
  const estate = await api.post('/api/windows/2/applications', { service: 'estate', materials: [], visitor: VISITOR, delivery: { type: 'mail', address: ADDRESS }, print: false }, 'demo-clerk-2');
  t.is(estate.status, 201, JSON.stringify(estate.body));
  t.is(estate.body.application.receipt, 'DISTRICT-20260930-0002');
  t.is(estate.body.application.promisedDate, '2026-10-10');
  const estateReceipt: string = estate.body.application.receipt;

  // The public status: progress, nothing personal.
  const status = await api.get(`/api/applications/${estateReceipt}/status`);
  t.is(status.status, 200);
  t.like(status.body, { receipt: estateReceipt, stage: 'approving', delivery: 'mail', promisedDate: '2026-10-10' });
  const raw = JSON.stringify(status.body);
  for (const secret of [VISITOR.name, VISITOR.phone, VISITOR.company, ADDRESS, '2号窗口综窗人员']) t.false(raw.includes(secret), secret);
  t.is((await api.get('/api/applications/NOPE-20260930-0001/status')).status, 404);

  // Back office: the estate approver sees estate only; the general approver both.
  const estateList = await api.get('/api/applications', 'demo-approver-estate');
  t.deepEqual(estateList.body.applications.map((a: { receipt: string }) => a.receipt), [estateReceipt]);
  const all = await api.get('/api/applications?status=open', 'demo-approver');
  t.deepEqual(all.body.applications.map((a: { receipt: string }) => a.receipt).sort(), [receipt, estateReceipt]);
  t.is((await api.post(`/api/applications/${receipt}/approve`, {}, 'demo-approver-estate')).body.error.code, 'not_your_service');

  // 补正: what is missing, printed as a one-time notice numbered with the receipt.
  const ret = await api.post(`/api/applications/${receipt}/return`, { missing: ['住所使用证明'], note: '租赁合同需加盖出租方公章' }, 'demo-approver');
  t.is(ret.status, 200, JSON.stringify(ret.body));
  t.like(ret.body.print, { queued: true });
  const [, notice] = await server.printer.waitForTickets(2);
  const noticeText = ticketText(notice!);
  t.regex(noticeText, /一次性告知单/);
  t.true(noticeText.includes(receipt));
  t.regex(noticeText, /1\. 住所使用证明/);
  t.regex(noticeText, /租赁合同需加盖出租方公章/);
  t.like((await api.get(`/api/applications/${receipt}/status`)).body, { stage: 'returned', missing: [{ zh: '住所使用证明' }] });
  t.is((await api.post(`/api/applications/${receipt}/approve`, {}, 'demo-approver')).body.error.code, 'not_in_approval');
  t.is((await api.post(`/api/applications/${receipt}/resubmit`, { materials: ['住所使用证明'] }, 'demo-clerk-3')).status, 200);

  // Past the promised date it stands out in the work list.
  server.clock.now = at('2026-10-09', '09:30');
  const late = (await api.get('/api/applications', 'demo-approver')).body.applications;
  t.like(late.find((a: { receipt: string }) => a.receipt === receipt), { overdue: true, status: 'received' });
  t.like(late.find((a: { receipt: string }) => a.receipt === estateReceipt), { overdue: false, dueToday: false });

  t.is((await api.post(`/api/applications/${receipt}/pickup-ticket`, {}, 'demo-kiosk')).body.error.code, 'not_ready');
  t.is((await api.post(`/api/applications/${receipt}/approve`, { note: '准予登记' }, 'demo-approver')).status, 200);
  t.deepEqual(ready, [receipt]);
  t.like((await api.get(`/api/applications/${receipt}/status`)).body, { stage: 'ready', readyDay: '2026-10-09' });

  // The kiosk gives a number in the pickup service; the pickup window (8) hands it out.
  const number = await api.post(`/api/applications/${receipt}/pickup-ticket`, {}, 'demo-kiosk');
  t.is(number.status, 201);
  t.like(number.body, { service: 'pickup', number: 'F001' });
  t.is((await api.get(`/api/applications/${receipt}`, 'demo-clerk-8')).body.status, 'approved');
  t.is((await api.post(`/api/applications/${receipt}/pickup`, {}, 'demo-clerk-1')).body.error.code, 'not_pickup_desk');
  t.is((await api.post(`/api/applications/${receipt}/pickup`, {}, 'demo-clerk-8')).body.status, 'picked_up');
  t.is((await api.post(`/api/applications/${receipt}/pickup`, {}, 'demo-clerk-8')).body.error.code, 'not_ready');

  // Free mailing: only once approved, with the courier's tracking number.
  t.is((await api.post(`/api/applications/${estateReceipt}/mail`, { courier: 'EMS', trackingNumber: 'EA123456789CN' }, 'demo-clerk-8')).body.error.code, 'not_ready');
  t.is((await api.post(`/api/applications/${estateReceipt}/approve`, {}, 'demo-approver-estate')).status, 200);
  t.is((await api.post(`/api/applications/${estateReceipt}/pickup-ticket`, {}, 'demo-kiosk')).body.error.code, 'not_for_pickup');
  t.is((await api.post(`/api/applications/${estateReceipt}/mail`, { courier: 'EMS', trackingNumber: 'EA123456789CN' }, 'demo-clerk-8')).status, 200);
  t.like((await api.get(`/api/applications/${estateReceipt}/status`)).body, { stage: 'mailed', courier: 'EMS', trackingNumber: 'EA123456789CN' });

  // Every step is an event with the person and the time, in the log.
  const log = await server.registry.store.read(streams.applications('district'), 0);
  t.deepEqual(
    log.map((e) => [e.type, e.actor?.name]),
    [
      ['application:received', '1号窗口综窗人员'],
      ['application:received', '2号窗口综窗人员'],
      ['application:returned', '后台审批'],
      ['application:resubmitted', '3号窗口综窗人员'],
      ['application:approved', '后台审批'],
      ['application:pickup-ticket-issued', '自助取号机'],
      ['application:picked-up', '8号窗口综窗人员'],
      ['application:approved', '不动产审批'],
      ['application:mailed', '8号窗口综窗人员'],
    ],
  );
  t.true(log.every((e) => typeof e.at === 'number'));
  t.deepEqual(server.printer.errors, []);
});

test('bad input gets a stable error, never a 500', async (t) => {
  const server = await startAppsServer(at('2026-09-30', '10:00'));
  t.teardown(() => server.close());
  const api = server.api;
  t.is((await api.post('/api/windows/1/applications', { materials: [] }, 'demo-clerk-1')).body.error.code, 'service_required');
  t.is((await api.post('/api/windows/1/applications', { service: 'nope', materials: [] }, 'demo-clerk-1')).body.error.code, 'unknown_service');
  t.is((await api.request('POST', '/api/windows/1/applications', { raw: '{', token: 'demo-clerk-1' })).status, 400);
  t.is((await api.post('/api/windows/1/applications', { service: 'business', materials: 'x' }, 'demo-clerk-1')).status, 400);
  t.is((await api.get('/api/applications/not a receipt/status')).status, 400);
  const reg = await api.post('/api/windows/1/applications', { service: 'business', materials: [], print: false }, 'demo-clerk-1');
  t.is((await api.post(`/api/applications/${reg.body.application.receipt}/refuse`, {}, 'demo-approver')).status, 400);
  t.is((await api.post(`/api/applications/${reg.body.application.receipt}/mail`, { courier: 'EMS', trackingNumber: '!' }, 'demo-admin')).status, 400);
  t.is((await api.post(`/api/applications/${reg.body.application.receipt}/return`, {}, 'demo-approver')).body.error.code, 'nothing_missing');
});

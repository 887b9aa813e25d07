// The "can't get it done" desk on a real server: a case opened from the visitor at window 9 keeps
// their record, is resolved and followed up; the report lists open and closed cases; only the
// desk's clerks and the admin see cases.
import test from 'ava';
import { MONDAY, at, startClockedServer } from '../appointments/helpers.ts';

const VISITOR = { name: '周九', phone: '13812345678', company: '东方建材有限公司' };

test('a case from the complaints window: opened with the visitor record, noted, resolved, followed up, reported', async (t) => {
  const server = await startClockedServer(at(MONDAY, '09:00'));
  t.teardown(() => server.close());
  await server.api.post('/api/tickets', { service: 'complaints', visitor: VISITOR }, 'demo-triage');
  t.is((await server.api.window('9', 'next')).status, 200);

  const body = { problem: '办理不动产抵押注销三次被退件，各窗口说法不一', services: ['estate', 'tax'], lead: '不动产登记中心', window: '9' };
  t.is((await server.api.post('/api/cases', body, 'demo-clerk-3')).body.error.code, 'not_case_desk');
  t.is((await server.api.post('/api/cases', body)).status, 401);
  const opened = await server.api.post('/api/cases', body, 'demo-clerk-9');
  t.is(opened.status, 201, JSON.stringify(opened.body));
  t.like(opened.body, { number: 'BC20261130001', status: 'open', ticketNumber: 'G001', visitor: VISITOR, openedAt: at(MONDAY, '09:00') });
  const id = opened.body.id;

  // A second case the same day gets the next number; this one is opened by hand, no ticket.
  server.clock.now = at(MONDAY, '10:00');
  const other = await server.api.post('/api/cases', { problem: '社保转移等了两个月', services: ['social'], visitor: { phone: '13900000000' } }, 'demo-admin');
  t.is(other.body.number, 'BC20261130002');

  t.is((await server.api.post(`/api/cases/${id}/notes`, { text: '已约不动产、税务会商' }, 'demo-clerk-9')).status, 201);
  server.clock.now = at(MONDAY, '11:30');
  const resolved = await server.api.post(`/api/cases/${id}/resolve`, { resolution: '会商确认材料齐全，当场办结抵押注销', followUp: true }, 'demo-clerk-9');
  t.like(resolved.body, { status: 'resolved', followUp: 'pending', resolvedBy: '9号窗口综窗人员', resolvedAt: at(MONDAY, '11:30') });
  t.is((await server.api.post(`/api/cases/${id}/resolve`, { resolution: 'again' }, 'demo-clerk-9')).body.error.code, 'case_not_open');

  // The report the day after: one closed after follow-up, one still open.
  server.clock.now = at('2026-12-01', '10:00');
  t.like((await server.api.post(`/api/cases/${id}/follow-up`, { outcome: 'satisfied', note: '电话回访满意' }, 'demo-clerk-9')).body, {
    status: 'closed',
    followUp: 'done',
    followUpOutcome: 'satisfied',
  });
  const report = (await server.api.get(`/api/cases/report?from=${MONDAY}&to=2026-12-01`, 'demo-admin')).body;
  t.like(report.counts, { opened: 2, open: 1, closed: 1, followUpPending: 0 });
  t.deepEqual(report.open.map((k: { number: string }) => k.number), ['BC20261130002']);
  t.deepEqual(report.closed.map((k: { number: string; company: string }) => [k.number, k.company]), [['BC20261130001', '东方建材有限公司']]);
  t.is(report.closed[0].daysToResolve, 0.1);
  t.like(report.byService, { estate: { opened: 1, open: 0 }, social: { opened: 1, open: 1 } });
  t.is((await server.api.get('/api/cases?status=open', 'demo-clerk-9')).body.cases.length, 1);
  t.is((await server.api.get('/api/cases', 'demo-clerk-1')).status, 403);

  // An unhappy follow-up puts a case back on the desk.
  await server.api.post(`/api/cases/${other.body.id}/resolve`, { resolution: '已催办转入' }, 'demo-admin');
  const unhappy = await server.api.post(`/api/cases/${other.body.id}/follow-up`, { outcome: 'unsatisfied', note: '仍未到账' }, 'demo-admin');
  t.is(unhappy.body.status, 'open');
});

test('records: the admin finds everything a company or a phone did, with who did it', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  // A booking by phone, checked in, served at window 3 with an assist request and a notice, then a case at window 9.
  const booking = (await server.api.post('/api/appointments', { service: 'social', date: MONDAY, time: '09:00', name: VISITOR.name, phone: VISITOR.phone })).body;
  server.clock.now = at(MONDAY, '08:55');
  await server.api.post('/api/appointments/check-in', { code: booking.code }, 'demo-kiosk');
  // Someone else the same morning, who must not show up.
  await server.api.post('/api/tickets', { service: 'tax', visitor: { company: '别家公司', phone: '13000000000' } }, 'demo-triage');
  server.clock.now = at(MONDAY, '09:05');
  await server.api.window('3', 'next');
  await server.api.window('3', 'start');
  server.clock.now = at(MONDAY, '09:10');
  await server.api.post('/api/windows/3/notice', { missing: ['社保卡'] }, 'demo-clerk-3');
  server.clock.now = at(MONDAY, '09:20');
  await server.api.post('/api/windows/3/finish', {}, 'demo-clerk-3');
  server.clock.now = at(MONDAY, '10:00');
  await server.api.post('/api/tickets', { service: 'complaints', visitor: VISITOR }, 'demo-triage');
  await server.api.window('9', 'next');
  await server.api.post('/api/cases', { problem: '社保卡补办要求跑两次', services: ['social'], window: '9' }, 'demo-clerk-9');

  const byPhone = await server.api.get(`/api/records?phone=${VISITOR.phone}&from=${MONDAY}&to=${MONDAY}`, 'demo-admin');
  t.is(byPhone.status, 200, JSON.stringify(byPhone.body));
  const lines = byPhone.body.entries.map((e: { type: string; actor?: { name: string }; ticketNumber?: string }) => `${e.type}|${e.ticketNumber ?? ''}|${e.actor?.name ?? ''}`);
  t.deepEqual(lines, [
    'booking:made||',
    // Check-in, ticket and link happen in the same instant: bookings first, then the hall.
    'booking:checked-in||自助取号机',
    'booking:ticketed|B001|appointments',
    'ticket:issued|B001|自助取号机',
    'ticket:called|B001|3号窗口综窗人员',
    'ticket:started|B001|3号窗口综窗人员',
    'notice:issued|B001|3号窗口综窗人员',
    'ticket:finished|B001|3号窗口综窗人员',
    'ticket:issued|G001|咨询台',
    'ticket:called|G001|9号窗口综窗人员',
    'case:opened||9号窗口综窗人员',
  ]);
  t.false(JSON.stringify(byPhone.body).includes('别家公司'));

  // By company: the ticket with the company on it and the case; partial names match.
  const byCompany = await server.api.get(`/api/records?company=${encodeURIComponent('东方建材')}&from=${MONDAY}`, 'demo-admin');
  t.deepEqual(
    [...new Set(byCompany.body.entries.map((e: { type: string }) => e.type))],
    ['ticket:issued', 'ticket:called', 'case:opened'],
  );
  t.true(byCompany.body.visitors.some((v: { company?: string }) => v.company === '东方建材有限公司'));

  // Another day has nothing; only the admin may search; a query is required.
  t.deepEqual((await server.api.get(`/api/records?phone=${VISITOR.phone}&from=2026-12-01&to=2026-12-01`, 'demo-admin')).body.entries, []);
  t.is((await server.api.get(`/api/records?phone=${VISITOR.phone}`, 'demo-clerk-9')).status, 403);
  t.is((await server.api.get('/api/records', 'demo-admin')).status, 400);
});

// A bad rating opens a follow-up case for the 办不成事 desk with a deadline in working days (the demo
// hall: 1), listed for the manager until closed, overdue when not contacted in time; the visitor's
// reply is recorded. Deadlines are written out by hand from a calendar.
import test from 'ava';
import { at, MONDAY, serveAt, startRatingServer } from './helpers.ts';

test('非常不满意 on a Friday: case due at the end of Monday; overdue on Tuesday; contact records the reply; closed leaves the list', async (t) => {
  const friday = '2026-11-27';
  const server = await startRatingServer(at(friday, '16:00'));
  t.teardown(() => server.close());
  const done = await serveAt(server, '4', 'medical');
  const rated = await server.api.post(`/api/tickets/${done.id}/rating`, { key: done.key, level: 'very_dissatisfied', reasons: ['attitude', 'not_done'], comment: '说明不清楚' });
  t.is(rated.status, 201, JSON.stringify(rated.body));
  const dueAt = at('2026-12-01', '00:00'); // the end of Monday 30 November
  t.deepEqual(rated.body.followUp, { dueAt });

  const list = (await server.api.get('/api/cases/follow-ups', 'demo-admin')).body.followUps;
  t.is(list.length, 1);
  t.like(list[0], { ticketNumber: done.number, windowId: '4', status: 'open', dueAt, overdue: false, rating: { level: 'very_dissatisfied', reasons: ['attitude', 'not_done'] } });
  t.is((await server.api.get('/api/cases/follow-ups', 'demo-clerk-1')).status, 403);

  // Monday 23:59 still in time; Tuesday 00:01 overdue.
  server.clock.now = at(MONDAY, '23:59');
  t.false((await server.api.get('/api/cases/follow-ups', 'demo-clerk-9')).body.followUps[0].overdue);
  server.clock.now = at('2026-12-01', '00:01');
  t.true((await server.api.get('/api/cases/follow-ups', 'demo-clerk-9')).body.followUps[0].overdue);

  const id = list[0].id;
  const contacted = await server.api.post(`/api/cases/${id}/contact`, { reply: '已电话致歉，访客表示理解' }, 'demo-clerk-9');
  t.is(contacted.status, 200, JSON.stringify(contacted.body));
  t.like(contacted.body, { visitorReply: '已电话致歉，访客表示理解', contactedBy: '9号窗口综窗人员', contactedAt: at('2026-12-01', '00:01') });
  t.like((await server.api.get('/api/cases/follow-ups', 'demo-admin')).body.followUps[0], { overdue: false });

  await server.api.post(`/api/cases/${id}/resolve`, { resolution: '补办当场办结', followUp: false }, 'demo-clerk-9');
  t.deepEqual((await server.api.get('/api/cases/follow-ups', 'demo-admin')).body.followUps, []);
  t.is((await server.api.post(`/api/cases/${id}/contact`, { reply: 'again' }, 'demo-clerk-9')).body.error.code, 'case_closed');
});

test('不满意 the day before New Year: the holiday and the weekend are skipped (due end of Monday 4 January)', async (t) => {
  const server = await startRatingServer(at('2026-12-31', '15:00'));
  t.teardown(() => server.close());
  const done = await serveAt(server, '6', 'tax');
  const rated = await server.api.post('/api/windows/6/rating', { level: 'dissatisfied' }, 'demo-rater-6');
  t.is(rated.status, 201, JSON.stringify(rated.body));
  t.deepEqual(rated.body.followUp, { dueAt: at('2027-01-05', '00:00') });
  const [k] = (await server.api.get('/api/cases/follow-ups', 'demo-admin')).body.followUps;
  t.like(k, { ticketNumber: done.number, dueAt: at('2027-01-05', '00:00') });
});

test('good ratings open no case', async (t) => {
  const server = await startRatingServer(at(MONDAY, '09:00'));
  t.teardown(() => server.close());
  for (const level of ['very_satisfied', 'satisfied', 'basically_satisfied']) {
    const done = await serveAt(server, '1', 'business');
    t.is((await server.api.post(`/api/tickets/${done.id}/rating`, { key: done.key, level })).status, 201);
  }
  t.deepEqual((await server.api.get('/api/cases/follow-ups', 'demo-admin')).body.followUps, []);
});

// Ratings over real HTTP on a real server and SQLite file, with a fake clock: from the visitor's
// status page by ticket id, from the window's rating device for the ticket last finished there.
import test from 'ava';
import { at, MONDAY, ratingKeyOf, serveAt, startRatingServer } from './helpers.ts';

const HOUR = 3_600_000;

test('status page: not before finishing, once after, with reasons from the list, until the window closes (also after midnight)', async (t) => {
  const server = await startRatingServer(at(MONDAY, '09:00'));
  t.teardown(() => server.close());
  const issued = await server.api.issue('business');
  const id = issued.body.id;
  const key = ratingKeyOf(issued.body);
  const early = await server.api.post(`/api/tickets/${id}/rating`, { key, level: 'satisfied' });
  t.is(early.status, 409);
  t.is(early.body.error.code, 'ticket_not_finished');
  t.like((await server.api.get(`/api/tickets/${id}/rating`)).body, { rateable: false, rated: false });

  await server.api.post('/api/windows/1/call', { ticketId: id }, 'demo-clerk-1');
  await server.api.window('1', 'finish');
  const before = (await server.api.get(`/api/tickets/${id}/rating`)).body;
  t.like(before, { ticketNumber: issued.body.number, rateable: true, rated: false, rateableUntil: at(MONDAY, '09:00') + 24 * HOUR });
  t.deepEqual(before.levels.map((l: { zh: string }) => l.zh), ['非常满意', '满意', '基本满意', '不满意', '非常不满意']);

  t.is((await server.api.post(`/api/tickets/${id}/rating`, { key, level: 'great' })).status, 400);
  t.is((await server.api.post(`/api/tickets/${id}/rating`, { key, level: 'satisfied', reasons: ['nope'] })).body.error.code, 'unknown_reason');
  const ok = await server.api.post(`/api/tickets/${id}/rating`, { key, level: 'basically_satisfied', reasons: ['wait'], comment: '等得有点久' });
  t.is(ok.status, 201, JSON.stringify(ok.body));
  t.like(ok.body, { ticketNumber: issued.body.number, level: 'basically_satisfied', label: { zh: '基本满意' } });
  t.is(ok.body.followUp, undefined, 'a good rating opens no case');
  const again = await server.api.post(`/api/tickets/${id}/rating`, { key, level: 'very_satisfied' });
  t.is(again.status, 409);
  t.is(again.body.error.code, 'already_rated');
  t.like((await server.api.get(`/api/tickets/${id}/rating`)).body, { rateable: false, rated: true, level: 'basically_satisfied' });
  t.is((await server.api.post('/api/tickets/nope/rating', { level: 'satisfied' })).status, 404);

  // Finished at 09:00 Monday: rated from the phone the next morning (the day has rolled), not after 24 h.
  const late = await serveAt(server, '2', 'tax');
  server.clock.now = at('2026-12-01', '08:30');
  const nextDay = await server.api.post(`/api/tickets/${late.id}/rating`, { key: late.key, level: 'satisfied' });
  t.is(nextDay.status, 201, JSON.stringify(nextDay.body));
});

test('status page: a ticket finished more than windowHours ago is refused', async (t) => {
  const server = await startRatingServer(at(MONDAY, '10:00'));
  t.teardown(() => server.close());
  const done = await serveAt(server, '3', 'social');
  server.clock.now = at('2026-12-01', '10:01');
  const res = await server.api.post(`/api/tickets/${done.id}/rating`, { key: done.key, level: 'satisfied' });
  t.is(res.status, 409);
  t.is(res.body.error.code, 'rating_window_closed');
  t.like((await server.api.get(`/api/tickets/${done.id}/rating`)).body, { rateable: false, rated: false });
});

test('rating device: only its window, only the ticket finished last there', async (t) => {
  const server = await startRatingServer(at(MONDAY, '09:00'));
  t.teardown(() => server.close());
  t.like((await server.api.get('/api/windows/1/rating', 'demo-rater-1')).body, { window: { id: '1', number: 1 }, ticket: null });
  const nothing = await server.api.post('/api/windows/1/rating', { level: 'satisfied' }, 'demo-rater-1');
  t.is(nothing.body.error.code, 'nothing_to_rate');

  const first = await serveAt(server, '1', 'business');
  const second = await serveAt(server, '1', 'estate');
  const other = await serveAt(server, '2', 'tax');
  t.is((await server.api.get('/api/windows/1/rating', 'demo-rater-2')).body.error.code, 'wrong_window');
  t.is((await server.api.post('/api/windows/1/rating', { level: 'satisfied' }, 'demo-rater-2')).status, 403);
  t.is((await server.api.post('/api/windows/1/rating', { level: 'satisfied' }, 'demo-display')).status, 403);
  const shown = (await server.api.get('/api/windows/1/rating', 'demo-rater-1')).body;
  t.like(shown.ticket, { id: second.id, number: second.number, rateable: true, rated: false });

  // A device whose screen still shows the first ticket, or names a ticket of another window, is refused.
  t.is((await server.api.post('/api/windows/1/rating', { level: 'satisfied', ticketId: first.id }, 'demo-rater-1')).body.error.code, 'not_last_finished');
  t.is((await server.api.post('/api/windows/1/rating', { level: 'satisfied', ticketId: other.id }, 'demo-rater-1')).body.error.code, 'not_last_finished');

  const rated = await server.api.post('/api/windows/1/rating', { level: 'very_satisfied', ticketId: second.id }, 'demo-rater-1');
  t.is(rated.status, 201, JSON.stringify(rated.body));
  t.like(rated.body, { ticketNumber: second.number, level: 'very_satisfied' });
  t.is((await server.api.post('/api/windows/1/rating', { level: 'satisfied' }, 'demo-rater-1')).body.error.code, 'already_rated');
  // The phone cannot rate it a second time either; the other tickets are still open to their visitors.
  t.is((await server.api.post(`/api/tickets/${second.id}/rating`, { key: second.key, level: 'satisfied' })).body.error.code, 'already_rated');
  t.is((await server.api.post(`/api/tickets/${first.id}/rating`, { key: first.key, level: 'satisfied' })).status, 201);
});

test('two nodes on one SQLite file rate the same ticket at once: exactly one rating', async (t) => {
  const server = await startRatingServer(at(MONDAY, '09:00'));
  t.teardown(() => server.close());
  const node2 = await startRatingServer(at(MONDAY, '09:00'), { dataDir: server.dataDir });
  t.teardown(() => node2.close());
  for (let round = 0; round < 5; round++) {
    const done = await serveAt(server, '4', 'social');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? node2 : server).api.post(`/api/tickets/${done.id}/rating`, { key: done.key, level: i % 3 ? 'satisfied' : 'dissatisfied' })),
    );
    t.is(results.filter((r) => r.status === 201).length, 1, `round ${round}`);
    t.true(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === 'already_rated'));
  }
  // Every node counts the same five ratings (one per ticket): the log has no second.
  const report = (await node2.api.get(`/api/ratings/report?from=${MONDAY}&to=${MONDAY}&groupBy=window`, 'demo-admin')).body;
  t.is(report.total.ratings, 5);
  // And a bad one among them opened one case, not one per node.
  const followUps = (await server.api.get('/api/cases/follow-ups', 'demo-admin')).body.followUps;
  const bad = report.total.bad as number;
  t.is(followUps.length, bad);
});

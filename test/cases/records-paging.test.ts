// The record search over a long history, a page at a time: the pages joined are exactly what a
// plain filter over everything the test did says, no page is longer than asked, a stretch of empty
// days still answers (with a cursor to go on), and a cursor resumes exactly where its page ended.
import test from 'ava';
import { addDays } from '../../server/appointments/local-time.ts';
import { at, startClockedServer } from '../appointments/helpers.ts';

const COMPANY = '东方建材有限公司';
const FIRST = '2026-09-01';

interface Done {
  at: number;
  type: string;
  company: string;
}

test('record search pages: joined pages equal the oracle, cursors resume exactly, empty stretches are crossed', async (t) => {
  const server = await startClockedServer(at(FIRST, '08:00'));
  t.teardown(() => server.close());
  const done: Done[] = [];
  const act = async (when: number, type: string, company: string, call: () => Promise<{ status: number; body: any }>) => {
    server.clock.now = when;
    const res = await call();
    t.true(res.status < 300, `${type}: ${res.status} ${JSON.stringify(res.body)}`);
    done.push({ at: when, type, company });
    return res.body;
  };
  const issue = (day: string, hhmm: string, company: string) =>
    act(at(day, hhmm), 'ticket:issued', company, () => server.api.post('/api/tickets', { service: 'business', visitor: { company } }, 'demo-triage'));

  // Ten busy days, forty quiet ones, five busy again. A case opened on day 2 is resolved on day 52:
  // its resolution names no visitor, so only what the search carried across pages finds it.
  const days = [...Array.from({ length: 10 }, (_, i) => addDays(FIRST, i)), ...Array.from({ length: 5 }, (_, i) => addDays(FIRST, 50 + i))];
  let caseId = '';
  for (const [i, day] of days.entries()) {
    const mine = await issue(day, '09:00', COMPANY);
    await issue(day, '09:01', '别家公司');
    if (i % 2 === 0)
      await act(at(day, '09:02'), 'ticket:cancelled', COMPANY, () => server.api.post(`/api/tickets/${mine.id}/cancel`, {}, 'demo-triage'));
    if (i === 2)
      caseId = (await act(at(day, '10:00'), 'case:opened', COMPANY, () => server.api.post('/api/cases', { problem: '营业执照变更三次退件', services: ['business'], visitor: { company: COMPANY } }, 'demo-admin'))).id;
    if (i === 12)
      await act(at(day, '10:00'), 'case:resolved', COMPANY, () => server.api.post(`/api/cases/${caseId}/resolve`, { resolution: '已办结', followUp: false }, 'demo-admin'));
  }

  const from = FIRST;
  const to = addDays(FIRST, 59);
  const expected = done.filter((d) => d.company === COMPANY).map((d) => `${d.at} ${d.type}`);
  t.is(expected.length, 15 + 8 + 2, "issued, cancelled on even days, the case opened and resolved");

  const base = `/api/records?company=${encodeURIComponent('东方建材')}&from=${from}&to=${to}&limit=7`;
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: any } = await server.api.get(cursor ? `${base}&cursor=${cursor}` : base, 'demo-admin');
    t.is(res.status, 200, JSON.stringify(res.body));
    t.true(res.body.entries.length <= 7);
    pages.push(res.body.entries.map((e: { at: number; type: string }) => `${e.at} ${e.type}`));
    // The same cursor again gives the same page: it names a place in the log, not a session.
    if (cursor) t.deepEqual((await server.api.get(`${base}&cursor=${cursor}`, 'demo-admin')).body.entries.map((e: { at: number; type: string }) => `${e.at} ${e.type}`), pages.at(-1));
    cursor = res.body.next;
    t.true(pages.length < 100, 'the pages end');
  } while (cursor);

  t.deepEqual(pages.flat(), expected);
  // 31 days read at most per page: the quiet stretch ends a page early, short of 7, with a cursor.
  t.true(pages.slice(0, -1).some((p) => p.length < 7), 'a page that reached quiet days still answered, with a cursor to go on');
  t.false(pages.flat().some((e) => e.includes('别家')));

  // A cursor for another period, or one made up, is refused.
  const firstNext = (await server.api.get(base, 'demo-admin')).body.next;
  t.is((await server.api.get(`/api/records?company=${encodeURIComponent('东方建材')}&from=2026-12-01&to=2026-12-31&cursor=${firstNext}`, 'demo-admin')).body.error.code, 'invalid_cursor');
  t.is((await server.api.get(`${base}&cursor=eyJkYXkiOiJ4In0`, 'demo-admin')).body.error.code, 'invalid_cursor');
});

// Rating figures everywhere they are shown, against a hand count of the ratings this test gives
// (the oracle is the plan below, counted with plain loops, not the feature's tally).
import test from 'ava';
import { at, MONDAY, serveAt, startRatingServer } from './helpers.ts';

const PLAN: [window: string, service: string, level: string][] = [
  ['1', 'business', 'very_satisfied'],
  ['1', 'tax', 'satisfied'],
  ['1', 'estate', 'dissatisfied'],
  ['2', 'business', 'very_satisfied'],
  ['2', 'tax', 'basically_satisfied'],
  ['3', 'social', 'very_dissatisfied'],
  ['3', 'medical', 'satisfied'],
  ['3', 'social', 'very_satisfied'],
];
const GOOD = new Set(['very_satisfied', 'satisfied', 'basically_satisfied']);

function handCount(rows: typeof PLAN) {
  let good = 0;
  for (const r of rows) if (GOOD.has(r[2])) good++;
  return { ratings: rows.length, good, bad: rows.length - good, rate: rows.length ? good / rows.length : null };
}

test('satisfaction per level, window, clerk and service in the ratings report, live metrics, reports, CSV, /metrics and the wall', async (t) => {
  const server = await startRatingServer(at(MONDAY, '09:00'));
  t.teardown(() => server.close());
  // One ticket more, finished and not rated: it must not count.
  await serveAt(server, '2', 'tax');
  for (const [window, service, level] of PLAN) {
    const done = await serveAt(server, window, service);
    const res = await server.api.post(`/api/tickets/${done.id}/rating`, { key: done.key, level });
    t.is(res.status, 201);
  }
  const total = handCount(PLAN);
  t.deepEqual([total.ratings, total.good], [8, 6]);

  const byLevel = (await server.api.get(`/api/ratings/report?from=${MONDAY}&to=${MONDAY}&groupBy=level`, 'demo-admin')).body;
  t.like(byLevel.total, total);
  t.deepEqual(
    byLevel.groups.map((g: { label: string; ratings: number }) => [g.label, g.ratings]),
    [['非常满意', 3], ['满意', 2], ['基本满意', 1], ['不满意', 1], ['非常不满意', 1]],
  );

  for (const w of ['1', '2', '3']) {
    const expected = handCount(PLAN.filter((r) => r[0] === w));
    const report = (await server.api.get(`/api/ratings/report?from=${MONDAY}&to=${MONDAY}&groupBy=window`, 'demo-admin')).body;
    t.like(report.groups.find((g: { key: string }) => g.key === w), expected, `window ${w}`);
    // The clerk is who finished the ticket: the window's clerk token.
    const byClerk = (await server.api.get(`/api/ratings/report?from=${MONDAY}&to=${MONDAY}&groupBy=clerk`, 'demo-admin')).body;
    t.like(byClerk.groups.find((g: { key: string }) => g.key === `${w}号窗口综窗人员`), expected, `clerk of ${w}`);
  }
  const social = (await server.api.get(`/api/ratings/report?groupBy=service&from=${MONDAY}&to=${MONDAY}`, 'demo-admin')).body;
  t.like(social.groups.find((g: { key: string }) => g.key === 'social'), handCount(PLAN.filter((r) => r[1] === 'social')));

  const csv = (await fetch(`${server.url}/api/ratings/report?from=${MONDAY}&to=${MONDAY}&groupBy=window&format=csv`, { headers: { authorization: 'Bearer demo-admin' } }).then((r) => r.text())).replace(/^\ufeff/, '');
  const lines = csv.trim().split('\r\n').map((l) => l.split(','));
  const head = lines[0]!;
  const totalRow = lines.find((l) => l[0] === 'TOTAL')!;
  t.is(totalRow[head.indexOf('ratings')], '8');
  t.is(Number(totalRow[head.indexOf('satisfaction_rate')]), 0.75);

  const live = (await server.api.get('/api/metrics/live', 'demo-admin')).body;
  t.like(live.satisfaction.total, total);
  t.like(live.satisfaction.groups.window['3'], handCount(PLAN.filter((r) => r[0] === '3')));

  const reports = (await server.api.get(`/api/reports?from=${MONDAY}&to=${MONDAY}&groupBy=window`, 'demo-admin')).body;
  t.like(reports.total.satisfaction, total);
  t.like(reports.groups.find((g: { key: string }) => g.key === '1').satisfaction, handCount(PLAN.filter((r) => r[0] === '1')));
  const reportCsv = await fetch(`${server.url}/api/reports?from=${MONDAY}&to=${MONDAY}&groupBy=day&format=csv`, { headers: { authorization: 'Bearer demo-admin' } }).then((r) => r.text());
  const rl = reportCsv.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
  t.is(rl.find((l) => l[0] === 'TOTAL')![rl[0]!.indexOf('satisfaction_rate')], '0.75');

  const prom = await fetch(`${server.url}/metrics`).then((r) => r.text());
  t.regex(prom, /onewindow_satisfaction_ratio\{hall="district"\} 0\.75/);
  t.regex(prom, /onewindow_ratings_today\{hall="district",level="very_satisfied"\} 3/);

  t.deepEqual((await server.api.get('/api/ratings/today')).body, { enabled: true, ratings: 8, good: 6, rate: 0.75 });
});

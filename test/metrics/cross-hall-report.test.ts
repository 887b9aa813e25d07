// Reports across halls on the demo multi-hall file: groupBy=hall has one row per hall equal to that
// hall's own report, and a total equal to the sum; groupBy=month splits a hall's tickets by local
// month. Checked against a hand count of the tickets this test issues and serves.
import test from 'ava';
import { localToEpoch } from '../../server/appointments/local-time.ts';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { startTestServer } from '../helpers/server.ts';

const at = (date: string, hhmm: string) => localToEpoch(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), 'Asia/Shanghai');

test('the report across halls matches the per-hall reports and the hand count; months split a hall', async (t) => {
  const clock = { now: at('2026-10-30', '09:00') };
  const server = await startTestServer({ deployment: loadDeploymentFile('config/demo-halls.yaml'), engine: { clock: () => clock.now }, plugins: [metricsPlugin({ prewarmDays: 0 })] });
  t.teardown(() => server.close());
  const { api } = server;
  const issue = async (hall: string, service: string, n: number) => {
    for (let i = 0; i < n; i++) {
      const r = await api.post(`/api/halls/${hall}/tickets`, { service }, hall === 'district' ? 'demo-triage' : `demo-${hall}-triage`);
      t.is(r.status, 201, JSON.stringify(r.body));
    }
  };
  const serveOne = async (hall: string, clerk: string) => {
    t.is((await api.post(`/api/halls/${hall}/windows/1/next`, {}, clerk)).status, 200);
    clock.now += 5 * 60_000;
    t.is((await api.post(`/api/halls/${hall}/windows/1/finish`, {}, clerk)).status, 200);
  };
  // Fri Oct 30: district 3 issued (1 served), east 2 (1 served), west none.
  await issue('district', 'business', 3);
  await issue('east', 'social', 2);
  await serveOne('district', 'demo-clerk-1');
  await serveOne('east', 'demo-east-clerk-1');
  // Mon Nov 2: district 1 more, west 4 (2 served).
  clock.now = at('2026-11-02', '09:00');
  await issue('district', 'tax', 1);
  await issue('west', 'medical', 4);
  await serveOne('west', 'demo-west-clerk-1');
  await serveOne('west', 'demo-west-clerk-1');

  const range = 'from=2026-10-30&to=2026-11-02';
  const across = await api.get(`/api/reports?groupBy=hall&${range}`, 'demo-admin');
  t.is(across.status, 200, JSON.stringify(across.body));
  const rows = Object.fromEntries(across.body.groups.map((g: { key: string; issued: number; served: number }) => [g.key, { issued: g.issued, served: g.served }]));
  t.deepEqual(rows, { district: { issued: 4, served: 1 }, east: { issued: 2, served: 1 }, west: { issued: 4, served: 2 } });
  t.like(across.body.total, { issued: 10, served: 4 });
  for (const hall of ['district', 'east', 'west']) {
    const own = await api.get(`/api/halls/${hall}/reports?${range}`, 'demo-admin');
    const row = across.body.groups.find((g: { key: string }) => g.key === hall);
    const { key: _k, label: _l, ...figures } = row;
    const { key: _k2, label: _l2, satisfaction: _s, ...ownFigures } = own.body.total;
    t.deepEqual(figures, ownFigures, hall);
  }

  const months = await api.get(`/api/halls/district/reports?groupBy=month&${range}`, 'demo-admin');
  t.deepEqual(months.body.groups.map((g: { key: string; issued: number }) => [g.key, g.issued]), [['2026-10', 3], ['2026-11', 1]]);
  t.like(months.body.total, { issued: 4 });
  const csv = await (await fetch(`${server.url}/api/reports?groupBy=hall&${range}&format=csv`, { headers: { authorization: 'Bearer demo-admin' } })).text();
  t.deepEqual(csv.split('\r\n').slice(1, 5).map((line) => line.split(',')[0]), ['district', 'east', 'west', 'TOTAL']);

  t.is((await api.get(`/api/halls/east/reports?groupBy=hall&${range}`, 'demo-admin')).body.error.code, 'hall_grouping_plain_api');
  t.is((await api.get(`/api/reports?groupBy=hall&${range}`, 'demo-clerk-1')).status, 403);
  t.is((await api.get(`/api/reports?groupBy=week&${range}`, 'demo-admin')).status, 400);
});

// Metrics and reports count by person: two clerks with the same name are two rows, told apart by
// their staff numbers, whatever window they worked at.
import test from 'ava';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { staffPlugin } from '../../server/staff/plugin.ts';
import { startTestServer } from '../helpers/server.ts';
import { call, tokenOf } from './helpers.ts';

test('live metrics and the report list each person by name and 工号, not by window or name alone', async (t) => {
  const server = await startTestServer({ plugins: [staffPlugin(), metricsPlugin()] });
  t.teardown(() => server.close());
  for (const staffNumber of ['5001', '5002'])
    t.is((await call(server.url, 'POST', '/api/staff', { token: 'demo-admin', body: { staffNumber, name: '张伟', roles: ['clerk'], password: 'pass-word-1' } })).status, 201);
  const first = await tokenOf(server.url, '5001', '1', 'pass-word-1');
  for (let i = 0; i < 3; i++) await server.api.issue('business');
  const serve = async (token: string, window: string) => {
    for (const action of ['next', 'start', 'finish']) t.is((await call(server.url, 'POST', `/api/windows/${window}/${action}`, { token })).status, 200, action);
  };
  await serve(first, '1');
  await call(server.url, 'DELETE', '/api/session', { token: first });
  // 5002 takes window 1 after 5001 left; 5001 moves to window 2.
  await serve(await tokenOf(server.url, '5002', '1', 'pass-word-1'), '1');
  await serve(await tokenOf(server.url, '5001', '2', 'pass-word-1'), '2');

  const live = await call(server.url, 'GET', '/api/metrics/live', { token: 'demo-admin' });
  const rows = (live.body.clerks as { name: string; staffNumber?: string; served: number }[]).map((c) => [c.name, c.staffNumber, c.served]);
  t.deepEqual(rows, [
    ['张伟 (5001)', '5001', 2],
    ['张伟 (5002)', '5002', 1],
  ]);
  const report = await call(server.url, 'GET', '/api/reports?groupBy=window', { token: 'demo-admin' });
  t.deepEqual(
    (report.body.clerks as { name: string; served: number }[]).map((c) => [c.name, c.served]),
    [
      ['张伟 (5001)', 2],
      ['张伟 (5002)', 1],
    ],
  );
});

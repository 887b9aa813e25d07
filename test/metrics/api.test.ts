// The metrics plug-in on a real server: live figures, estimates on tickets, Prometheus text,
// reports and the admin-only socket.io namespace.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import type { LiveMetricsPayload } from '../../server/metrics/contract.ts';
import { startTestServer } from '../helpers/server.ts';

test('live metrics, estimates, /metrics and reports follow the hall', async (t) => {
  const server = await startTestServer({ plugins: [metricsPlugin({ pushEveryMs: 20 })] });
  t.teardown(() => server.close());
  const { api } = server;

  t.is((await api.get('/api/metrics/live')).status, 401);
  t.is((await api.get('/api/metrics/live', 'demo-triage')).status, 403);

  const first = await api.issue('social');
  t.is(first.status, 201);
  t.is(typeof first.body.estimatedWaitMinutes, 'number');
  for (let i = 0; i < 5; i++) await api.issue('social');
  const sixth = await api.issue('social');
  t.true(sixth.body.estimatedWaitMinutes > first.body.estimatedWaitMinutes, 'more people ahead, longer wait');

  const status = await api.get(`/api/tickets/${sixth.body.id}`);
  t.is(status.body.estimatedWaitMinutes, sixth.body.estimatedWaitMinutes);
  t.is(typeof status.body.estimatedCallAt, 'number');

  // A dashboard on the admin namespace sees the call.
  const socket = io(`${server.url}/metrics`, { auth: { token: 'demo-admin' }, transports: ['websocket'] });
  t.teardown(() => socket.close());
  const updates: LiveMetricsPayload[] = [];
  socket.on('metrics:updated', (m) => updates.push(m));
  await new Promise<void>((resolve) => socket.once('metrics:updated', () => resolve()));
  t.is(updates[0]!.total.called, 0);

  t.is((await api.window('3', 'next')).status, 200);
  const live = await api.get<LiveMetricsPayload>('/api/metrics/live', 'demo-admin');
  t.like(live.body.total, { issued: 7, called: 1, zeroWaitRate: 1 });
  t.is(live.body.services.find((s) => s.id === 'social')!.waiting, 6);
  t.is(live.body.windows.find((w) => w.windowId === '3')!.current, first.body.number);

  for (let i = 0; i < 50 && !updates.some((u) => u.total.called === 1); i++) await new Promise((r) => setTimeout(r, 20));
  t.true(updates.some((u) => u.total.called === 1), 'metrics:updated pushed after the call');

  const refined = await api.get(`/api/tickets/${sixth.body.id}`);
  t.true(refined.body.estimatedWaitMinutes <= sixth.body.estimatedWaitMinutes, 'the estimate is refined as the queue moves');

  const estimates = await api.get('/api/estimates');
  t.is(estimates.status, 200);
  t.is(estimates.body.services.length, 7);

  const prom = await fetch(`${server.url}/metrics`).then((r) => r.text());
  t.regex(prom, /onewindow_queue_length\{hall="district",service="social"\} 6/);
  t.regex(prom, /onewindow_calls_total\{hall="district",window="3",kind="call"\} 1/);
  t.regex(prom, /onewindow_wait_seconds_bucket/);
  t.regex(prom, /onewindow_zero_wait_ratio\{hall="district",service="social"\} 1/);
  t.regex(prom, /onewindow_process_/);

  const report = await api.get('/api/reports?groupBy=service', 'demo-admin');
  t.is(report.status, 200);
  t.is(report.body.total.issued, 7);
  const csv = await fetch(`${server.url}/api/reports?groupBy=service&format=csv`, { headers: { authorization: 'Bearer demo-admin' } });
  t.regex(csv.headers.get('content-type')!, /text\/csv/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  t.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM for spreadsheets');
  t.regex(bytes.subarray(3).toString('utf8'), /^group,label,issued/);
  t.is((await api.get('/api/reports?from=2026-13-01', 'demo-admin')).status, 400);
  t.is((await api.get('/api/reports?from=2026-02-01&to=2026-01-01', 'demo-admin')).status, 400);
  t.is((await api.get('/api/reports?groupBy=colour', 'demo-admin')).status, 400);
  const summary = await api.get('/api/reports/summary', 'demo-admin');
  t.like(summary.body, { received: 7, completed: 0 });
  t.regex(summary.body.text.zh, /现场取号7个/);
});

test('the metrics namespace refuses sockets without an admin token', async (t) => {
  const server = await startTestServer({ plugins: [metricsPlugin()] });
  t.teardown(() => server.close());
  const socket = io(`${server.url}/metrics`, { auth: { token: 'demo-display' }, transports: ['websocket'], reconnection: false });
  t.teardown(() => socket.close());
  const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
  t.is(err.message, 'unauthorized');
});

test('after a restart the live figures are folded again from today\'s log', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-metrics-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = await startTestServer({ dataDir, plugins: [metricsPlugin()] });
  await first.api.issue('tax');
  await first.api.issue('tax');
  await first.api.window('1', 'next');
  await first.close();
  const again = await startTestServer({ dataDir, plugins: [metricsPlugin()] });
  t.teardown(() => again.close());
  const live = await again.api.get<LiveMetricsPayload>('/api/metrics/live', 'demo-admin');
  t.like(live.body.total, { issued: 2, called: 1 });
  t.is(live.body.services.find((s) => s.id === 'tax')!.waiting, 1);
});

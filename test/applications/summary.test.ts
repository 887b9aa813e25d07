// The period summary (GET /api/reports/summary) against a hand count of what this test does over
// a week in November 2026 (no holidays): applications received, completed, on time, mailed, picked
// up; phone consultations logged at the triage desk; green-channel tickets; 办不成事 cases.
import test from 'ava';
import { casesPlugin } from '../../server/cases/plugin.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { at, startAppsServer } from './helpers.ts';

const ESTATE = { service: 'estate', materials: [], print: false };

test('the summary over a period equals a hand count of applications, consultations, green channel and cases', async (t) => {
  const server = await startAppsServer(at('2026-11-02', '10:00'), [casesPlugin(), metricsPlugin({ prewarmDays: 0 })]);
  t.teardown(() => server.close());
  const { api, clock } = server;

  // Mon Nov 2: three estate applications (3 working days: promised Thu Nov 5), one mailed.
  const reg = async (body: object) => (await api.post('/api/windows/2/applications', { ...ESTATE, ...body }, 'demo-clerk-2')).body.application.receipt as string;
  const a = await reg({ delivery: { type: 'mail', address: '示范市示范区幸福路88号' } });
  const b = await reg({});
  const c = await reg({});
  // Two phone consultations, a green-channel ticket and an ordinary one, a 办不成事 case.
  const logged = await api.post('/api/consultations', { service: 'business', minutes: 5 }, 'demo-triage');
  t.is(logged.status, 201);
  t.like(logged.body, { serviceId: 'business', minutes: 5, day: '2026-11-02' });
  t.is((await api.post('/api/consultations', { service: 'estate', minutes: 10 }, 'demo-triage')).status, 201);
  t.is((await api.post('/api/consultations', { service: 'nope', minutes: 10 }, 'demo-triage')).body.error.code, 'unknown_service');
  t.is((await api.post('/api/consultations', { service: 'estate', minutes: 0 }, 'demo-triage')).status, 400);
  t.is((await api.post('/api/consultations', { service: 'estate', minutes: 3 }, 'demo-clerk-1')).status, 403);
  t.is((await api.post('/api/tickets', { service: 'business', lane: 'green' }, 'demo-triage')).status, 201);
  t.is((await api.post('/api/tickets', { service: 'business' }, 'demo-triage')).status, 201);
  t.is((await api.post('/api/cases', { problem: '跨部门材料互认', services: ['business', 'estate'] }, 'demo-admin')).status, 201);

  // Tue Nov 3: one more consultation. Wed Nov 4: A approved and mailed, B refused (both on time).
  clock.now = at('2026-11-03', '11:00');
  t.is((await api.post('/api/consultations', { service: 'estate', minutes: 3 }, 'demo-admin')).status, 201);
  clock.now = at('2026-11-04', '15:00');
  t.is((await api.post(`/api/applications/${a}/approve`, {}, 'demo-approver')).status, 200);
  t.is((await api.post(`/api/applications/${a}/mail`, { courier: 'EMS', trackingNumber: 'EMS123456' }, 'demo-admin')).status, 200);
  t.is((await api.post(`/api/applications/${b}/refuse`, { reason: '不符合条件' }, 'demo-approver')).status, 200);
  // Mon Nov 9: C approved late (promised Nov 5) and picked up.
  clock.now = at('2026-11-09', '09:30');
  t.is((await api.post(`/api/applications/${c}/approve`, {}, 'demo-approver')).status, 200);
  t.is((await api.post(`/api/applications/${c}/pickup`, {}, 'demo-admin')).status, 200);

  const summary = async (from: string, to: string) => (await api.get(`/api/reports/summary?from=${from}&to=${to}`, 'demo-admin')).body;
  const first = await summary('2026-11-02', '2026-11-04');
  t.deepEqual(first.applications, { received: 3, completed: 2, completedOnTime: 2, freeMailings: 1, pickedUp: 0 });
  t.deepEqual(first.consultations, { count: 3, minutes: 18, byService: { business: { count: 1, minutes: 5 }, estate: { count: 2, minutes: 13 } } });
  t.is(first.greenChannelUses, 1);
  t.is(first.received, 2);
  t.deepEqual(first.cases, { opened: 1 });

  const later = await summary('2026-11-09', '2026-11-09');
  t.deepEqual(later.applications, { received: 0, completed: 1, completedOnTime: 0, freeMailings: 0, pickedUp: 1 });
  t.deepEqual(later.consultations, { count: 0, minutes: 0, byService: {} });
  t.deepEqual(later.cases, { opened: 0 });

  const week = await summary('2026-11-02', '2026-11-09');
  t.like(week.applications, { received: 3, completed: 3, completedOnTime: 2 });
  t.is(week.consultations.count, 3);
  t.is((await api.get('/api/reports/summary?from=2026-11-02&to=2026-11-04', 'demo-triage')).status, 403);
});

// A bad rating's follow-up is due: the hall's staff phones are told once, through the notification
// port (here the `log` adapter and its send log), with the case and its deadline.
import test from 'ava';
import { defaultPlugins } from '../../server/plugins.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';
import { at, ratingKeyOf } from './helpers.ts';

test('不满意 tells the staff phones that a follow-up is due, once, with the case and the deadline', async (t) => {
  const clock = { now: at('2026-11-27', '16:00') };
  const deployment = {
    ...demoDeployment,
    halls: demoDeployment.halls.map((h) => ({ ...h, notifications: { ...h.notifications!, staffPhones: ['13900001111'] } })),
  };
  const server = await startTestServer({ deployment, plugins: defaultPlugins(), env: { VOICE_ENGINE: 'none' }, engine: { clock: () => clock.now } });
  t.teardown(() => server.close());
  const issued = await server.api.issue('medical');
  await server.api.post('/api/windows/4/call', { ticketId: issued.body.id }, 'demo-clerk-4');
  await server.api.window('4', 'finish');
  const rated = await server.api.post(`/api/tickets/${issued.body.id}/rating`, { key: ratingKeyOf(issued.body), level: 'dissatisfied', reasons: ['attitude'] });
  t.is(rated.status, 201, JSON.stringify(rated.body));
  // Rating the same ticket again is refused, so nothing more is sent.
  t.is((await server.api.post(`/api/tickets/${issued.body.id}/rating`, { key: ratingKeyOf(issued.body), level: 'dissatisfied' })).status, 409);

  const log = (await server.api.get('/api/notifications?from=2026-11-27&to=2026-11-27', 'demo-admin')).body;
  const due = log.messages.filter((m: { template: string }) => m.template === 'followUpDue');
  t.is(due.length, 1, JSON.stringify(log.messages));
  t.like(due[0], { to: '139****1111' });
  const followUps = (await server.api.get('/api/cases/follow-ups', 'demo-admin')).body.followUps;
  t.is(followUps.length, 1);
  t.true(due[0].key.startsWith(`followUpDue:${followUps[0].id}`), due[0].key);
});

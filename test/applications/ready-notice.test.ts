// When an application is approved, the visitor who left a phone is told, once, through the
// notification port (the `log` adapter and its send log), that the result can be collected at the
// pickup window; an application without a phone, or sent by free mailing, gets no message.
import test from 'ava';
import { defaultPlugins } from '../../server/plugins.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';
import { at } from './helpers.ts';

test('approval tells the visitor who left a phone, once, that the result can be collected', async (t) => {
  const clock = { now: at('2026-11-02', '10:00') };
  const server = await startTestServer({ deployment: demoDeployment, plugins: defaultPlugins(), env: { VOICE_ENGINE: 'none' }, engine: { clock: () => clock.now } });
  t.teardown(() => server.close());
  const { api } = server;
  const register = async (body: object) => {
    const r = await api.post('/api/windows/2/applications', { service: 'estate', materials: [], print: false, ...body }, 'demo-clerk-2');
    t.is(r.status, 201, JSON.stringify(r.body));
    return r.body.application.receipt as string;
  };
  const withPhone = await register({ visitor: { name: '王小明', phone: '13912345678' } });
  const noPhone = await register({ visitor: { name: '李四' } });
  const mailed = await register({ visitor: { name: '赵五', phone: '13700001111' }, delivery: { type: 'mail', address: '示范市幸福路1号' } });

  clock.now = at('2026-11-04', '15:00');
  for (const receipt of [withPhone, noPhone, mailed]) t.is((await api.post(`/api/applications/${receipt}/approve`, {}, 'demo-approver')).status, 200);
  // Approving again is refused, so nothing more is sent.
  t.is((await api.post(`/api/applications/${withPhone}/approve`, {}, 'demo-approver')).status, 409);

  const log = (await api.get('/api/notifications?from=2026-11-04&to=2026-11-04', 'demo-admin')).body;
  const ready = log.messages.filter((m: { template: string }) => m.template === 'applicationReady');
  t.is(ready.length, 1, JSON.stringify(log.messages));
  t.like(ready[0], { to: '139****5678', audience: 'visitor' });
  const application = (await api.get(`/api/applications/${withPhone}`, 'demo-admin')).body;
  t.is(ready[0].key, `applicationReady:${application.id}`);
  t.false(JSON.stringify(log).includes('王小明'));
});

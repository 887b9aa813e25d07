// The kiosk's pickup number (POST /api/applications/:receipt/pickup-ticket) against a real server:
// a repeat scan while the number waits gives the same number and the hall log one issue; once that
// number is gone a scan gives a new one; mailed or undecided applications are refused with their code.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { at, startAppsServer, type AppsServer } from './helpers.ts';

async function register(server: AppsServer, delivery?: { type: 'mail'; address: string }) {
  const body = { service: 'estate', materials: [], visitor: { name: '李四' }, print: false, ...(delivery ? { delivery } : {}) };
  const reg = await server.api.post('/api/windows/2/applications', body, 'demo-clerk-2');
  return reg.body.application.receipt as string;
}

async function issuesFor(server: AppsServer, receipt: string) {
  const log = await server.registry.store.read(streams.hall('district'), 0);
  return log.filter((e) => e.type === 'ticket:issued' && e.data.ticket.source === `application:${receipt}`);
}

test('a repeat scan gives the same pickup number; once it is gone, a new one', async (t) => {
  const server = await startAppsServer(at('2026-11-02', '10:00'));
  t.teardown(() => server.close());
  const receipt = await register(server);
  t.is((await server.api.post(`/api/applications/${receipt}/approve`, {}, 'demo-approver')).status, 200);

  const first = await server.api.post(`/api/applications/${receipt}/pickup-ticket`, {}, 'demo-kiosk');
  const again = await server.api.post(`/api/applications/${receipt}/pickup-ticket`, {}, 'demo-kiosk');
  t.is(first.status, 201);
  t.like(first.body, { service: 'pickup', number: 'F001', status: 'waiting' });
  t.regex(first.body.statusUrl, /\?k=/);
  t.false(JSON.stringify(first.body).includes('李四'));
  t.is(again.body.id, first.body.id);
  t.is(again.body.number, 'F001');
  t.is((await issuesFor(server, receipt)).length, 1);
  // From the triage desk too: the same waiting number.
  t.is((await server.api.post(`/api/applications/${receipt}/pickup-ticket`, {}, 'demo-triage')).body.number, 'F001');
  t.is((await issuesFor(server, receipt)).length, 1);

  // The number was cancelled (the visitor walked off): the next scan gives a new number.
  t.is((await server.api.post(`/api/tickets/${first.body.id}/cancel`, {}, 'demo-triage')).status, 200);
  const later = await server.api.post(`/api/applications/${receipt}/pickup-ticket`, {}, 'demo-kiosk');
  t.is(later.body.number, 'F002');
  t.is((await issuesFor(server, receipt)).length, 2);
});

test('a mailed or undecided application gets no pickup number', async (t) => {
  const server = await startAppsServer(at('2026-11-02', '10:00'));
  t.teardown(() => server.close());
  const open = await register(server);
  const mailed = await register(server, { type: 'mail', address: '示范路1号' });
  t.is((await server.api.post(`/api/applications/${mailed}/approve`, {}, 'demo-approver')).status, 200);
  const notReady = await server.api.post(`/api/applications/${open}/pickup-ticket`, {}, 'demo-kiosk');
  t.is(notReady.status, 409);
  t.is(notReady.body.error.code, 'not_ready');
  const forMail = await server.api.post(`/api/applications/${mailed}/pickup-ticket`, {}, 'demo-kiosk');
  t.is(forMail.status, 409);
  t.is(forMail.body.error.code, 'not_for_pickup');
  t.is((await server.api.post('/api/applications/DISTRICT-20261102-0099/pickup-ticket', {}, 'demo-kiosk')).body.error.code, 'unknown_application');
  t.is((await issuesFor(server, open)).length + (await issuesFor(server, mailed)).length, 0);
});

// Bad input gets its documented status and stable code; the server keeps serving.
import test from 'ava';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
test.before(async () => {
  server = await startTestServer();
});
test.after.always(async () => {
  await server?.close();
});

const cases: { title: string; method?: string; path: string; token?: string; raw?: string; body?: unknown; headers?: Record<string, string>; status: number; code: string }[] = [
  { title: 'malformed JSON', path: '/api/tickets', token: 'demo-triage', raw: '{"service": "business",', status: 400, code: 'malformed_json' },
  { title: 'wrong type', path: '/api/tickets', token: 'demo-triage', body: { service: 42 }, status: 400, code: 'invalid_request' },
  { title: 'unknown lane', path: '/api/tickets', token: 'demo-triage', body: { service: 'business', lane: 'vip' }, status: 400, code: 'invalid_request' },
  { title: 'bad phone number', path: '/api/tickets', token: 'demo-triage', body: { service: 'business', visitor: { phone: 'call me' } }, status: 400, code: 'phone_invalid' },
  { title: 'unknown service', path: '/api/tickets', token: 'demo-triage', body: { service: 'lottery' }, status: 404, code: 'unknown_service' },
  { title: 'oversized body', path: '/api/tickets', token: 'demo-triage', raw: JSON.stringify({ service: 'business', pad: 'x'.repeat(100_000) }), status: 413, code: 'body_too_large' },
  { title: 'not JSON', path: '/api/tickets', token: 'demo-triage', raw: 'service=business', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type' },
  { title: 'no token', path: '/api/tickets', body: { service: 'business' }, status: 401, code: 'unauthorized' },
  { title: 'unknown token', path: '/api/tickets', token: 'guess-me-please', body: { service: 'business' }, status: 401, code: 'unauthorized' },
  { title: 'wrong role: a display cannot issue', path: '/api/tickets', token: 'demo-display', body: { service: 'business' }, status: 403, code: 'wrong_role' },
  { title: 'a kiosk cannot issue the green channel', path: '/api/tickets', token: 'demo-kiosk', body: { service: 'business', lane: 'green' }, status: 403, code: 'lane_not_allowed' },
  { title: 'another clerk’s window', path: '/api/windows/2/next', token: 'demo-clerk-1', status: 403, code: 'wrong_window' },
  { title: 'a triage token cannot call', path: '/api/windows/1/next', token: 'demo-triage', status: 403, code: 'wrong_role' },
  { title: 'unknown window', path: '/api/windows/99/next', token: 'demo-admin', status: 404, code: 'unknown_window' },
  { title: 'unknown window action', path: '/api/windows/1/dance', token: 'demo-clerk-1', status: 404, code: 'unknown_action' },
  { title: 'unknown ticket', method: 'GET', path: '/api/tickets/nope', status: 404, code: 'unknown_ticket' },
  { title: 'unknown hall', method: 'GET', path: '/api/halls/atlantis/hall', status: 404, code: 'unknown_hall' },
  { title: 'unknown route', method: 'GET', path: '/api/nothing-here', status: 404, code: 'not_found' },
  { title: 'finish with no ticket', path: '/api/windows/5/finish', token: 'demo-clerk-5', status: 409, code: 'no_current_ticket' },
  { title: 'transfer without a target', path: '/api/windows/5/transfer', token: 'demo-clerk-5', body: {}, status: 400, code: 'invalid_request' },
];

for (const c of cases) {
  test.serial(`${c.title} → ${c.status} ${c.code}`, async (t) => {
    const res = await server.api.request(c.method ?? 'POST', c.path, { token: c.token, raw: c.raw, body: c.body, headers: c.headers });
    t.is(res.status, c.status);
    t.is(res.body?.error?.code, c.code);
    t.is(typeof res.body?.error?.message, 'string');
  });
}

test.serial('after all that the server still issues and calls', async (t) => {
  const issued = await server.api.issue('pickup');
  t.is(issued.status, 201);
  t.regex(issued.body.number, /^F\d{3}$/);
  const called = await server.api.window('8', 'next');
  t.is(called.status, 200);
  t.is(called.body.ticket.number, issued.body.number);
});

test.serial('a second pause is a 409 and paused windows refuse next', async (t) => {
  t.is((await server.api.window('6', 'pause', { reason: '午休' })).status, 200);
  const again = await server.api.window('6', 'pause');
  t.is(again.status, 409);
  t.is(again.body.error.code, 'window_already_paused');
  const next = await server.api.window('6', 'next');
  t.is(next.status, 409);
  t.is(next.body.error.code, 'window_paused');
  t.is((await server.api.window('6', 'resume')).status, 200);
});

test.serial('public reads need no token; the ticket status hides the visitor', async (t) => {
  const issued = await server.api.post('/api/tickets', { service: 'social', lane: 'elderly', visitor: { name: '王阿姨', phone: '13800000000', idNumber: '110101195001011239' } }, 'demo-triage');
  t.is(issued.status, 201);
  const status = await server.api.get(`/api/tickets/${issued.body.id}`);
  t.is(status.status, 200);
  t.is(status.body.number, issued.body.number);
  const state = await server.api.get('/api/state');
  for (const text of [JSON.stringify(status.body), JSON.stringify(state.body)]) {
    t.false(text.includes('王阿姨'));
    t.false(text.includes('13800000000'));
    t.false(text.includes('110101195001011239'));
  }
  t.is((await server.api.get('/api/hall')).body.services.length, 7);
  t.is((await server.api.get('/api/openapi.json')).body.openapi, '3.1.0');
});

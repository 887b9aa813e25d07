// The optional hourly cap on walk-in numbers: over it a kiosk or desk gets a 429; the green
// channel and checked-in appointments still get numbers; the next hour starts afresh.
import test from 'ava';
import { parseDeployment } from '../../server/config/load.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { MONDAY, at, startClockedServer } from './helpers.ts';

test('at most N walk-in numbers an hour; green and appointments are not capped', async (t) => {
  const deployment = parseDeployment(
    structuredClone({ ...demoDeployment, halls: demoDeployment.halls.map((h) => ({ ...h, appointments: { ...h.appointments!, onSiteCapPerHour: 3 } })) }),
  );
  const server = await startClockedServer(at(MONDAY, '08:00'), { deployment });
  t.teardown(() => server.close());
  const booking = (await server.api.post('/api/appointments', { service: 'tax', date: MONDAY, time: '09:00', name: '钱七', phone: '13500000000' })).body;

  server.clock.now = at(MONDAY, '09:05');
  for (const lane of ['normal', 'elderly', 'normal']) {
    const r = await server.api.post('/api/tickets', { service: 'social', lane }, 'demo-kiosk');
    t.is(r.status, 201);
    t.is(r.body.lane, lane); // the body reached the core route intact
  }
  const over = await server.api.post('/api/tickets', { service: 'tax' }, 'demo-kiosk');
  t.is(over.status, 429);
  t.is(over.body.error.code, 'on_site_cap_reached');
  t.is((await server.api.post('/api/tickets', { service: 'tax', lane: 'green' }, 'demo-triage')).status, 201);
  t.is((await server.api.post('/api/appointments/check-in', { code: booking.code }, 'demo-kiosk')).status, 201);
  // Bad input is still the core route's 400, not swallowed by the cap.
  t.is((await server.api.request('POST', '/api/tickets', { raw: '{oops', token: 'demo-kiosk' })).body.error.code, 'malformed_json');

  server.clock.now = at(MONDAY, '10:00');
  t.is((await server.api.post('/api/tickets', { service: 'tax' }, 'demo-kiosk')).status, 201);
});

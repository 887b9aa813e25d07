// Personal data never reaches the log (shared/design.md): a small session of a hall — a booking and
// its check-in by phone, a walk-in ticket with the visitor's details, the clerk's keys, the admin's
// record search by phone and company, a refused request and a failing one that carried visitor data —
// logged at the most verbose level, and not one name, phone number, ID number or company in it.
import test from 'ava';
import type { Feature } from '../../server/feature.ts';
import { defaultPlugins } from '../../server/plugins.ts';
import type { ServerOptions } from '../../server/server.ts';
import { at, MONDAY } from '../appointments/helpers.ts';
import { captureLog } from '../helpers/log-capture.ts';
import { startTestServer } from '../helpers/server.ts';

const BOOKER = { name: '赵秀英', phone: '13912345678' };
const WALK_IN = { name: '钱建国', phone: '13687654321', idNumber: '110101199003071233', company: '北京星河科技有限公司' };
const PERSONAL = [BOOKER.name, BOOKER.phone, WALK_IN.name, WALK_IN.phone, WALK_IN.idNumber, WALK_IN.company];

/** A route that fails after reading a body full of visitor data. */
const faultyFeature: Feature = {
  name: 'test-faults',
  start: () => ({
    hallRoutes: [
      (router) => {
        router.post('/test-faults/boom', () => {
          throw new Error('the handler broke');
        });
      },
    ],
  }),
};

test('no name, phone number, ID number or company from a session appears anywhere in the log', async (t) => {
  const log = captureLog('trace');
  const clock = { now: at(MONDAY, '08:00') };
  const server = await startTestServer({
    plugins: [...defaultPlugins(), faultyFeature],
    env: { VOICE_ENGINE: 'none' } as ServerOptions['env'],
    engine: { clock: () => clock.now },
    logger: log.logger,
  });
  t.teardown(() => server.close());
  const api = server.api;
  const statuses: number[] = [];
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await api.request(method, path, { body, token });
    statuses.push(res.status);
    return res;
  };

  const booked = await call('POST', '/api/appointments', { service: 'social', date: MONDAY, time: '10:00', ...BOOKER });
  t.is(booked.status, 201, JSON.stringify(booked.body));
  clock.now = at(MONDAY, '09:50');
  t.is((await call('POST', '/api/appointments/check-in', { phone: BOOKER.phone }, 'demo-triage')).status, 201);
  const walkIn = await call('POST', '/api/tickets', { service: 'social', lane: 'normal', visitor: WALK_IN }, 'demo-triage');
  t.is(walkIn.status, 201);
  await call('GET', `/api/tickets/${walkIn.body.id}`);
  for (const key of ['next', 'start', 'finish', 'next']) await call('POST', `/api/windows/3/${key}`, undefined, 'demo-clerk-3');
  // Refused: the ID number is malformed; the request still carried the rest of the visitor's data.
  t.is((await call('POST', '/api/tickets', { service: 'social', visitor: { ...WALK_IN, idNumber: '!!' } }, 'demo-triage')).status, 400);
  t.is((await call('GET', `/api/records?phone=${BOOKER.phone}&from=${MONDAY}&to=${MONDAY}`, undefined, 'demo-admin')).status, 200);
  t.is((await call('GET', `/api/records?company=${encodeURIComponent(WALK_IN.company)}&from=${MONDAY}&to=${MONDAY}`, undefined, 'demo-admin')).status, 200);
  t.is((await call('POST', '/api/test-faults/boom', { visitor: WALK_IN }, 'demo-admin')).status, 500);

  // Every request above was logged (the access lines are written as each response finishes).
  await log.waitFor(() => log.lines().filter((l) => l.msg === 'request completed' || l.msg === 'request failed').length >= statuses.length);
  t.truthy(log.lines().find((l) => l.msg === 'internal error'), 'the failure was logged');

  const text = log.text();
  // Also as JSON escapes them, and percent-encoded as in a URL.
  for (const value of PERSONAL)
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) t.false(text.includes(form), `"${value}" is in the log`);
});

test('visitor details passed to a log call by mistake are redacted, as are credentials', (t) => {
  const log = captureLog('trace');
  log.logger.child({ hall: 'district' }).warn(
    { visitor: WALK_IN, ticket: { number: 'B001', visitor: WALK_IN }, booking: { phone: BOOKER.phone }, req: { headers: { authorization: 'Bearer demo-admin', cookie: 'sid=1' } } },
    'a careless line',
  );
  const text = log.text();
  for (const value of [...PERSONAL, 'demo-admin', 'sid=1']) t.false(text.includes(value), `"${value}" is in the log`);
  const line = log.lines()[0]!;
  t.is((line.ticket as { number: string }).number, 'B001', 'the rest of the line stays');
  t.is(line.visitor, '[redacted]');
});

// Check-in at the kiosk or triage desk turns a booking into a ticket: on time an appointment-lane
// ticket, early or late what the hall configured; a booking nobody came for becomes a no-show.
// The clock is fake (the engine's clock option); nothing here waits for real time.
import test from 'ava';
import { parseDeployment } from '../../server/config/load.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { hallServiceFigures } from '../../server/metrics/service-figures.ts';
import { MONDAY, at, bookAs, startClockedServer } from './helpers.ts';

async function book(server: Awaited<ReturnType<typeof startClockedServer>>, time: string, phone: string, service = 'social') {
  const res = await bookAs(server, Number(phone.slice(-4)), { service, date: MONDAY, time, name: '王五', phone });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { code: string };
}

test('on time gives an appointment-lane ticket; early and late give normal tickets (demo hall settings)', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  const onTime = await book(server, '10:00', '13800000001');
  const early = await book(server, '10:00', '13800000002');
  const late = await book(server, '10:00', '13800000003');
  const byPhone = await book(server, '10:30', '13800000004');

  server.clock.now = at(MONDAY, '09:25'); // 35 minutes before: the window opens at 09:30
  const e = await server.api.post('/api/appointments/check-in', { code: early.code }, 'demo-kiosk');
  t.is(e.status, 201, JSON.stringify(e.body));
  t.is(e.body.ticket.lane, 'normal');
  t.is(e.body.booking.arrival, 'early');
  t.regex(e.body.ticket.number, /^B\d{3}$/);

  server.clock.now = at(MONDAY, '09:50');
  const o = await server.api.post('/api/appointments/check-in', { code: onTime.code.toLowerCase() }, 'demo-triage');
  t.is(o.status, 201);
  t.is(o.body.ticket.lane, 'appointment');
  t.is(o.body.booking.arrival, 'on_time');
  t.is(o.body.booking.ticketNumber, o.body.ticket.number);

  // By phone, at the triage desk: the 10:30 booking is on time from 10:00.
  server.clock.now = at(MONDAY, '10:10');
  const p = await server.api.post('/api/appointments/check-in', { phone: '13800000004' }, 'demo-triage');
  t.is(p.status, 201);
  t.is(p.body.booking.code, byPhone.code);
  t.is(p.body.ticket.lane, 'appointment');

  server.clock.now = at(MONDAY, '10:20'); // the window closed at 10:15; the slot runs to 10:30
  const l = await server.api.post('/api/appointments/check-in', { code: late.code }, 'demo-kiosk');
  t.is(l.status, 201);
  t.is(l.body.ticket.lane, 'normal');
  t.is(l.body.booking.arrival, 'late');

  // A booking checks in once.
  const twice = await server.api.post('/api/appointments/check-in', { code: onTime.code }, 'demo-kiosk');
  t.is(twice.status, 409);
  t.is(twice.body.error.code, 'booking_not_active');
  // Check-in needs a desk token.
  t.is((await server.api.post('/api/appointments/check-in', { code: late.code })).status, 401);
  t.is((await server.api.post('/api/appointments/check-in', { code: late.code }, 'demo-clerk-1')).status, 403);

  // The checked-in appointment is called before the walk-ins who came earlier.
  const next = await server.api.window('4', 'next');
  t.is(next.body.ticket.number, o.body.ticket.number);
  // The hall's public state never shows who booked.
  const state = JSON.stringify((await server.api.get('/api/state')).body);
  t.false(state.includes('13800000001'));
  t.false(state.includes('王五'));
});

test('a hall that refuses early and late check-ins says when to come back', async (t) => {
  const deployment = parseDeployment(structuredClone({ ...demoDeployment, halls: demoDeployment.halls.map((h) => ({ ...h, appointments: { ...h.appointments!, checkIn: { earlyMinutes: 10, lateMinutes: 5, early: 'refuse', late: 'refuse' } } })) }));
  const server = await startClockedServer(at(MONDAY, '08:00'), { deployment });
  t.teardown(() => server.close());
  const b = await book(server, '09:00', '13800000009');
  server.clock.now = at(MONDAY, '08:45');
  const early = await server.api.post('/api/appointments/check-in', { code: b.code }, 'demo-kiosk');
  t.is(early.status, 409);
  t.is(early.body.error.code, 'check_in_too_early');
  t.is(early.body.error.checkInOpensAt, at(MONDAY, '08:50'));
  server.clock.now = at(MONDAY, '09:06');
  const late = await server.api.post('/api/appointments/check-in', { code: b.code }, 'demo-kiosk');
  t.is(late.body.error.code, 'check_in_too_late');
  // Refused check-ins leave no ticket behind.
  t.is((await server.api.get('/api/state')).body.counts.issued, 0);
});

test('missed bookings become no-shows at the end of their slot, and the figures add up', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  const missed = await book(server, '09:00', '13900000001');
  const kept = await book(server, '09:00', '13900000002');
  const cancelled = await book(server, '09:30', '13900000003');
  await book(server, '14:00', '13900000004');
  await server.api.post(`/api/appointments/${cancelled.code}/cancel`);

  server.clock.now = at(MONDAY, '08:50');
  const checkIn = await server.api.post('/api/appointments/check-in', { code: kept.code }, 'demo-kiosk');
  t.is(checkIn.body.ticket.lane, 'appointment');
  server.clock.now = at(MONDAY, '09:02');
  const called = await server.api.window('3', 'next');
  t.is(called.body.ticket.number, checkIn.body.ticket.number);

  server.clock.now = at(MONDAY, '09:29');
  t.is((await server.api.get(`/api/appointments/${missed.code}`)).body.status, 'booked');
  server.clock.now = at(MONDAY, '09:30'); // the 09:00 slot has ended
  t.is((await server.api.get(`/api/appointments/stats?date=${MONDAY}`)).body.noShow, 1);
  t.is((await server.api.get(`/api/appointments/${missed.code}`)).body.status, 'no_show');
  const tooLate = await server.api.post('/api/appointments/check-in', { code: missed.code }, 'demo-kiosk');
  t.is(tooLate.status, 409);
  t.is(tooLate.body.error.code, 'booking_missed');

  const stats = (await server.api.get(`/api/appointments/stats?date=${MONDAY}`)).body;
  t.like(stats, { date: MONDAY, booked: 3, cancelled: 1, checkedIn: 1, onTime: 1, noShow: 1, open: 1, called: 1 });
  t.is(stats.waitAfterCheckIn.avgMs, 12 * 60_000); // checked in 08:50, called 09:02
  t.is(stats.noShowRate, 0.5);
  // The same figures through the function the metrics join.
  const figures = await hallServiceFigures(server.registry.get('district')!, MONDAY, { appointments: server.services.get('appointments'), assist: server.services.get('assist') });
  t.deepEqual(figures.appointments, stats);
  t.is(figures.assist!.asked, 0);
});

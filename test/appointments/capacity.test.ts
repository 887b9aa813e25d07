// Slot and hour capacity under concurrent bookings, over real HTTP on a real server and SQLite file:
// the last places go to exactly as many people as there are places, never more.
import test from 'ava';
import { MONDAY, at, bookAs, phoneOf, startClockedServer } from './helpers.ts';
import { streams } from '../../server/store/streams.ts';

test('50 concurrent bookings on two nodes for the last 2 places of a slot: exactly 2 get one, the rest are offered the next free slots', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  // A second node on the same SQLite file: its bookings race the first node's through the store.
  const other = await startClockedServer(at(MONDAY, '08:00'), { dataDir: server.dataDir });
  t.teardown(() => other.close());
  const slot = at(MONDAY, '09:00');
  // 18 of the slot's 20 places go first.
  for (let i = 0; i < 18; i++) {
    const res = await bookAs(server, i, { service: 'social', slotStart: slot, name: `访客${i}`, phone: phoneOf(i) });
    t.is(res.status, 201, JSON.stringify(res.body));
  }
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      bookAs(i % 2 ? other : server, 100 + i, { service: 'business', date: MONDAY, time: '09:00', name: `并发${i}`, phone: phoneOf(100 + i) }),
    ),
  );
  const ok = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status !== 201);
  t.is(ok.length, 2);
  t.is(new Set(ok.map((r) => r.body.code)).size, 2);
  for (const r of refused) {
    t.is(r.status, 409);
    t.is(r.body.error.code, 'slot_full');
    t.true(r.body.error.nextFree.length > 0);
    t.true(r.body.error.nextFree.every((s: { start: number }) => s.start > slot));
  }
  t.is(refused[0]!.body.error.nextFree[0].time, '09:30');

  const slots = (await server.api.get(`/api/appointments/slots?service=business&date=${MONDAY}`)).body.slots;
  const nine = slots.find((s: { time: string }) => s.time === '09:00');
  t.is(nine.booked, 20);
  t.is(nine.available, 0);
  // The 9 o'clock hour has 30 places: 10 are left, all in the 09:30 slot.
  t.is(slots.find((s: { time: string }) => s.time === '09:30').available, 10);
});

test('the hourly cap holds under 50 concurrent bookings: 30 an hour, never more', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  for (let i = 0; i < 20; i++)
    t.is((await bookAs(server, i, { service: 'tax', date: MONDAY, time: '10:00', name: 'A', phone: phoneOf(i) })).status, 201);
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => bookAs(server, 200 + i, { service: 'tax', date: MONDAY, time: '10:30', name: 'B', phone: phoneOf(200 + i) })),
  );
  t.is(results.filter((r) => r.status === 201).length, 10);
  const refused = results.filter((r) => r.status !== 201);
  t.true(refused.every((r) => r.status === 409 && r.body.error.code === 'hour_full'));
  // The offer skips the full hour.
  t.is(refused[0]!.body.error.nextFree[0].time, '11:00');

  // What the log holds agrees: 30 bookings in the 10 o'clock hour.
  const log = await server.registry.store.read(streams.bookings('district'), 0);
  const made = log.filter((e) => e.type === 'booking:made');
  t.is(made.length, 30);
});

test('one phone cannot hold more than 2 bookings a day, even when it tries 10 at once', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00'];
  const results = await Promise.all(
    times.map((time, i) => bookAs(server, i, { service: 'estate', date: MONDAY, time, name: '张三', phone: '13912345678' })),
  );
  t.is(results.filter((r) => r.status === 201).length, 2);
  for (const r of results.filter((x) => x.status !== 201)) {
    t.is(r.status, 429);
    t.is(r.body.error.code, 'phone_daily_limit');
  }
  // Another day is another day.
  const tuesday = await bookAs(server, 20, { service: 'estate', date: '2026-12-01', time: '09:00', name: '张三', phone: '13912345678' });
  t.is(tuesday.status, 201);
  // Cancelling one frees a place for the same phone.
  const mine = results.find((r) => r.status === 201)!;
  const cancel = await server.api.post(`/api/appointments/${mine.body.code}/cancel`);
  t.is(cancel.status, 200);
  t.is(cancel.body.status, 'cancelled');
  t.is((await server.api.post(`/api/appointments/${mine.body.code}/cancel`)).body.error.code, 'booking_not_active');
  const again = await bookAs(server, 21, { service: 'estate', date: MONDAY, time: '16:00', name: '张三', phone: '13912345678' });
  t.is(again.status, 201);
});

test('bookings are refused outside opening hours, on holidays, in the past and with bad input', async (t) => {
  const server = await startClockedServer(at(MONDAY, '10:10'));
  t.teardown(() => server.close());
  const book = (body: Record<string, unknown>) => server.api.post('/api/appointments', { service: 'social', name: '李四', phone: '13700000000', ...body });
  t.is((await book({ date: MONDAY, time: '12:30' })).body.error.code, 'slot_invalid'); // lunch break
  t.is((await book({ date: MONDAY, time: '09:15' })).body.error.code, 'slot_invalid'); // not a slot boundary
  t.is((await book({ date: '2026-12-06', time: '09:00' })).body.error.code, 'slot_invalid'); // Sunday
  t.is((await book({ date: '2027-01-01', time: '09:00' })).body.error.code, 'slot_invalid'); // holiday
  t.is((await book({ date: MONDAY, time: '10:00' })).body.error.code, 'slot_past');
  t.is((await book({ date: '2026-12-31', time: '09:00' })).body.error.code, 'slot_too_far');
  t.is((await book({ date: MONDAY, time: '10:30', service: 'pickup' })).body.error.code, 'not_bookable');
  const bad = await book({ date: MONDAY, time: '10:30', phone: 'call me' });
  t.is(bad.status, 400);
  t.is(bad.body.error.code, 'phone_invalid');
  const ok = await book({ date: MONDAY, time: '10:30' });
  t.is(ok.status, 201);
  t.regex(ok.body.code, /^[2-9A-HJ-NP-Z]{8}$/);
  // The visitor's phone is only shown masked, the name not at all.
  t.is(ok.body.phone, '137****0000');
  t.false(JSON.stringify(ok.body).includes('李四'));
  // Slots of the day: the past ones have no places.
  const slots = (await server.api.get(`/api/appointments/slots?date=${MONDAY}`)).body.slots;
  t.is(slots.find((s: { time: string }) => s.time === '09:00').available, 0);
  t.is(slots.find((s: { time: string }) => s.time === '10:30').booked, 1);
  t.is(slots.length, 13);
});

// The no-show timer: with nobody touching the hall, a booking still open when its slot ends is
// marked no-show by the timer alone. Sinon's fake clock drives both the clock and setTimeout, so
// nothing waits for real time.
import test from 'ava';
import sinon from 'sinon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Appointments } from '../../server/appointments/appointments.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { demoHall } from '../helpers/demo.ts';
import { MONDAY, at } from './helpers.ts';
import { streams } from '../../server/store/streams.ts';

test('a missed booking becomes a no-show when its slot ends, by the timer', async (t) => {
  const fake = sinon.useFakeTimers({ now: at(MONDAY, '08:00'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  t.teardown(() => fake.restore());
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-noshow-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  const hall = new HallEngine(demoHall, store, { clock: () => Date.now() });
  await hall.start();
  const appointments = new Appointments(hall, demoHall.appointments!, store, () => Date.now());
  await appointments.start();
  t.teardown(async () => {
    await appointments.stop();
    await hall.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const missed = await appointments.book({ serviceId: 'tax', slotStart: at(MONDAY, '09:00'), name: '吴十', phone: '13100000000' });
  const later = await appointments.book({ serviceId: 'tax', slotStart: at(MONDAY, '10:00'), name: '郑一', phone: '13100000001' });

  await fake.tickAsync(at(MONDAY, '09:29') - Date.now());
  t.is(appointments.stream.current.bookings[missed.id]!.status, 'booked');
  await fake.tickAsync(at(MONDAY, '09:31') - Date.now());
  t.is(appointments.stream.current.bookings[missed.id]!.status, 'no_show');
  t.is(appointments.stream.current.bookings[later.id]!.status, 'booked');
  // The timer re-arms for the next slot end.
  await fake.tickAsync(at(MONDAY, '10:31') - Date.now());
  t.is(appointments.stream.current.bookings[later.id]!.status, 'no_show');
  // And it is in the log, not just in memory.
  const log = await store.read(streams.bookings('district'), 0);
  const marks = log.filter((e) => e.type === 'booking:no-show').map((e) => e.at);
  t.is(marks.length, 2);
  t.true(marks[0]! >= at(MONDAY, '09:30') && marks[0]! < at(MONDAY, '09:31'));
  t.true(marks[1]! >= at(MONDAY, '10:30') && marks[1]! < at(MONDAY, '10:31'));
});

// A check-in crosses two streams (bookings, then the hall's ticket): with an Idempotency-Key the
// whole step is idempotent. The oracle is both logs, read with a store of our own.
import test from 'ava';
import { join } from 'node:path';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import type { Envelope, Stored, Stream } from '../../server/store/port.ts';
import { streams } from '../../server/store/streams.ts';
import { MONDAY, at, startClockedServer } from './helpers.ts';

async function logOf<E extends Envelope>(dataDir: string, stream: Stream<E, unknown>): Promise<Stored<E>[]> {
  const store = new SqliteEventStore(join(dataDir, 'onewindow.sqlite'));
  try {
    return await store.read(stream, 0);
  } finally {
    await store.close();
  }
}

test('a check-in retried with its key gets the same ticket, not a second one nor booking_not_active', async (t) => {
  const server = await startClockedServer(at(MONDAY, '08:00'));
  t.teardown(() => server.close());
  const booked = await server.api.post('/api/appointments', { service: 'social', date: MONDAY, time: '10:00', name: '王五', phone: '13800000001' });
  t.is(booked.status, 201);
  server.clock.now = at(MONDAY, '09:50');
  const checkIn = () =>
    server.api.request('POST', '/api/appointments/check-in', { token: 'demo-kiosk', body: { code: booked.body.code }, headers: { 'idempotency-key': 'tap-7' } });
  const first = await checkIn();
  const retry = await checkIn();
  t.is(first.status, 201, JSON.stringify(first.body));
  t.is(retry.status, 201, JSON.stringify(retry.body));
  t.is(retry.body.ticket.id, first.body.ticket.id);
  t.is(retry.body.ticket.number, first.body.ticket.number);
  t.is(retry.body.booking.ticketNumber, first.body.ticket.number);

  const hall = await logOf(server.dataDir, streams.hall('district'));
  t.is(hall.filter((e) => e.type === 'ticket:issued').length, 1, 'one ticket in the hall log');
  const bookings = await logOf(server.dataDir, streams.bookings('district'));
  t.is(bookings.filter((e) => e.type === 'booking:checked-in').length, 1);
  t.is(bookings.filter((e) => e.type === 'booking:ticketed').length, 1);

  // Without the key, a second tap is still a second check-in, refused as before.
  const unkeyed = await server.api.post('/api/appointments/check-in', { code: booked.body.code }, 'demo-kiosk');
  t.is(unkeyed.status, 409);
  t.is(unkeyed.body.error.code, 'booking_not_active');
});

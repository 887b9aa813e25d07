// The kinds of stream the store conformance suite runs on: the hall's own events and the bookings
// feature's, two different event and snapshot types. Each kind says how to make a marker event we
// can recognise at a chosen time, how to read the mark back, and a snapshot state of its own type.
import type { Booking, BookingEvent, BookingState } from '../../server/appointments/types.ts';
import { emptyTally } from '../../server/domain/day-tally.ts';
import { emptyKeyed, keyedWith } from '../../server/domain/keyed.ts';
import { emptyTickets } from '../../server/domain/ticket-table.ts';
import type { DomainEvent } from '../../server/domain/events.ts';
import type { HallState } from '../../server/domain/types.ts';
import type { Envelope, Stream } from '../../server/store/port.ts';
import { streams } from '../../server/store/streams.ts';

export interface StreamKind<E extends Envelope, S> {
  label: string;
  stream: (hallId: string) => Stream<E, S>;
  event: (hallId: string, mark: string, at?: number) => E;
  mark: (e: E) => string;
  state: (hallId: string, seq: number) => S;
}

/** Cancelled tickets carrying the mark as their id. */
export const hallEvents: StreamKind<DomainEvent, HallState> = {
  label: 'hall events',
  stream: streams.hall,
  event: (hallId, mark, at = Date.now()) => ({ type: 'ticket:cancelled', hallId, at, data: { ticketId: mark } }),
  mark: (e) => (e.type === 'ticket:cancelled' ? e.data.ticketId : `unexpected ${e.type}`),
  state: (hallId, seq) => ({ hallId, seq, serviceDay: '2026-11-27', lastNumber: keyedWith(emptyKeyed<number>(), 'business', seq), tickets: emptyTickets(), queues: {}, windows: {}, tally: emptyTally() }) as HallState,
};

/**
 * Bookings made by a kiosk: a nested body with personal data in Chinese, an actor, and on marks starting
 * with an odd char code (a, c, …) an idempotency mark — every field of the envelope, so a round trip checks them all.
 */
export const bookingEvents: StreamKind<BookingEvent, BookingState> = {
  label: 'booking events',
  stream: streams.bookings,
  event: (hallId, mark, at = Date.now()) => ({
    type: 'booking:made',
    hallId,
    at,
    actor: { role: 'kiosk', name: '大厅1号自助机' },
    data: { booking: booking(mark, at) },
    ...(mark.charCodeAt(0) % 2 === 1 ? { idempotency: { key: `key-${mark}`, fingerprint: 'f1ngerpr1nt', count: 1 } } : {}),
  }),
  mark: (e) => (e.type === 'booking:made' ? e.data.booking.id : `unexpected ${e.type}`),
  state: (_hallId, seq) => {
    const b = booking(`b${seq}`, Date.UTC(2026, 10, 27, 2));
    return { bookings: { [b.id]: b }, byCode: { [b.code]: b.id }, slotCount: { [b.slotStart]: seq }, hourCount: { [b.hour]: seq }, heldByPhone: {}, heldByClient: {} };
  },
};

function booking(id: string, at: number): Booking {
  return {
    id,
    code: `C${id}`.slice(0, 8).padEnd(8, '0'),
    serviceId: 'social',
    date: '2026-11-27',
    time: '10:00',
    slotStart: Date.UTC(2026, 10, 27, 2),
    slotEnd: Date.UTC(2026, 10, 27, 2, 30),
    hour: '2026-11-27 10',
    name: '张三',
    phone: '13812345678',
    status: 'booked',
    bookedAt: at,
  };
}

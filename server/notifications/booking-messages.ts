// Messages about bookings: "confirmed" (with its code) when a booking is booked (at once, or when
// its SMS code comes back), a reminder `reminderMinutesBefore` its slot, and the verification code
// of a pending booking as a BookingConfirmation for the appointments feature.
import type { Appointments } from '../appointments/appointments.ts';
import type { BookingConfirmation } from '../appointments/confirmation.ts';
import type { Booking, BookingEvent, BookingState } from '../appointments/types.ts';
import type { Stored } from '../engine/stream-engine.ts';
import type { Logger } from '../log.ts';
import type { HallNotifications } from './hall-notifications.ts';

function bookingParams(n: HallNotifications, a: Appointments, b: Booking): Record<string, string> {
  const service = a.hall.hall.services.find((s) => s.id === b.serviceId);
  return n.withHall({ code: b.code, date: b.date, time: b.time, service: service?.name[n.config.lang] ?? b.serviceId });
}

/** The booking a booking event made booked, if it did. */
function newlyBooked(e: Stored<BookingEvent>, s: BookingState): Booking | undefined {
  if (e.type === 'booking:made' && e.data.booking.status === 'booked') return s.bookings[e.data.booking.id];
  if (e.type === 'booking:confirmed') return s.bookings[e.data.bookingId];
  return undefined;
}

/** Watches one hall's bookings; returns `tick` (queue due reminders) and `stop`. */
export function watchBookings(n: HallNotifications, a: Appointments, log: Logger) {
  const queue = (key: string, b: Booking, template: 'bookingConfirmed' | 'bookingReminder') => {
    const p = n
      .queue({ key, to: b.phone, template, params: bookingParams(n, a, b), lang: n.config.lang, audience: 'visitor' })
      .catch((err) => log.warn({ err, bookingId: b.id, template }, 'queueing a booking message failed'));
    n.track(p);
    return p;
  };
  const off = a.stream.onEach((e, s) => {
    const b = newlyBooked(e, s);
    if (b) void queue(`bookingConfirmed:${b.id}`, b, 'bookingConfirmed');
  });
  const before = n.config.reminderMinutesBefore * 60_000;
  const tick = async () => {
    const now = n.stream.now();
    for (const b of Object.values(a.stream.current.bookings)) {
      // Booked before the reminder time, and the reminder time has come: the slot is near.
      if (b.status !== 'booked' || b.slotStart - before > now || b.slotStart <= now || b.bookedAt >= b.slotStart - before) continue;
      await queue(`bookingReminder:${b.id}`, b, 'bookingReminder');
    }
  };
  const timer = setInterval(() => void tick(), 30_000);
  timer.unref();
  return {
    tick,
    stop: () => {
      off();
      clearInterval(timer);
    },
  };
}

/** The verification code of a pending booking, sent through the notification port (one attempt, in the request). */
export function notificationConfirmation(n: HallNotifications, holdMinutes: number): BookingConfirmation {
  return {
    kind: 'sms',
    async send({ phone, code, booking }) {
      const params = n.withHall({ code, date: booking.date, time: booking.time, minutes: String(holdMinutes) });
      await n.sendNow(
        { key: `verificationCode:${booking.code}`, to: phone, template: 'verificationCode', params, lang: n.config.lang, audience: 'visitor' },
        { ...params, code: '******' },
      );
    },
  };
}

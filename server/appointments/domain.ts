// The booking decider: pure decide/evolve over the `<hallId>/bookings` stream, clock passed in.
// Capacity is checked against the state the append is conditional on, so concurrent bookings for
// the last places can never overbook: a writer that decided on a stale state gets a version
// conflict, re-reads and decides again (and is refused when the place is gone).
import type { HallConfig, Lane } from '../domain/types.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import { noResult, type Decider, type DecideContext, type Stored } from '../engine/stream-engine.ts';
import type { AppointmentsConfig } from './config.ts';
import { BookingError } from './errors.ts';
import { addDays } from './local-time.ts';
import { bookedInHour, bookedInSlot, hourKey, nextFreeSlots, slotAt } from './slots.ts';
import type { Arrival, Booking, BookingCommand, BookingEvent, BookingState } from './types.ts';

type Body = Pick<BookingEvent, 'type' | 'data'>;

export function initialBookingState(): BookingState {
  return { bookings: {}, byCode: {}, slotCount: {}, hourCount: {} };
}

/** Digits and capitals without 0/O and 1/I, which people misread off a phone screen. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function newCode(state: BookingState, ctx: DecideContext): string {
  for (;;) {
    const seed = Buffer.from(ctx.newId(), 'base64url');
    let code = '';
    for (let i = 0; i < 8; i++) code += CODE_ALPHABET[seed[i]! % CODE_ALPHABET.length];
    // At least one letter, so a code is never mistaken for a phone number at the kiosk.
    if (/[A-Z]/.test(code) && !state.byCode[code]) return code;
  }
}

export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** When the check-in window of a booking opens and closes. */
export function checkInWindow(cfg: AppointmentsConfig, b: Pick<Booking, 'slotStart'>) {
  return { opens: b.slotStart - cfg.checkIn.earlyMinutes * 60_000, closes: b.slotStart + cfg.checkIn.lateMinutes * 60_000 };
}

/** Which lane a check-in at `now` gets, or a refusal, as the hall configured. */
export function laneForCheckIn(cfg: AppointmentsConfig, b: Booking, now: number): { arrival: Arrival; lane: Lane } {
  const w = checkInWindow(cfg, b);
  if (now < w.opens) {
    if (cfg.checkIn.early === 'refuse')
      throw new BookingError('check_in_too_early', 'too early to check in for this booking', { checkInOpensAt: w.opens });
    return { arrival: 'early', lane: 'normal' };
  }
  if (now > w.closes) {
    if (cfg.checkIn.late === 'refuse') throw new BookingError('check_in_too_late', 'the check-in window for this booking has closed');
    return { arrival: 'late', lane: 'normal' };
  }
  return { arrival: 'on_time', lane: 'appointment' };
}

/** Bookings that should be no-shows at `now`: still open when their slot ended. */
export function dueNoShows(state: BookingState, now: number): string[] {
  return Object.values(state.bookings)
    .filter((b) => b.status === 'booked' && b.slotEnd <= now)
    .map((b) => b.id);
}

/** The next slot end of an open booking after `now`: when the no-show timer should fire. */
export function nextNoShowAt(state: BookingState, now: number): number | undefined {
  let next: number | undefined;
  for (const b of Object.values(state.bookings)) if (b.status === 'booked' && b.slotEnd > now && (next === undefined || b.slotEnd < next)) next = b.slotEnd;
  return next;
}

export function bookingDecider(hall: HallConfig, cfg: AppointmentsConfig): Decider<BookingState, BookingCommand, BookingEvent, void> {
  const tz = hall.timeZone;
  const find = (state: BookingState, code: string) => {
    const id = state.byCode[normalizeCode(code)];
    const b = id ? state.bookings[id] : undefined;
    if (!b) throw new BookingError('unknown_booking', 'no booking with that code');
    return b;
  };

  const decide = (state: BookingState, c: BookingCommand, ctx: DecideContext): Body[] => {
    switch (c.type) {
      case 'book': {
        if (!hall.services.some((s) => s.id === c.serviceId)) throw new BookingError('unknown_service', `no service "${c.serviceId}"`);
        if (cfg.services && !cfg.services.includes(c.serviceId))
          throw new BookingError('not_bookable', `service "${c.serviceId}" takes no appointments`);
        const slot = slotAt(cfg, c.slotStart, tz);
        if (!slot) throw new BookingError('slot_invalid', 'that is not a slot of this hall (closed, a holiday, or not on a slot boundary)');
        if (slot.start <= ctx.now) throw new BookingError('slot_past', 'that slot has already started');
        if (slot.date > addDays(serviceDayOf(ctx.now, tz), cfg.bookAheadDays))
          throw new BookingError('slot_too_far', `slots can be booked at most ${cfg.bookAheadDays} days ahead`);
        const held = Object.values(state.bookings).filter(
          (b) => b.phone === c.phone && b.date === slot.date && (b.status === 'booked' || b.status === 'checked_in'),
        ).length;
        if (held >= cfg.perPhonePerDay)
          throw new BookingError('phone_daily_limit', `one phone may hold at most ${cfg.perPhonePerDay} bookings a day`);
        const nextFree = () => nextFreeSlots(state, cfg, tz, slot.start, ctx.now);
        if (bookedInSlot(state, slot.start) >= cfg.capacityPerSlot)
          throw new BookingError('slot_full', 'that slot is fully booked', { nextFree: nextFree() });
        if (cfg.capacityPerHour !== undefined && bookedInHour(state, slot.start, tz) >= cfg.capacityPerHour)
          throw new BookingError('hour_full', `that hour already has ${cfg.capacityPerHour} bookings`, { nextFree: nextFree() });
        const booking: Booking = {
          id: ctx.newId(),
          code: newCode(state, ctx),
          serviceId: c.serviceId,
          date: slot.date,
          time: slot.time,
          slotStart: slot.start,
          slotEnd: slot.end,
          hour: hourKey(slot.start, tz),
          name: c.name,
          phone: c.phone,
          status: 'booked',
          bookedAt: ctx.now,
        };
        return [{ type: 'booking:made', data: { booking } }];
      }
      case 'cancel': {
        const b = find(state, c.code);
        if (b.status !== 'booked') throw new BookingError('booking_not_active', `the booking is ${b.status.replace('_', ' ')}`);
        return [{ type: 'booking:cancelled', data: { bookingId: b.id } }];
      }
      case 'checkIn': {
        let b: Booking;
        if (c.code) b = find(state, c.code);
        else {
          // By phone: today's open booking whose window closes first; a missed one only when none is open.
          const today = serviceDayOf(ctx.now, tz);
          const mine = Object.values(state.bookings)
            .filter((x) => x.phone === c.phone && x.date === today)
            .sort((a, z) => a.slotStart - z.slotStart);
          const open = mine.find((x) => x.status === 'booked');
          if (!open && !mine.length) throw new BookingError('unknown_booking', 'no booking today for that phone');
          b = open ?? mine[mine.length - 1]!;
        }
        if (b.status === 'no_show') throw new BookingError('booking_missed', 'the slot of this booking has passed; please take a normal number');
        if (b.status !== 'booked') throw new BookingError('booking_not_active', `the booking is ${b.status.replace('_', ' ')}`);
        if (ctx.now >= b.slotEnd) throw new BookingError('booking_missed', 'the slot of this booking has passed; please take a normal number');
        const { arrival, lane } = laneForCheckIn(cfg, b, ctx.now);
        return [{ type: 'booking:checked-in', data: { bookingId: b.id, arrival, lane } }];
      }
      case 'ticketed':
        return [{ type: 'booking:ticketed', data: { bookingId: c.bookingId, ticketId: c.ticketId, ticketNumber: c.ticketNumber } }];
      case 'revertCheckIn':
        return state.bookings[c.bookingId]?.status === 'checked_in' ? [{ type: 'booking:check-in-reverted', data: { bookingId: c.bookingId } }] : [];
      case 'markNoShows': {
        const ids = dueNoShows(state, ctx.now);
        return ids.length ? [{ type: 'booking:no-show', data: { bookingIds: ids } }] : [];
      }
    }
  };

  return { initial: initialBookingState, decide: noResult(decide), evolve: evolveBookings };
}

export function evolveBookings(state: BookingState, e: Stored<BookingEvent>): BookingState {
  const s: BookingState = { ...state, bookings: { ...state.bookings } };
  const update = (id: string, patch: Partial<Booking>) => {
    const b = s.bookings[id];
    if (b) s.bookings[id] = { ...b, ...patch };
    return b;
  };
  switch (e.type) {
    case 'booking:made': {
      const b = e.data.booking;
      s.bookings[b.id] = b;
      s.byCode = { ...s.byCode, [b.code]: b.id };
      s.slotCount = { ...s.slotCount, [b.slotStart]: (s.slotCount[b.slotStart] ?? 0) + 1 };
      s.hourCount = { ...s.hourCount, [b.hour]: (s.hourCount[b.hour] ?? 0) + 1 };
      return s;
    }
    case 'booking:cancelled': {
      const b = update(e.data.bookingId, { status: 'cancelled', cancelledAt: e.at });
      if (b) {
        // A cancelled booking frees its place for others.
        s.slotCount = { ...s.slotCount, [b.slotStart]: (s.slotCount[b.slotStart] ?? 1) - 1 };
        s.hourCount = { ...s.hourCount, [b.hour]: (s.hourCount[b.hour] ?? 1) - 1 };
      }
      return s;
    }
    case 'booking:checked-in':
      update(e.data.bookingId, { status: 'checked_in', checkedInAt: e.at, arrival: e.data.arrival, lane: e.data.lane });
      return s;
    case 'booking:ticketed':
      update(e.data.bookingId, { ticketId: e.data.ticketId, ticketNumber: e.data.ticketNumber });
      return s;
    case 'booking:check-in-reverted':
      update(e.data.bookingId, { status: 'booked', checkedInAt: undefined, arrival: undefined, lane: undefined });
      return s;
    case 'booking:no-show':
      for (const id of e.data.bookingIds) update(id, { status: 'no_show', noShowAt: e.at });
      return s;
  }
}

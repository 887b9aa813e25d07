// The booking decider: pure decide/evolve over the bookings stream (streams.bookings), clock passed in.
// Capacity is checked against the state the append is conditional on, so concurrent bookings for
// the last places can never overbook: a writer that decided on a stale state gets a version
// conflict, re-reads and decides again (and is refused when the place is gone).
import type { HallConfig, Lane } from '../domain/types.ts';
import { maskName } from '../domain/resident-id.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import { noResult, type Decider, type DecideContext, type SnapshotPolicy, type Stored } from '../engine/stream-engine.ts';
import type { AppointmentsConfig } from './config.ts';
import { BookingError } from './errors.ts';
import { addDays } from './local-time.ts';
import { bookedInHour, bookedInSlot, hourKey, nextFreeSlots, slotAt } from './slots.ts';
import type { Arrival, Booking, BookingCommand, BookingEvent, BookingState } from './types.ts';

type Body = Pick<BookingEvent, 'type' | 'data'>;

export function initialBookingState(): BookingState {
  return { bookings: {}, byCode: {}, slotCount: {}, hourCount: {}, heldByPhone: {}, heldByClient: {} };
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

/** A code for a pending booking: right confirms it; wrong is recorded, and the last allowed wrong one releases the hold. */
function decideConfirm(cfg: AppointmentsConfig, b: Booking, confirmHash: string, now: number): Body[] {
  if (b.status !== 'pending') throw new BookingError('booking_not_pending', `the booking is ${b.status.replace('_', ' ')}, not waiting for a code`);
  if (now >= (b.holdUntil ?? 0)) throw new BookingError('hold_expired', 'the code has expired and the place was released; please book again');
  if (confirmHash === b.confirmHash) return [{ type: 'booking:confirmed', data: { bookingId: b.id } }];
  const out: Body[] = [{ type: 'booking:code-rejected', data: { bookingId: b.id } }];
  const max = cfg.confirmation.type === 'sms' ? cfg.confirmation.maxAttempts : 1;
  if ((b.wrongCodes ?? 0) + 1 >= max) out.push({ type: 'booking:expired', data: { bookingIds: [b.id], reason: 'wrong_codes' } });
  return out;
}

/** Pending bookings whose hold has run out at `now`. */
export function dueHoldEnds(state: BookingState, now: number): string[] {
  return Object.values(state.bookings)
    .filter((b) => b.status === 'pending' && (b.holdUntil ?? 0) <= now)
    .map((b) => b.id);
}

/** The next end of a pending hold after `now`: when the expiry timer should fire. */
export function nextHoldEndAt(state: BookingState, now: number): number | undefined {
  let next: number | undefined;
  for (const b of Object.values(state.bookings))
    if (b.status === 'pending' && b.holdUntil! > now && (next === undefined || b.holdUntil! < next)) next = b.holdUntil;
  return next;
}

type Command<T extends BookingCommand['type']> = Extract<BookingCommand, { type: T }>;

function findBooking(state: BookingState, code: string): Booking {
  const id = state.byCode[normalizeCode(code)];
  const b = id ? state.bookings[id] : undefined;
  if (!b) throw new BookingError('unknown_booking', 'no booking with that code');
  return b;
}

export function bookingDecider(hall: HallConfig, cfg: AppointmentsConfig): Decider<BookingState, BookingCommand, BookingEvent, void> {
  const decide = (state: BookingState, c: BookingCommand, ctx: DecideContext): Body[] => {
    switch (c.type) {
      case 'book':
        return decideBook(hall, cfg, state, c, ctx);
      case 'cancel':
        return decideCancel(findBooking(state, c.code));
      case 'checkIn':
        return decideCheckIn(hall, cfg, state, c, ctx.now);
      case 'ticketed':
        return [{ type: 'booking:ticketed', data: { bookingId: c.bookingId, ticketId: c.ticketId, ticketNumber: c.ticketNumber } }];
      case 'revertCheckIn':
        return state.bookings[c.bookingId]?.status === 'checked_in' ? [{ type: 'booking:check-in-reverted', data: { bookingId: c.bookingId } }] : [];
      case 'confirm':
        return decideConfirm(cfg, findBooking(state, c.code), c.confirmHash, ctx.now);
      case 'expireHolds': {
        const ids = dueHoldEnds(state, ctx.now);
        return ids.length ? [{ type: 'booking:expired', data: { bookingIds: ids, reason: 'timeout' } }] : [];
      }
      case 'markNoShows': {
        const ids = dueNoShows(state, ctx.now);
        return ids.length ? [{ type: 'booking:no-show', data: { bookingIds: ids } }] : [];
      }
      case 'purgePersonalData': {
        const ids = Object.values(state.bookings)
          .filter((b) => !b.personalDataPurgedAt && b.bookedAt < c.before && b.slotEnd < c.before)
          .map((b) => b.id);
        return ids.length ? [{ type: 'booking:personal-data-purged', data: { bookingIds: ids } }] : [];
      }
    }
  };

  return { initial: initialBookingState, decide: noResult(decide), evolve: evolveBookings };
}

/** A new booking, once the slot and every limit (per phone, per address, per slot, per hour) allow it. */
function decideBook(hall: HallConfig, cfg: AppointmentsConfig, state: BookingState, c: Command<'book'>, ctx: DecideContext): Body[] {
  const tz = hall.timeZone;
  if (!hall.services.some((s) => s.id === c.serviceId)) throw new BookingError('unknown_service', `no service "${c.serviceId}"`);
  if (cfg.services && !cfg.services.includes(c.serviceId)) throw new BookingError('not_bookable', `service "${c.serviceId}" takes no appointments`);
  const slot = slotAt(cfg, c.slotStart, tz);
  if (!slot) throw new BookingError('slot_invalid', 'that is not a slot of this hall (closed, a holiday, or not on a slot boundary)');
  if (slot.start <= ctx.now) throw new BookingError('slot_past', 'that slot has already started');
  if (slot.date > addDays(serviceDayOf(ctx.now, tz), cfg.bookAheadDays))
    throw new BookingError('slot_too_far', `slots can be booked at most ${cfg.bookAheadDays} days ahead`);
  if ((state.heldByPhone[phoneDayKey(c.phone, slot.date)] ?? 0) >= cfg.perPhonePerDay)
    throw new BookingError('phone_daily_limit', `one phone may hold at most ${cfg.perPhonePerDay} bookings a day`);
  // Exact across nodes: the append is conditional on the state this count was read from.
  const client = c.clientKey ? { key: c.clientKey, day: serviceDayOf(ctx.now, tz) } : undefined;
  if (client && (state.heldByClient[clientDayKey(client)] ?? 0) >= cfg.perAddressPerDay)
    throw new BookingError('address_daily_cap', `one address may hold at most ${cfg.perAddressPerDay} bookings made in a day`);
  const nextFree = () => nextFreeSlots(state, cfg, tz, slot.start, ctx.now);
  if (bookedInSlot(state, slot.start) >= cfg.capacityPerSlot) throw new BookingError('slot_full', 'that slot is fully booked', { nextFree: nextFree() });
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
    ...(c.idHash ? { idHash: c.idHash } : {}),
    status: 'booked',
    bookedAt: ctx.now,
    ...(client ? { client } : {}),
    ...(c.confirmHash && cfg.confirmation.type === 'sms'
      ? { status: 'pending' as const, confirmHash: c.confirmHash, holdUntil: ctx.now + cfg.confirmation.holdMinutes * 60_000, wrongCodes: 0 }
      : {}),
  };
  return [{ type: 'booking:made', data: { booking } }];
}

function decideCancel(b: Booking): Body[] {
  if (b.status !== 'booked' && b.status !== 'pending') throw new BookingError('booking_not_active', `the booking is ${b.status.replace('_', ' ')}`);
  return [{ type: 'booking:cancelled', data: { bookingId: b.id } }];
}

/** Check-in by code, or by phone (today's booking); the lane depends on how early or late it is. */
function decideCheckIn(hall: HallConfig, cfg: AppointmentsConfig, state: BookingState, c: Command<'checkIn'>, now: number): Body[] {
  const b = c.code ? findBooking(state, c.code) : todaysBookingOf(state, c, serviceDayOf(now, hall.timeZone));
  if (b.status === 'no_show') throw new BookingError('booking_missed', 'the slot of this booking has passed; please take a normal number');
  if (b.status !== 'booked') throw new BookingError('booking_not_active', `the booking is ${b.status.replace('_', ' ')}`);
  if (now >= b.slotEnd) throw new BookingError('booking_missed', 'the slot of this booking has passed; please take a normal number');
  const { arrival, lane } = laneForCheckIn(cfg, b, now);
  return [{ type: 'booking:checked-in', data: { bookingId: b.id, arrival, lane } }];
}

/** By ID card (its keyed hash) or phone: today's open booking whose window closes first; a missed one only when none is open. */
function todaysBookingOf(state: BookingState, by: { phone?: string; idHash?: string }, today: string): Booking {
  const mine = Object.values(state.bookings)
    .filter((x) => (by.idHash ? x.idHash === by.idHash : x.phone === by.phone) && x.date === today)
    .sort((a, z) => a.slotStart - z.slotStart);
  const open = mine.find((x) => x.status === 'booked');
  if (!open && !mine.length)
    throw new BookingError('unknown_booking', by.idHash ? '今天没有用此身份证预约 · no booking today for this ID card' : 'no booking today for that phone');
  return open ?? mine[mine.length - 1]!;
}

// evolve takes ownership of the state it is given, like the hall's evolve: the engine holds the only
// reference, so each event updates the booking and the small counters it touches in place (putBooking,
// bump) instead of copying the maps. Copying them made a replay of n events cost O(n²): 10k
// book-and-cancel cycles took 43 s to fold at start. Callers pass a state they own and use the returned one.
/** Snapshots spaced by the number of bookings, so a restart folds only the tail of the stream. */
export const bookingSnapshots: SnapshotPolicy<BookingState> = {
  every: 500,
  size: (s) => Object.keys(s.bookings).length,
  // The encoded state's shape: bump when it changes (SnapshotPolicy.format).
  format: 1,
};

export function evolveBookings(s: BookingState, e: Stored<BookingEvent>): BookingState {
  switch (e.type) {
    case 'booking:made': {
      const b = e.data.booking;
      putBooking(s, b);
      s.byCode[b.code] = b.id;
      countPlace(s, b, +1);
      return s;
    }
    case 'booking:cancelled': {
      // A cancelled booking frees its place for others.
      const b = s.bookings[e.data.bookingId];
      if (b) release(s, b, { status: 'cancelled', cancelledAt: e.at });
      return s;
    }
    case 'booking:checked-in':
      patchBooking(s, e.data.bookingId, { status: 'checked_in', checkedInAt: e.at, arrival: e.data.arrival, lane: e.data.lane });
      return s;
    case 'booking:ticketed':
      patchBooking(s, e.data.bookingId, { ticketId: e.data.ticketId, ticketNumber: e.data.ticketNumber });
      return s;
    case 'booking:check-in-reverted':
      patchBooking(s, e.data.bookingId, { status: 'booked', checkedInAt: undefined, arrival: undefined, lane: undefined });
      return s;
    case 'booking:confirmed':
      patchBooking(s, e.data.bookingId, { status: 'booked', confirmedAt: e.at, holdUntil: undefined });
      return s;
    case 'booking:code-rejected': {
      const b = s.bookings[e.data.bookingId];
      if (b) patchBooking(s, b.id, { wrongCodes: (b.wrongCodes ?? 0) + 1 });
      return s;
    }
    case 'booking:expired':
      // An unconfirmed hold frees its place, like a cancellation.
      for (const id of e.data.bookingIds) {
        const b = s.bookings[id];
        if (b) release(s, b, { status: 'expired', expiredAt: e.at, holdUntil: undefined });
      }
      return s;
    case 'booking:personal-data-purged':
      for (const id of e.data.bookingIds) purgeBooking(s, id, e.at);
      return s;
    case 'booking:no-show':
      // A no-show keeps its place in the slot's figures (it was taken) but no longer counts as held.
      for (const id of e.data.bookingIds) {
        const b = s.bookings[id];
        if (!b) continue;
        countHeld(s, b, -1);
        patchBooking(s, id, { status: 'no_show', noShowAt: e.at });
      }
      return s;
  }
}

/** Masks one booking's personal data in place (the state belongs to the engine). */
function purgeBooking(s: BookingState, id: string, at: number) {
  const b = s.bookings[id];
  if (!b) return;
  const masked = withoutPersonalData(b, at);
  // A booking still counted as held moves its per-phone count to the masked phone, so no raw phone stays in the state.
  if (isHeld(b)) {
    bump(s.heldByPhone, phoneDayKey(b.phone, b.date), -1);
    bump(s.heldByPhone, phoneDayKey(masked.phone, b.date), +1);
  }
  putBooking(s, masked);
}

/**
 * A booking past the hall's visitor-data days: 张* and 138****5678 stay for the record (who, roughly),
 * the ID number's hash goes. The per-phone counters keep their keys only for held bookings, which
 * a purged (long over) booking never is.
 */
export function withoutPersonalData(b: Booking, at: number): Booking {
  const { idHash: _dropped, ...rest } = b;
  const phone = b.phone.length > 7 ? `${b.phone.slice(0, 3)}****${b.phone.slice(-4)}` : '****';
  return { ...rest, name: maskName(b.name), phone, personalDataPurgedAt: at };
}

/** In place: the state belongs to the engine (see evolveBookings). The booking object is replaced, never mutated. */
function putBooking(s: BookingState, b: Booking) {
  s.bookings[b.id] = b;
}

function patchBooking(s: BookingState, id: string, patch: Partial<Booking>) {
  const b = s.bookings[id];
  if (b) putBooking(s, { ...b, ...patch });
}

function bump(counts: Record<string | number, number>, key: string | number, by: number) {
  const n = (counts[key] ?? 0) + by;
  if (n > 0) counts[key] = n;
  else delete counts[key];
}

/** A booking takes a place in its slot and hour, and is held by its phone for its day. */
function countPlace(s: BookingState, b: Booking, by: 1 | -1) {
  bump(s.slotCount, b.slotStart, by);
  bump(s.hourCount, b.hour, by);
  countHeld(s, b, by);
}

function countHeld(s: BookingState, b: Booking, by: 1 | -1) {
  bump(s.heldByPhone, phoneDayKey(b.phone, b.date), by);
  if (b.client) bump(s.heldByClient, clientDayKey(b.client), by);
}

/** Frees the place of a booking that is still held (cancelled). */
function release(s: BookingState, b: Booking, patch: Partial<Booking>) {
  if (isHeld(b)) countPlace(s, b, -1);
  patchBooking(s, b.id, patch);
}

export function isHeld(b: Booking): boolean {
  return b.status === 'pending' || b.status === 'booked' || b.status === 'checked_in';
}

export function clientDayKey(client: { key: string; day: string }): string {
  return `${client.key} ${client.day}`;
}

export function phoneDayKey(phone: string, date: string): string {
  return `${phone} ${date}`;
}

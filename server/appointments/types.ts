// Bookings: the nouns and events of the bookings stream (streams.bookings, server/store/streams.ts).
import type { Lane } from '../config/schema.ts';
import type { StreamEvent } from '../engine/stream-engine.ts';
import type { StreamTypes } from '../store/streams.ts';

/** pending: held for its SMS code (confirmation: sms); expired: the hold ran out or too many wrong codes. */
export type BookingStatus = 'pending' | 'booked' | 'checked_in' | 'cancelled' | 'no_show' | 'expired';
/** Where a check-in fell against its window. */
export type Arrival = 'on_time' | 'early' | 'late';

export interface Booking {
  id: string;
  /** What the visitor types or shows at the kiosk: 8 letters and digits. */
  code: string;
  serviceId: string;
  /** Local date and "HH:MM" of the slot. */
  date: string;
  time: string;
  slotStart: number;
  slotEnd: number;
  /** "YYYY-MM-DD HH" local: the hour the slot counts against. */
  hour: string;
  /** Personal data: kept for check-in and the record, never in live events, screens or logs. */
  name: string;
  phone: string;
  /** Keyed hash of the ID number booked with (server/http/visitor-id.ts): check-in by ID card. */
  idHash?: string;
  status: BookingStatus;
  bookedAt: number;
  /** Who booked without a token: a keyed hash of the client address (never the address) and the
   * local day the booking was made, for the per-address daily cap. */
  client?: { key: string; day: string };
  /** A pending booking: until when its place is held, and the keyed hash of the code sent by SMS. */
  holdUntil?: number;
  confirmHash?: string;
  wrongCodes?: number;
  confirmedAt?: number;
  expiredAt?: number;
  checkedInAt?: number;
  arrival?: Arrival;
  lane?: Lane;
  ticketId?: string;
  ticketNumber?: string;
  cancelledAt?: number;
  noShowAt?: number;
  /** When the visitor-data purge (server/privacy) masked name and phone and dropped idHash. */
  personalDataPurgedAt?: number;
}

export type BookingEvent =
  | StreamEvent<'booking:made', { booking: Booking }>
  | StreamEvent<'booking:cancelled', { bookingId: string }>
  | StreamEvent<'booking:checked-in', { bookingId: string; arrival: Arrival; lane: Lane }>
  | StreamEvent<'booking:ticketed', { bookingId: string; ticketId: string; ticketNumber: string }>
  /** Issuing the ticket failed after the check-in was recorded: the booking is open again. */
  | StreamEvent<'booking:check-in-reverted', { bookingId: string }>
  | StreamEvent<'booking:no-show', { bookingIds: string[] }>
  | StreamEvent<'booking:confirmed', { bookingId: string }>
  | StreamEvent<'booking:code-rejected', { bookingId: string }>
  /** Pending holds released: their time ran out, or too many wrong codes. */
  | StreamEvent<'booking:expired', { bookingIds: string[]; reason: 'timeout' | 'wrong_codes' }>
  /** The visitor-data purge: these bookings' name and phone are masked and their idHash dropped. */
  | StreamEvent<'booking:personal-data-purged', { bookingIds: string[] }>;

export type BookingCommand =
  | {
      type: 'book';
      serviceId: string;
      slotStart: number;
      name: string;
      phone: string;
      idHash?: string;
      /** Keyed hash of the client address when booked without a token: counted against perAddressPerDay. */
      clientKey?: string;
      /** With confirmation by SMS: the keyed hash of the code that will be sent; the booking is held pending. */
      confirmHash?: string;
    }
  | { type: 'confirm'; code: string; confirmHash: string }
  | { type: 'expireHolds' }
  | { type: 'cancel'; code: string }
  | { type: 'checkIn'; code?: string; phone?: string; idHash?: string }
  | { type: 'ticketed'; bookingId: string; ticketId: string; ticketNumber: string }
  | { type: 'revertCheckIn'; bookingId: string }
  | { type: 'markNoShows' }
  /** Bookings made and over before this instant lose their personal data (server/privacy). */
  | { type: 'purgePersonalData'; before: number };

export interface BookingState {
  bookings: Record<string, Booking>;
  byCode: Record<string, string>;
  /** Places held per slot start and per local hour (booked, checked in or no-show). */
  slotCount: Record<number, number>;
  hourCount: Record<string, number>;
  /** Bookings held (pending, booked or checked in) per "phone date": the per-phone daily limit. */
  heldByPhone: Record<string, number>;
  /** Places held per "client key + day booked": the per-address daily cap. */
  heldByClient: Record<string, number>;
}

// Types this feature's stream (named in server/store/streams.ts) holds: events and snapshot state.
declare module '../store/streams.ts' {
  interface FeatureStreamTypes {
    bookings: StreamTypes<BookingEvent, BookingState>;
  }
}

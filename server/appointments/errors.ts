// Refusals of the booking domain, each with its HTTP status and stable code.
import type { Slot } from './slots.ts';

export type BookingErrorCode =
  | 'not_bookable'
  | 'unknown_service'
  | 'slot_invalid'
  | 'slot_past'
  | 'slot_too_far'
  | 'slot_full'
  | 'hour_full'
  | 'phone_daily_limit'
  | 'address_daily_cap'
  | 'booking_not_pending'
  | 'confirm_code_wrong'
  | 'confirm_attempts_exceeded'
  | 'hold_expired'
  | 'sms_failed'
  | 'unknown_booking'
  | 'booking_not_active'
  | 'booking_missed'
  | 'check_in_too_early'
  | 'check_in_too_late';

const STATUS: Record<BookingErrorCode, number> = {
  not_bookable: 400,
  unknown_service: 404,
  slot_invalid: 400,
  slot_past: 409,
  slot_too_far: 409,
  slot_full: 409,
  hour_full: 409,
  phone_daily_limit: 429,
  address_daily_cap: 429,
  booking_not_pending: 409,
  confirm_code_wrong: 400,
  confirm_attempts_exceeded: 429,
  hold_expired: 409,
  sms_failed: 502,
  unknown_booking: 404,
  booking_not_active: 409,
  booking_missed: 409,
  check_in_too_early: 409,
  check_in_too_late: 409,
};

export class BookingError extends Error {
  override name = 'BookingError';
  readonly status: number;
  constructor(
    readonly code: BookingErrorCode,
    message: string,
    /** Extra fields for the error body: the next free slots, the check-in window. */
    readonly details: { nextFree?: Slot[]; checkInOpensAt?: number } = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

// Every error code the API can answer in `{ error: { code, message } }`, in one place, with what it
// means. Clients switch on the code, never on the message; the pages' Chinese and English texts for
// each code are in displays/logic/error-text.ts, and test/http/error-codes.test.ts checks that every
// code thrown anywhere under server/ is listed here and worded there. Grouped by who answers it: the
// core (http, auth, validation, the domain) and then each feature. Like server/plugins.ts this file
// composes the features, so it lives outside the core.
import { DOMAIN_ERRORS, type DomainErrorCode } from './domain/errors.ts';
import type { BookingErrorCode } from './appointments/errors.ts';
import { FIELD_CODES } from './http/validate.ts';

/** The HTTP layer, sign-in and the store. */
const HTTP = {
  bad_request: 'a 4xx error from a library, without a code of its own',
  internal: 'a server fault (500)',
  not_found: 'no such route',
  method_not_allowed: 'the route does not take that method',
  not_implemented: 'the method is not implemented',
  unsupported_media_type: 'the body is not application/json',
  malformed_json: 'the body is not valid JSON',
  body_too_large: 'the body is too large',
  body_aborted: 'the client hung up before the body ended',
  invalid_request: 'a field is missing or malformed (the message names it)',
  invalid_idempotency_key: 'the Idempotency-Key header is malformed',
  idempotency_key_reused: 'the Idempotency-Key was used for another request',
  origin_not_allowed: 'a state change from another site’s page',
  invalid_range: 'the date range ends before it starts',
  range_too_long: 'the date range is too long',
  invalid_cursor: 'the paging cursor was not given out by this search',
  invalid_ticket_number: 'a ticket number is a letter and digits (A012)',
  unknown_ticket_number: 'no ticket has that number today',
  unauthorized: 'no token, or a token nobody knows',
  wrong_hall: 'the token or account is for another hall',
  wrong_role: 'the token’s role may not do this',
  wrong_window: 'the token is for another window',
  unknown_hall: 'no such hall',
  unknown_action: 'no such window action',
  rate_limited: 'too many requests; try again later',
  store_unavailable: 'the event store cannot be reached',
  store_busy: 'too many concurrent changes',
  overloaded: 'the server is overloaded and refused the request before doing anything; try again after Retry-After',
  clock_skew: 'this node’s clock is ahead of the shared store’s beyond the bound: nothing was saved',
  metrics_token_required: '/metrics is off in production until METRICS_TOKEN is set',
} as const;

/** The queue domain (server/domain/errors.ts), each with its status in server/http/errors.ts. */
const DOMAIN: Record<DomainErrorCode, string> = DOMAIN_ERRORS;

const APPOINTMENTS: Record<BookingErrorCode | 'no_appointments' | 'phone_invalid', string> = {
  no_appointments: 'the hall takes no appointments',
  phone_invalid: 'not a mainland China mobile number',
  not_bookable: 'the service takes no appointments',
  unknown_service: 'no such service',
  slot_invalid: 'not a slot of this hall',
  slot_past: 'the slot has already started',
  slot_too_far: 'the slot is too far ahead',
  slot_full: 'the slot is fully booked',
  hour_full: 'the hour is fully booked',
  phone_daily_limit: 'the phone holds the most bookings allowed that day',
  address_daily_cap: 'the network address made the most bookings allowed today',
  booking_not_pending: 'the booking is not waiting for an SMS code',
  confirm_code_wrong: 'the SMS code is wrong',
  confirm_attempts_exceeded: 'too many wrong SMS codes: the place was released',
  hold_expired: 'the SMS code expired: the place was released',
  sms_failed: 'the SMS could not be sent',
  unknown_booking: 'no such booking',
  booking_not_active: 'the booking was checked in or cancelled',
  booking_missed: 'the booking’s slot has passed',
  check_in_too_early: 'too early to check in',
  check_in_too_late: 'too late to check in',
};

const STAFF = {
  bad_credentials: 'wrong staff number or password',
  account_disabled: 'the account is disabled',
  account_locked: 'the account is locked after wrong passwords',
  session_expired: 'the session ended with the day',
  session_ended: 'signed out, or the password changed',
  session_exists: 'that session exists',
  unknown_session: 'no such session',
  unknown_staff: 'no such staff account',
  staff_number_taken: 'the staff number is taken',
  device_token_taken: 'the device token is in use',
  device_name_taken: 'a device of that name has a token',
  unknown_device: 'no such device token',
} as const;

const ASSIST = {
  unknown_assist: 'no such assist request',
  assist_pending: 'the window already has a request waiting',
  assist_taken: 'another approver accepted the request',
  assist_not_in_progress: 'the request is not accepted',
  assist_closed: 'the request is closed',
  service_not_covered: 'the approver does not answer for that service',
  not_your_request: 'another approver accepted the request',
  unknown_material: 'not in the service’s materials list',
  unknown_notice: 'no such notice',
} as const;

const CASES = {
  not_case_desk: 'cases are for the complaints desk and the admin',
  unknown_case: 'no such case',
  case_not_open: 'the case is not open',
  no_follow_up_due: 'the case has no follow-up due',
  case_closed: 'the case is closed',
  case_open: 'the case is still open',
} as const;

const RATINGS = {
  ticket_not_finished: 'only a finished ticket can be rated',
  rating_window_closed: 'the time to rate this ticket is over',
  already_rated: 'the ticket has been rated',
  unknown_reason: 'not one of the hall’s reasons',
  duplicate_reason: 'a reason is given twice',
  rating_key_wrong: 'the rating link is not the ticket’s',
  nothing_to_rate: 'no ticket was finished at the window today',
  not_last_finished: 'another ticket was finished at the window since',
} as const;

const APPLICATIONS = {
  unknown_application: 'no such application',
  not_in_approval: 'the application is not in approval',
  not_returned: 'the application was not returned for corrections',
  not_ready: 'the application is not ready for pickup',
  nothing_missing: 'a return names what is missing',
  not_for_mailing: 'the result is collected, not mailed',
  not_for_pickup: 'the result is mailed, not collected',
  not_your_service: 'the approver does not approve that service',
  no_pickup_service: 'the hall has no pickup service',
  not_pickup_desk: 'results are handed out at the pickup window',
  service_required: 'no visitor at the counter: name the service',
  time_limit_unknown: 'the knowledge base gives no time limit for the service',
} as const;

const OTHER = {
  unknown_kb_entry: 'no knowledge-base entry for the service',
  invalid_kb_entry: 'the knowledge-base entry is not valid',
  no_notifications: 'the hall sends no notifications',
  hall_grouping_plain_api: 'groupBy=hall is asked under /api',
} as const;

/** Validation of a single field: a code of its own (server/http/validate.ts). */
const FIELDS = Object.fromEntries(Object.values(FIELD_CODES).map((code) => [code, 'a field is malformed (the error names it)']));

export const ERROR_CODES: Readonly<Record<string, string>> = {
  ...HTTP,
  ...DOMAIN,
  ...FIELDS,
  ...APPOINTMENTS,
  ...STAFF,
  ...ASSIST,
  ...CASES,
  ...RATINGS,
  ...APPLICATIONS,
  ...OTHER,
};

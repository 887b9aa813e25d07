// OpenAPI paths of /api/appointments, from the zod schemas the routes validate with.
import { err, ok, op, pathParams, queryParams, type OpenApiPaths } from '../http/openapi-parts.ts';
import { bookBody, checkInBody } from './routes.ts';

export function appointmentsOpenApiPaths(): OpenApiPaths {
  return {
    '/api/appointments': {
      post: op({
        summary: 'Book a slot (public): returns the booking code; name and phone are never echoed in full',
        body: bookBody,
        responses: {
          201: ok('booking (status pending with holdUntil when confirmed by SMS)'),
          400: err('bad input or not a slot; phone_invalid (mainland mobile numbers only)'),
          409: err('slot_full / hour_full (with nextFree), slot_past, slot_too_far'),
          429: err('phone_daily_limit, address_daily_cap, rate_limited (Retry-After)'),
          502: err('sms_failed'),
        },
      }),
    },
    '/api/appointments/slots': { get: op({ summary: 'Free places per slot of a day', params: queryParams('service', 'date'), responses: { 200: ok('slots') } }) },
    '/api/appointments/stats': { get: op({ summary: 'Booked, checked in, no-show, wait after check-in for a day', params: queryParams('date'), responses: { 200: ok('figures') } }) },
    '/api/appointments/check-in': {
      post: op({
        summary: 'Check in by code or phone (kiosk, triage, admin): an appointment-lane ticket on time, as configured early or late',
        secured: true,
        body: checkInBody,
        responses: { 201: ok('{booking, ticket}'), 404: err('unknown_booking'), 409: err('booking_missed, booking_not_active, check_in_too_early (checkInOpensAt), check_in_too_late') },
      }),
    },
    '/api/appointments/{code}': { get: op({ summary: 'A booking by its code', params: pathParams('code'), responses: { 200: ok('booking'), 404: err('unknown_booking') } }) },
    '/api/appointments/{code}/confirm': {
      post: op({
        summary: 'Confirm a pending booking with the 6-digit SMS code',
        params: pathParams('code'),
        responses: { 200: ok('booking'), 400: err('confirm_code_wrong'), 404: err('unknown_booking'), 409: err('hold_expired, booking_not_pending'), 429: err('confirm_attempts_exceeded, rate_limited') },
      }),
    },
    '/api/appointments/{code}/cancel': { post: op({ summary: 'Cancel with the code', params: pathParams('code'), responses: { 200: ok('booking'), 404: err('unknown_booking'), 409: err('booking_not_active') } }) },
  };
}

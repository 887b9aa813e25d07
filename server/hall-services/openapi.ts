// OpenAPI paths of the hall's own services (appointments, knowledge base, assist, notices, cases,
// records), built from the zod schemas the routes validate with.
import { z } from 'zod';
import { bookBody, checkInBody } from '../appointments/routes.ts';
import { answerBody, messageBody, noticeBody, questionBody } from '../assist/routes.ts';
import { followUpBody, noteBody, openBody, resolveBody } from '../cases/routes.ts';
import { kbEntrySchema } from '../kb/schema.ts';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const secured = [{ bearer: [] }];
const path = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
const query = (...names: string[]) => names.map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));

type Op = { summary: string; secured?: boolean; params?: unknown[]; body?: z.ZodType; responses: Record<number, unknown> };
const op = (o: Op) => ({
  summary: o.summary,
  ...(o.secured ? { security: secured } : {}),
  ...(o.params ? { parameters: o.params } : {}),
  ...(o.body ? { requestBody: json(o.body) } : {}),
  responses: o.responses,
});

export function hallServicesOpenApiPaths(): Record<string, unknown> {
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
    '/api/appointments/slots': { get: op({ summary: 'Free places per slot of a day', params: query('service', 'date'), responses: { 200: ok('slots') } }) },
    '/api/appointments/stats': { get: op({ summary: 'Booked, checked in, no-show, wait after check-in for a day', params: query('date'), responses: { 200: ok('figures') } }) },
    '/api/appointments/check-in': {
      post: op({
        summary: 'Check in by code or phone (kiosk, triage, admin): an appointment-lane ticket on time, as configured early or late',
        secured: true,
        body: checkInBody,
        responses: { 201: ok('{booking, ticket}'), 404: err('unknown_booking'), 409: err('booking_missed, booking_not_active, check_in_too_early (checkInOpensAt), check_in_too_late') },
      }),
    },
    '/api/appointments/{code}': { get: op({ summary: 'A booking by its code', params: path('code'), responses: { 200: ok('booking'), 404: err('unknown_booking') } }) },
    '/api/appointments/{code}/confirm': {
      post: op({
        summary: 'Confirm a pending booking with the 6-digit SMS code',
        params: path('code'),
        responses: { 200: ok('booking'), 400: err('confirm_code_wrong'), 404: err('unknown_booking'), 409: err('hold_expired, booking_not_pending'), 429: err('confirm_attempts_exceeded, rate_limited') },
      }),
    },
    '/api/appointments/{code}/cancel': { post: op({ summary: 'Cancel with the code', params: path('code'), responses: { 200: ok('booking'), 404: err('unknown_booking'), 409: err('booking_not_active') } }) },
    '/api/kb': { get: op({ summary: 'Knowledge-base entries of the hall', responses: { 200: ok('entries') } }) },
    '/api/kb/search': { get: op({ summary: 'Full-text search, Chinese included', params: query('q', 'limit'), responses: { 200: ok('results'), 400: err('no query') } }) },
    '/api/kb/{serviceId}': {
      get: op({ summary: 'A service’s guide, steps, materials, fees, legal basis and FAQs', params: path('serviceId'), responses: { 200: ok('entry'), 404: err('unknown_kb_entry') } }),
      put: op({ summary: 'Replace an entry (admin); the YAML file is rewritten', secured: true, params: path('serviceId'), body: kbEntrySchema, responses: { 200: ok('entry'), 400: err('invalid_kb_entry'), 403: err('not admin') } }),
    },
    '/api/windows/{id}/assist': {
      post: op({ summary: 'One-key assist for the visitor at the window (its clerk)', secured: true, params: path('id'), body: questionBody, responses: { 201: ok('request'), 409: err('no_current_ticket, assist_pending') } }),
    },
    '/api/windows/{id}/notice': {
      post: op({
        summary: 'One-time notice of missing materials, from the knowledge base; printed at the window’s printer when there is one',
        secured: true,
        params: path('id'),
        body: noticeBody,
        responses: { 201: ok('{notice, html, print}'), 400: err('unknown_material'), 409: err('no_current_ticket') },
      }),
    },
    '/api/notices/{id}': { get: op({ summary: 'A notice', params: path('id'), responses: { 200: ok('notice'), 404: err('unknown_notice') } }) },
    '/api/notices/{id}.html': { get: op({ summary: 'A notice as a printable page', params: path('id'), responses: { 200: { description: 'HTML' }, 404: err('unknown_notice') } }) },
    '/api/assist': { get: op({ summary: 'Requests this clerk, approver or admin may see', secured: true, params: query('status'), responses: { 200: ok('requests') } }) },
    '/api/assist/stats': { get: op({ summary: 'Time to accept and to answer (aim: 5 minutes)', secured: true, params: query('from', 'to'), responses: { 200: ok('figures') } }) },
    '/api/assist/{id}/accept': { post: op({ summary: 'Accept (an approver of the service)', secured: true, params: path('id'), responses: { 200: ok('request'), 403: err('service_not_covered'), 409: err('assist_taken') } }) },
    '/api/assist/{id}/messages': { post: op({ summary: 'A message between the window and the approver', secured: true, params: path('id'), body: messageBody, responses: { 201: ok('request'), 403: err('not_your_request'), 409: err('assist_not_in_progress') } }) },
    '/api/assist/{id}/answer': { post: op({ summary: 'Answer and close (the approver who accepted)', secured: true, params: path('id'), body: answerBody, responses: { 200: ok('request'), 409: err('assist_not_in_progress') } }) },
    '/api/assist/{id}/withdraw': { post: op({ summary: 'Withdraw (the asking window)', secured: true, params: path('id'), responses: { 200: ok('request'), 409: err('assist_closed') } }) },
    '/api/cases': {
      get: op({ summary: 'Cases of the "can’t get it done" desk (its clerks, admin)', secured: true, params: query('status'), responses: { 200: ok('cases'), 403: err('not_case_desk') } }),
      post: op({ summary: 'Open a case, from the visitor at a window or by hand', secured: true, body: openBody, responses: { 201: ok('case'), 409: err('no_current_ticket') } }),
    },
    '/api/cases/report': { get: op({ summary: 'Open and closed cases over a period', secured: true, params: query('from', 'to'), responses: { 200: ok('report') } }) },
    '/api/cases/{id}': { get: op({ summary: 'A case with its record', secured: true, params: path('id'), responses: { 200: ok('case'), 404: err('unknown_case') } }) },
    '/api/cases/{id}/notes': { post: op({ summary: 'Add a note', secured: true, params: path('id'), body: noteBody, responses: { 201: ok('case') } }) },
    '/api/cases/{id}/resolve': { post: op({ summary: 'Resolve, with or without a follow-up', secured: true, params: path('id'), body: resolveBody, responses: { 200: ok('case'), 409: err('case_not_open') } }) },
    '/api/cases/{id}/follow-up': { post: op({ summary: 'Record the follow-up; unsatisfied reopens', secured: true, params: path('id'), body: followUpBody, responses: { 200: ok('case'), 409: err('no_follow_up_due') } }) },
    '/api/records': {
      get: op({ summary: 'Everything a company or phone did over a period, from the event log (admin)', secured: true, params: query('company', 'phone', 'from', 'to'), responses: { 200: ok('visitors and entries'), 400: err('no query or bad range') } }),
    },
  };
}

// The OpenAPI document, served at /api/openapi.json. Request bodies come from the same zod
// schemas the routes validate with, so the document cannot drift from what is enforced.
import { z } from 'zod';
import { callTicketBody, cancelBody, issueTicketBody, pauseBody, transferBody } from './schemas.ts';
import { WINDOW_ACTIONS } from './routes/windows.ts';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const errorRef = { $ref: '#/components/schemas/Error' };
const err = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const secured = [{ bearer: [] }];

const WINDOW_BODIES: Record<string, z.ZodType | undefined> = { call: callTicketBody, transfer: transferBody, pause: pauseBody };

function windowActions() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const action of WINDOW_ACTIONS) {
    const body = WINDOW_BODIES[action];
    paths[`/api/windows/{id}/${action}`] = {
      post: {
        summary: `Window action: ${action}`,
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        ...(body ? { requestBody: json(body) } : {}),
        responses: {
          200: ok('the window and its ticket after the action'),
          ...(action === 'next' ? { 204: { description: 'nothing waits for this window' } } : {}),
          400: err('bad input'),
          401: err('no or unknown token'),
          403: err('not this clerk’s window'),
          404: err('unknown window or ticket'),
          409: err(action === 'next' ? 'not possible in the current state; just_called: the current ticket was called less than policy.nextGuardSeconds ago' : 'not possible in the current state'),
        },
      },
    };
  }
  return paths;
}

/** The core's paths with the ones the features contributed (a feature may add methods to a core path). */
export function openApiDocument(featurePaths: Record<string, Record<string, unknown>> = {}) {
  const paths: Record<string, Record<string, unknown>> = corePaths();
  for (const [path, item] of Object.entries(featurePaths)) paths[path] = { ...paths[path], ...item };
  return {
    openapi: '3.1.0',
    info: {
      title: 'OneWindow API',
      version: '0.1.0',
      description:
        'Queue management for one-window service halls. Every path under /api also exists under /api/halls/{hall}/ for a named hall; ' +
        'without it the deployment’s default hall is meant. Errors are {error: {code, message, field?, reason?}}: `field` names a wrong input field, `reason` says which kind for a code with kinds (id_number_invalid); every code is listed in server/error-codes.ts. Live events: socket.io on the same port.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, reason: { type: 'string' } },
            },
          },
        },
      },
    },
    paths,
  };
}

/** The core's own paths, one group per resource; the features add theirs (Contribution.openApiPaths). */
function corePaths(): Record<string, Record<string, unknown>> {
  return { ...healthPaths(), ...hallPaths(), ...ticketPaths(), ...windowPaths() };
}

function healthPaths(): Record<string, Record<string, unknown>> {
  return {
    '/healthz': {
      get: {
        summary: 'Up or degraded, nothing else: {status: ok|degraded}. With ?details and an admin token, the same details as /api/health',
        parameters: [{ name: 'details', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { 200: ok('{status: "ok"}'), 401: err('?details without a token'), 403: err('?details, not admin'), 503: ok('{status: "degraded"}: the store is unreachable, or (Redis) this node\'s clock runs ahead of Redis\'s beyond MAX_CLOCK_AHEAD_MS') },
      },
    },
    '/readyz': {
      get: {
        summary: 'Readiness for a load balancer: {status: ready} (200); 503 `overloaded` with Retry-After while the node sheds load, or {status: degraded} when the store is unreachable',
        responses: { 200: ok('{status: "ready"}'), 503: err('overloaded (Retry-After), or degraded') },
      },
    },
    '/api/health': {
      get: {
        summary: 'Health details (admin): status, store and its kind, on Redis the clock offset to Redis TIME (clock: offsetMs, rttMs, maxAheadMs, status, measuredAt, basis: time or refused_append), halls, printers and their addresses, LED bars, voice, metrics fold positions',
        security: secured,
        responses: { 200: ok('details'), 401: err('no or unknown token'), 403: err('not admin'), 503: ok('degraded, with details') },
      },
    },
  };
}

function hallPaths(): Record<string, Record<string, unknown>> {
  return {
    '/api/hall': { get: { summary: 'Services, windows and lanes of the hall', responses: { 200: ok('hall') } } },
    '/api/halls': { get: { summary: 'Every hall of the deployment (admin)', security: secured, responses: { 200: ok('halls'), 401: err('no token'), 403: err('not admin') } } },
    '/api/state': {
      get: { summary: 'Public snapshot, bounded: windows, waiting counts, the next few tickets per service, recent calls, today’s counts', responses: { 200: ok('snapshot') } },
    },
    '/api/whoami': {
      get: {
        summary: 'Who the token or sign-in session is in this hall, for a console’s sign-in check: {hall, role, roles, name, windows, desk?, services?, staffNumber?, session}',
        security: secured,
        responses: { 200: ok('principal'), 401: err('no or unknown token (unauthorized), or an ended session'), 403: err('wrong_hall: the token is for another hall') },
      },
    },
    '/api/queue': {
      get: {
        summary: 'The waiting tickets of one or more services, a page at a time, in arrival order; `next` is the following page’s cursor (null at the end)',
        parameters: [
          { name: 'service', in: 'query', required: true, schema: { type: 'string' }, description: 'service id, or several comma separated' },
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'the `next` of the previous page' },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: { 200: ok('{hallId, eventId, services, tickets, next}'), 400: err('bad input (invalid_request, invalid_cursor)'), 404: err('unknown service') },
      },
    },
  };
}

function ticketPaths(): Record<string, Record<string, unknown>> {
  return {
    '/api/tickets': {
      post: {
        summary: 'Issue a ticket (triage, kiosk, admin; kiosks cannot issue the green channel)',
        security: secured,
        requestBody: json(issueTicketBody),
        responses: {
          201: ok('{id, number, service, lane, status, issuedAt, ahead, statusUrl}'),
          400: err('bad input'),
          401: err('no or unknown token'),
          403: err('wrong role or lane (lane_not_allowed: green at a kiosk; appointment only through a booking’s check-in)'),
          404: err('unknown service'),
          413: err('body too large'),
          429: err('too many tickets from this device, or the day’s numbers are used up'),
        },
      },
    },
    '/api/tickets/{id}': {
      get: {
        summary: 'Public status of a ticket: number, status, people ahead, window when called',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: ok('ticket'), 404: err('unknown ticket') },
      },
    },
    '/api/tickets/{id}/cancel': {
      post: {
        summary: 'Cancel a waiting or called ticket',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: json(cancelBody),
        responses: { 200: ok('ticket'), 403: err('wrong_window: a clerk cancels only tickets of its windows’ services, never one at another window'), 404: err('unknown ticket'), 409: err('already closed') },
      },
    },
    '/api/tickets/by-number/{number}': {
      get: {
        summary: "Today's ticket with this number (A012; case and spaces ignored), for the triage desk to cancel or reactivate it",
        security: secured,
        parameters: [{ name: 'number', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: ok('ticket'), 400: err('invalid_ticket_number'), 404: err('unknown_ticket_number: no such number today') },
      },
    },
    '/api/tickets/{id}/reactivate': {
      post: {
        summary: 'Put a no-show back at the front of its lane within the grace period',
        security: secured,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: ok('ticket'), 403: err('wrong_window: a clerk reactivates only tickets of its windows’ services or missed at its window'), 404: err('unknown ticket'), 409: err('not a no-show, or the grace period is over') },
      },
    },
  };
}

function windowPaths(): Record<string, Record<string, unknown>> {
  return {
    '/api/windows/{id}': {
      get: { summary: 'A window and its current ticket', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('window'), 404: err('unknown window') } },
    },
    ...windowActions(),
  };
}

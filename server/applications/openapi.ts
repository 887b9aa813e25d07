// OpenAPI paths of the applications feature, from the zod schemas the routes validate with.
import { err, ok, op, pathParams, queryParams, type OpenApiPaths } from '../http/openapi-parts.ts';
import { registerBody } from './register-route.ts';
import { consultationBody } from './consultations.ts';
import { approveBody, mailBody, refuseBody, resubmitBody, returnBody } from './routes.ts';

const receipt = pathParams('receipt');

export function applicationsOpenApiPaths(): OpenApiPaths {
  return {
    '/api/consultations': {
      post: op({ summary: 'Log a phone consultation (电话咨询): service and minutes (triage, admin); counted in /api/reports/summary', secured: true, body: consultationBody, responses: { 201: ok('consultation'), 400: err('unknown_service') } }),
    },
    '/api/windows/{id}/applications': {
      post: op({ summary: 'Register an application received at the window (收件) and print its receipt (its clerk)', secured: true, params: pathParams('id'), body: registerBody, responses: { 201: ok('application, statusPage, print'), 400: err('unknown_material, service_required, time_limit_unknown') } }),
    },
    '/api/applications': {
      get: op({ summary: 'The back office work list, limited to the approver’s services; overdue ones marked', secured: true, params: queryParams('status', 'service'), responses: { 200: ok('today, applications') } }),
    },
    '/api/applications/{receipt}': {
      get: op({ summary: 'An application by receipt number (approvers of its service, the pickup window)', secured: true, params: receipt, responses: { 200: ok('application'), 404: err('unknown_application') } }),
    },
    '/api/applications/{receipt}/status': {
      get: op({ summary: 'Public progress of an application, without personal data (/a/<receipt>)', params: receipt, responses: { 200: ok('progress'), 404: err('unknown_application') } }),
    },
    '/api/applications/{receipt}/approve': { post: op({ summary: 'Approve: the result is ready', secured: true, params: receipt, body: approveBody, responses: { 200: ok('application'), 409: err('not_in_approval') } }) },
    '/api/applications/{receipt}/return': { post: op({ summary: 'Return for correction (补正) with what is missing; the notice prints', secured: true, params: receipt, body: returnBody, responses: { 200: ok('application, print'), 409: err('not_in_approval') } }) },
    '/api/applications/{receipt}/refuse': { post: op({ summary: 'Refuse with a reason', secured: true, params: receipt, body: refuseBody, responses: { 200: ok('application'), 409: err('not_in_approval') } }) },
    '/api/applications/{receipt}/resubmit': { post: op({ summary: 'The corrections were received: back to approval', secured: true, params: receipt, body: resubmitBody, responses: { 200: ok('application'), 409: err('not_returned') } }) },
    '/api/applications/{receipt}/pickup': { post: op({ summary: 'The result was collected (出件, the pickup window)', secured: true, params: receipt, responses: { 200: ok('application'), 409: err('not_ready') } }) },
    '/api/applications/{receipt}/mail': { post: op({ summary: 'The result was mailed free of charge (免费邮寄) with a tracking number', secured: true, params: receipt, body: mailBody, responses: { 200: ok('application'), 409: err('not_ready, not_for_mailing') } }) },
    '/api/applications/{receipt}/pickup-ticket': { post: op({ summary: 'A number in the pickup service for a ready application (kiosk, triage); a repeat scan gets the same number while it waits or is called', secured: true, params: receipt, responses: { 201: ok('{id, number, service, lane, status, issuedAt, ahead, statusUrl} as when a ticket is issued'), 409: err('not_ready, not_for_pickup') } }) },
  };
}

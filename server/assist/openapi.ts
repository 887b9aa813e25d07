// OpenAPI paths of assist and the one-time notice, from the zod schemas the routes validate with.
import { err, ok, op, pathParams, queryParams, type OpenApiPaths } from '../http/openapi-parts.ts';
import { answerBody, messageBody, noticeBody, questionBody } from './routes.ts';

export function assistOpenApiPaths(): OpenApiPaths {
  return {
    '/api/windows/{id}/assist': {
      post: op({ summary: 'One-key assist for the visitor at the window (its clerk)', secured: true, params: pathParams('id'), body: questionBody, responses: { 201: ok('request'), 409: err('no_current_ticket, assist_pending') } }),
    },
    '/api/windows/{id}/notice': {
      post: op({
        summary: 'One-time notice of missing materials, from the knowledge base; printed at the window’s printer when there is one',
        secured: true,
        params: pathParams('id'),
        body: noticeBody,
        responses: { 201: ok('{notice, html, print}'), 400: err('unknown_material'), 409: err('no_current_ticket') },
      }),
    },
    '/api/notices/{id}': { get: op({ summary: 'A notice', params: pathParams('id'), responses: { 200: ok('notice'), 404: err('unknown_notice') } }) },
    '/api/notices/{id}.html': { get: op({ summary: 'A notice as a printable page', params: pathParams('id'), responses: { 200: { description: 'HTML' }, 404: err('unknown_notice') } }) },
    '/api/assist': { get: op({ summary: 'Requests this clerk, approver or admin may see', secured: true, params: queryParams('status'), responses: { 200: ok('requests') } }) },
    '/api/assist/stats': { get: op({ summary: 'Time to accept and to answer (aim: 5 minutes)', secured: true, params: queryParams('from', 'to'), responses: { 200: ok('figures') } }) },
    '/api/assist/{id}/accept': { post: op({ summary: 'Accept (an approver of the service)', secured: true, params: pathParams('id'), responses: { 200: ok('request'), 403: err('service_not_covered'), 409: err('assist_taken') } }) },
    '/api/assist/{id}/messages': { post: op({ summary: 'A message between the window and the approver', secured: true, params: pathParams('id'), body: messageBody, responses: { 201: ok('request'), 403: err('not_your_request'), 409: err('assist_not_in_progress') } }) },
    '/api/assist/{id}/answer': { post: op({ summary: 'Answer and close (the approver who accepted)', secured: true, params: pathParams('id'), body: answerBody, responses: { 200: ok('request'), 409: err('assist_not_in_progress') } }) },
    '/api/assist/{id}/withdraw': { post: op({ summary: 'Withdraw (the asking window)', secured: true, params: pathParams('id'), responses: { 200: ok('request'), 409: err('assist_closed') } }) },
  };
}

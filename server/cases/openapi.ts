// OpenAPI paths of /api/cases, from the zod schemas the routes validate with.
import { err, ok, op, pathParams, queryParams, type OpenApiPaths } from '../http/openapi-parts.ts';
import { contactBody, followUpBody, noteBody, openBody, resolveBody } from './routes.ts';

export function casesOpenApiPaths(): OpenApiPaths {
  return {
    '/api/cases': {
      get: op({ summary: 'Cases of the "can’t get it done" desk (its clerks, admin)', secured: true, params: queryParams('status'), responses: { 200: ok('cases'), 403: err('not_case_desk') } }),
      post: op({ summary: 'Open a case, from the visitor at a window or by hand', secured: true, body: openBody, responses: { 201: ok('case'), 409: err('no_current_ticket') } }),
    },
    '/api/cases/report': { get: op({ summary: 'Open and closed cases over a period', secured: true, params: queryParams('from', 'to'), responses: { 200: ok('report') } }) },
    '/api/cases/follow-ups': { get: op({ summary: 'Open follow-ups of bad ratings with their contact deadlines (overdue marked)', secured: true, responses: { 200: ok('followUps'), 403: err('not_case_desk') } }) },
    '/api/cases/{id}/contact': { post: op({ summary: 'Record that the visitor was contacted, with their reply', secured: true, params: pathParams('id'), body: contactBody, responses: { 200: ok('case'), 409: err('case_closed') } }) },
    '/api/cases/{id}': { get: op({ summary: 'A case with its record', secured: true, params: pathParams('id'), responses: { 200: ok('case'), 404: err('unknown_case') } }) },
    '/api/cases/{id}/notes': { post: op({ summary: 'Add a note', secured: true, params: pathParams('id'), body: noteBody, responses: { 201: ok('case') } }) },
    '/api/cases/{id}/resolve': { post: op({ summary: 'Resolve, with or without a follow-up', secured: true, params: pathParams('id'), body: resolveBody, responses: { 200: ok('case'), 409: err('case_not_open') } }) },
    '/api/cases/{id}/follow-up': { post: op({ summary: 'Record the follow-up; unsatisfied reopens', secured: true, params: pathParams('id'), body: followUpBody, responses: { 200: ok('case'), 409: err('no_follow_up_due') } }) },
  };
}

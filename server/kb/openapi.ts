// OpenAPI paths of /api/kb, from the schema the admin's edit validates with.
import { err, ok, op, pathParams, queryParams, type OpenApiPaths } from '../http/openapi-parts.ts';
import { kbEntrySchema } from './schema.ts';

export function kbOpenApiPaths(): OpenApiPaths {
  return {
    '/api/kb': { get: op({ summary: 'Knowledge-base entries of the hall', responses: { 200: ok('entries') } }) },
    '/api/kb/search': { get: op({ summary: 'Full-text search, Chinese included', params: queryParams('q', 'limit'), responses: { 200: ok('results'), 400: err('no query') } }) },
    '/api/kb/{serviceId}': {
      get: op({ summary: 'A service’s guide, steps, materials, fees, legal basis and FAQs', params: pathParams('serviceId'), responses: { 200: ok('entry'), 404: err('unknown_kb_entry') } }),
      put: op({ summary: 'Replace an entry (admin); the YAML file is rewritten', secured: true, params: pathParams('serviceId'), body: kbEntrySchema, responses: { 200: ok('entry'), 400: err('invalid_kb_entry'), 403: err('not admin') } }),
    },
  };
}

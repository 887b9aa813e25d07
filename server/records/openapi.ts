// OpenAPI path of /api/records.
import { err, ok, op, queryParams, type OpenApiPaths } from '../http/openapi-parts.ts';

export function recordsOpenApiPaths(): OpenApiPaths {
  return {
    '/api/records': {
      get: op({ summary: 'Everything a company or phone did over a period, from the event log (admin)', secured: true, params: queryParams('company', 'phone', 'idNumber', 'from', 'to', 'limit', 'cursor'), responses: { 200: ok('visitors, entries (at most limit, default 100) and next: the cursor of the following page, or null'), 400: err('no query, bad range or cursor') } }),
    },
  };
}

// OpenAPI paths of /api/notifications.
import { err, ok, op, queryParams, type OpenApiPaths } from '../http/openapi-parts.ts';

export function notificationsOpenApiPaths(): OpenApiPaths {
  return {
    '/api/notifications': {
      get: op({
        summary: 'The send log (admin): messages queued, sent, retried, failed or dropped, phones masked; from/to are local dates (default today, at most 31 days)',
        secured: true,
        params: queryParams('from', 'to'),
        responses: { 200: ok('messages'), 400: err('invalid_range'), 404: err('no_notifications') },
      }),
    },
  };
}

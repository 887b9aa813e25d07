// OpenAPI paths of the ratings routes, from the zod schemas the routes validate with.
import { err, ok, op, pathParams, queryParams, type OpenApiPaths } from '../http/openapi-parts.ts';
import { deviceRateBody, visitorRateBody } from './routes.ts';

export function ratingsOpenApiPaths(): OpenApiPaths {
  return {
    '/api/tickets/{id}/rating': {
      get: op({ summary: 'Whether the ticket may be rated now (finished, within the window, not yet rated), with the levels and reasons', params: pathParams('id'), responses: { 200: ok('rating status'), 404: err('unknown_ticket') } }),
      post: op({
        summary: 'Rate a finished ticket from the visitor’s status page with the ticket’s rating key (`key`, or header x-rating-key: the `k` of the QR link in the issue response’s statusUrl); a 不满意/非常不满意 opens a follow-up case',
        params: pathParams('id'),
        body: visitorRateBody,
        responses: { 201: ok('rating'), 400: err('unknown_reason'), 403: err('rating_key_wrong'), 404: err('unknown_ticket'), 409: err('already_rated, ticket_not_finished, rating_window_closed') },
      }),
    },
    '/api/windows/{id}/rating': {
      get: op({ summary: 'The ticket the window’s rating device may rate now (the last finished there)', secured: true, params: pathParams('id'), responses: { 200: ok('device state'), 403: err('wrong_window') } }),
      post: op({
        summary: 'Rate the ticket finished last at this window (the rating device of that window)',
        secured: true,
        params: pathParams('id'),
        body: deviceRateBody,
        responses: { 201: ok('rating'), 403: err('wrong_window'), 409: err('nothing_to_rate, not_last_finished, already_rated, rating_window_closed') },
      }),
    },
    '/api/ratings/today': { get: op({ summary: 'The hall’s satisfaction rate today, for the wall (enabled: false unless ratings.showOnWall)', responses: { 200: ok('rate') } }) },
    '/api/ratings/report': {
      get: op({
        summary: 'Ratings per level, service, window, clerk, hour or day with the satisfaction rate ((非常满意+满意+基本满意)/all), JSON or CSV',
        secured: true,
        params: queryParams('from', 'to', 'groupBy', 'format'),
        responses: { 200: ok('report'), 400: err('invalid_range') },
      }),
    },
  };
}

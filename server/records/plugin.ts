// The records feature: the admin's search of everything a company or phone did (/api/records),
// read from the hall's log and the other features' streams. It owns no stream.
import type { Feature } from '../feature.ts';
import { recordsOpenApiPaths } from './openapi.ts';
import { recordRoutes } from './routes.ts';

export function recordsPlugin(): Feature {
  return {
    name: 'records',
    start: () => ({ hallRoutes: [recordRoutes], openApiPaths: recordsOpenApiPaths() }),
  };
}

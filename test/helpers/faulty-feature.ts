// A test-only feature with a route that fails like a bug in a handler would: GET /test-faults/boom.
import type { Feature } from '../../server/feature.ts';

export const faultyFeature: Feature = {
  name: 'test-faults',
  start: () => ({
    hallRoutes: [
      (router) => {
        router.get('/test-faults/boom', () => {
          throw new Error('the handler broke');
        });
      },
    ],
  }),
};

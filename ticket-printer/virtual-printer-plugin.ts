// The virtual printer in the server: GET /api/virtual-printer/slips (admin) lists the slips it has
// decoded, and /admin/printer shows each as it would look on paper, live. Runs only when a virtual
// printer was started (npm start, outside production: server/main.ts).
import type { Feature } from '../server/feature.ts';
import { ApiError } from '../server/http/errors.ts';
import { featurePagesPlugin } from '../displays/feature-pages.ts';
import type { VirtualPrinter } from './virtual-printer.ts';

export function virtualPrinterPlugin(printer: VirtualPrinter): Feature {
  return {
    name: 'virtual-printer',
    start: () => ({
      hallRoutes: [
        (router, deps) => {
          router.get('/virtual-printer/slips', (ctx) => {
            deps.auth.require(ctx, deps.registry.defaultHallId, ['admin']);
            const after = Number(ctx.query.after ?? 0);
            if (!Number.isInteger(after) || after < 0) throw new ApiError(400, 'bad_after', 'after is the seq of the last slip seen (0 or more)');
            ctx.body = { printer: printer.url, slips: printer.slipsAfter(after) };
          });
        },
      ],
      openApiPaths: {
        '/api/virtual-printer/slips': {
          get: {
            summary: 'Slips the virtual printer decoded, oldest first: {printer, slips: [{seq, at, lines: [{text, width, height, bold, align}], qr, cut}]} (admin; demo only)',
            security: [{ bearer: [] }],
            parameters: [{ name: 'after', in: 'query', required: false, schema: { type: 'integer', minimum: 0 }, description: 'only slips with a larger seq' }],
            responses: {
              200: { description: 'slips', content: { 'application/json': { schema: { type: 'object' } } } },
              400: { description: 'bad after', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
              401: { description: 'no or unknown token', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
              403: { description: 'not an admin', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
            },
          },
        },
      },
    }),
  };
}

/** /admin/printer: the slips, newest first, each drawn as the paper would show it. */
export function virtualPrinterPagePlugin(): Feature {
  return featurePagesPlugin({
    name: 'virtual-printer-page',
    entry: 'displays/printer/entry.ts',
    script: 'printer.js',
    pages: [{ path: '/admin/printer', shell: () => ({ title: '虚拟打印机 · Virtual printer', tag: 'ow-printer-slips' }) }],
  });
}

// Features hand services to each other in start order: a missing dependency, a service provided
// after a feature went without it, or two owners of one stream stop the start with a clear error.
import test from 'ava';
import type { Feature } from '../../server/feature.ts';
import { serviceFeatures } from '../helpers/features.ts';
import { kbPlugin } from '../../server/kb/plugin.ts';
import { ticketPrinterPlugin } from '../../ticket-printer/plugin.ts';
import { startTestServer } from '../helpers/server.ts';

const needsPrinting: Feature = {
  name: 'needs-printing',
  start: ({ services }) => {
    services.use('printing');
    return {};
  },
};

test('a feature that needs a service no earlier feature provides stops the start, naming both', async (t) => {
  const err = await t.throwsAsync(startTestServer({ plugins: [needsPrinting, ticketPrinterPlugin()] }));
  t.regex(err!.message, /feature "needs-printing" needs the service "printing"/);
});

test('a feature that needs a service an earlier one provides starts', async (t) => {
  const server = await startTestServer({ plugins: [ticketPrinterPlugin(), needsPrinting] });
  t.teardown(() => server.close());
  t.deepEqual(server.features.map((f) => f.name), ['ticket-printer', 'needs-printing']);
});

test('the printer listed after the features that print is a start error, not a silent missing printer', async (t) => {
  const err = await t.throwsAsync(startTestServer({ plugins: [...serviceFeatures(), ticketPrinterPlugin()] }));
  t.regex(err!.message, /feature "ticket-printer" provides the service "printing" after feature "appointments" started without it/);
});

test('the same feature twice, or two features claiming one stream, is a start error', async (t) => {
  const twice = await t.throwsAsync(startTestServer({ plugins: [kbPlugin(), kbPlugin()] }));
  t.regex(twice!.message, /feature "kb" is listed twice/);
  const claims = (name: string): Feature => ({ name, start: () => ({ streams: ['district/bookings'] }) });
  const both = await t.throwsAsync(startTestServer({ plugins: [claims('one'), claims('other')] }));
  t.regex(both!.message, /features "one" and "other" both claim the stream "district\/bookings"/);
});

test('a feature that fails to start stops the ones started before it', async (t) => {
  let stopped = 0;
  const first: Feature = { name: 'first', start: () => ({ stop: () => void stopped++ }) };
  const broken: Feature = {
    name: 'broken',
    start: () => {
      throw new Error('bad config');
    },
  };
  await t.throwsAsync(startTestServer({ plugins: [first, broken] }), { message: 'bad config' });
  t.is(stopped, 1);
});

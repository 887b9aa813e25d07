// A kiosk check-in with print: the appointment-lane ticket comes out of the kiosk's printer (a fake
// ESC/POS printer on loopback, decoded), like a walk-in's.
import test from 'ava';
import { parseDeployment } from '../../server/config/load.ts';
import { serviceFeaturesAfterKb } from '../helpers/features.ts';
import { kbPlugin } from '../../server/kb/plugin.ts';
import { ticketPrinterPlugin } from '../../ticket-printer/plugin.ts';
import { FakeEscPosPrinter, ticketText } from '../helpers/fake-escpos-printer.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';
import { MONDAY, at } from './helpers.ts';

test('checking in with print: true prints the appointment ticket at the kiosk', async (t) => {
  const printer = await FakeEscPosPrinter.start();
  t.teardown(() => printer.close());
  const deployment = parseDeployment(
    structuredClone({ ...demoDeployment, halls: demoDeployment.halls.map((h) => ({ ...h, printers: [{ id: 'kiosk-1', desk: 'kiosk', url: printer.url, width: 48 }] })) }),
  );
  const clock = { now: at(MONDAY, '08:00') };
  const server = await startTestServer({
    deployment,
    engine: { clock: () => clock.now },
    plugins: [kbPlugin(), ticketPrinterPlugin({ retryMinMs: 50, retryMaxMs: 200, probeEveryMs: 0 }), ...serviceFeaturesAfterKb()],
  });
  t.teardown(() => server.close());
  const booking = (await server.api.post('/api/appointments', { service: 'business', date: MONDAY, time: '09:00', name: '陈三', phone: '13600000000' })).body;
  clock.now = at(MONDAY, '08:50');
  const res = await server.api.post('/api/appointments/check-in', { code: booking.code, print: true }, 'demo-kiosk');
  t.is(res.status, 201);
  t.like(res.body.print, { queued: true, printer: 'kiosk-1' });
  const [paper] = await printer.waitForTickets(1);
  const text = ticketText(paper!);
  t.true(text.includes('A001'), text);
  t.regex(text, /预约/);
  t.false(text.includes('陈三') || text.includes('13600000000'));
});

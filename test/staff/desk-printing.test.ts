// A person signed in at the triage desk prints tickets at the desk's printer, as the desk token does.
import test from 'ava';
import { staffPlugin } from '../../server/staff/plugin.ts';
import { ticketPrinterPlugin } from '../../ticket-printer/plugin.ts';
import { FakeEscPosPrinter } from '../helpers/fake-escpos-printer.ts';
import { startTestServer } from '../helpers/server.ts';
import { call, tokenOf } from './helpers.ts';

test('a triage person’s ticket with print: true comes out of the triage desk printer', async (t) => {
  const printer = await FakeEscPosPrinter.start();
  const server = await startTestServer({
    plugins: [staffPlugin(), ticketPrinterPlugin({ retryMinMs: 50, retryMaxMs: 200, probeEveryMs: 0 })],
    env: { ONEWINDOW_PRINTER: printer.url } as Record<string, string>,
  });
  t.teardown(async () => {
    await server.close();
    await printer.close();
  });
  const token = await tokenOf(server.url, '2001');
  const res = await call(server.url, 'POST', '/api/tickets', { token, body: { service: 'social', print: true } });
  t.is(res.status, 201);
  t.like(res.body.print, { queued: true, printer: 'triage-desk' });
  const [printed] = await printer.waitForTickets(1);
  t.truthy(printed!.lines.find((l) => l.text === res.body.number));
});

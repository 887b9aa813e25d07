// The consultation desk's tools over HTTP: today's ticket found by the number on the slip, put back
// or cancelled from there; and a transfer's new number printed at the window that transferred it.
import test from 'ava';
import { parseDeployment } from '../../server/config/load.ts';
import { kbPlugin } from '../../server/kb/plugin.ts';
import { ticketPrinterPlugin } from '../../ticket-printer/plugin.ts';
import { FakeEscPosPrinter, ticketText } from '../helpers/fake-escpos-printer.ts';
import { serviceFeaturesAfterKb } from '../helpers/features.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startTestServer } from '../helpers/server.ts';

test('a ticket is found by its number, however the desk types it; a number nobody has is a 404 with its own code', async (t) => {
  const server = await startTestServer();
  t.teardown(() => server.close());
  const issued = (await server.api.post('/api/tickets', { service: 'social' }, 'demo-triage')).body;
  const typed = ` ${issued.number.toLowerCase().slice(0, 1)} ${issued.number.slice(1)} `;
  const found = await server.api.get(`/api/tickets/by-number/${encodeURIComponent(typed)}`, 'demo-triage');
  t.is(found.status, 200);
  t.like(found.body.ticket, { id: issued.id, number: issued.number, status: 'waiting', service: 'social' });

  const missing = await server.api.get('/api/tickets/by-number/Z999', 'demo-triage');
  t.is(missing.status, 404);
  t.is(missing.body.error.code, 'unknown_ticket_number');
  const nonsense = await server.api.get(`/api/tickets/by-number/${encodeURIComponent('1; drop')}`, 'demo-triage');
  t.is(nonsense.status, 400);
  t.is(nonsense.body.error.code, 'invalid_ticket_number');
  t.is((await server.api.get(`/api/tickets/by-number/${issued.number}`, 'demo-kiosk')).status, 403, 'a kiosk does not look tickets up');
});

test('the triage desk reactivates a no-show and cancels a waiting ticket of any service', async (t) => {
  const server = await startTestServer();
  t.teardown(() => server.close());
  const missed = (await server.api.post('/api/tickets', { service: 'medical' }, 'demo-triage')).body;
  const waiting = (await server.api.post('/api/tickets', { service: 'tax' }, 'demo-triage')).body;
  t.is((await server.api.post('/api/windows/4/next', {}, 'demo-clerk-4')).body.ticket.id, missed.id);
  t.is((await server.api.post('/api/windows/4/no-show', {}, 'demo-clerk-4')).status, 200);

  const back = await server.api.post(`/api/tickets/${missed.id}/reactivate`, {}, 'demo-triage');
  t.is(back.status, 200);
  t.is((await server.api.get(`/api/tickets/${missed.id}`)).body.status, 'waiting');
  const gone = await server.api.post(`/api/tickets/${waiting.id}/cancel`, {}, 'demo-triage');
  t.is(gone.status, 200);
  t.is((await server.api.get(`/api/tickets/${waiting.id}`)).body.status, 'cancelled');
  t.is((await server.api.post(`/api/tickets/${waiting.id}/cancel`, {}, 'demo-triage')).status, 409, 'a cancelled ticket cannot be cancelled twice');
});

test("a transfer prints the visitor's new number at the window's printer, once, and the old ticket names it", async (t) => {
  const printer = await FakeEscPosPrinter.start();
  t.teardown(() => printer.close());
  const deployment = parseDeployment(
    structuredClone({ ...demoDeployment, halls: demoDeployment.halls.map((h) => ({ ...h, printers: [{ id: 'w3', desk: 'window-3', url: printer.url, width: 48 }] })) }),
  );
  const server = await startTestServer({ deployment, plugins: [kbPlugin(), ticketPrinterPlugin({ retryMinMs: 50, retryMaxMs: 200, probeEveryMs: 0 }), ...serviceFeaturesAfterKb()] });
  t.teardown(() => server.close());
  const first = (await server.api.post('/api/tickets', { service: 'business' }, 'demo-triage')).body;
  t.is((await server.api.post('/api/windows/3/next', {}, 'demo-clerk-3')).body.ticket.id, first.id);

  const transfer = () => server.api.request('POST', '/api/windows/3/transfer', { body: { service: 'social' }, token: 'demo-clerk-3', headers: { 'idempotency-key': 'transfer-1' } });
  const moved = await transfer();
  t.is(moved.status, 200);
  t.like(moved.body.print, { queued: true, printer: 'w3' });
  const newNumber: string = moved.body.transferredTo.number;
  const [paper] = await printer.waitForTickets(1);
  t.true(ticketText(paper!).includes(newNumber), ticketText(paper!));

  const retried = await transfer();
  t.is(retried.body.transferredTo.number, newNumber, 'a retry is the same transfer');
  t.is((await server.api.get(`/api/tickets/${first.id}`)).body.transferredToNumber, newNumber);
  await new Promise((r) => setTimeout(r, 300));
  t.is(printer.tickets.length, 1, 'a retried transfer does not print again');
});

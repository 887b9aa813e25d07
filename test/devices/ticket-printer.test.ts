// Tickets printed through the real ESC/POS path to a fake printer on loopback, decoded back into
// what the paper shows.
import test from 'ava';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { PrinterPool } from '../../ticket-printer/printers.ts';
import { renderTicketHtml } from '../../ticket-printer/html.ts';
import { ticketLayout, statusUrl } from '../../ticket-printer/layout.ts';
import type { TicketForPrint } from '../../ticket-printer/layout.ts';
import { FakeEscPosPrinter, ticketText } from '../helpers/fake-escpos-printer.ts';

const demo = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname).halls[0]!;
const hall = { ...demo, publicUrl: 'https://hall.example.gov.cn' };
// 01:05 UTC is 09:05 in Asia/Shanghai: the ticket shows hall time, not server time.
const issuedAt = Date.UTC(2026, 10, 27, 1, 5);

function ticket(n: number, over: Partial<TicketForPrint> = {}): TicketForPrint {
  return { id: `tk${n}`, number: `A${String(n).padStart(3, '0')}`, serviceId: 'business', lane: 'normal', issuedAt, ahead: n - 1, ...over };
}

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const printer = await FakeEscPosPrinter.start();
  const pool = new PrinterPool(hall, [{ id: 'desk-1', desk: 'triage', url: printer.url, width: 48 }], {
    retryMinMs: 50,
    retryMaxMs: 200,
    probeEveryMs: 0,
  });
  t.teardown(async () => {
    pool.close();
    await printer.close();
  });
  return { printer, pool };
}

test('a printed ticket carries the number, service names, lane, QR status link, materials and a cut', async (t) => {
  const { printer, pool } = await setup(t);
  const outcome = pool.printTicket({ desk: 'triage', ticket: ticket(1, { lane: 'elderly', ahead: 4 }), estimatedWaitMinutes: 12 });
  t.true(outcome.queued);
  const [printed] = await printer.waitForTickets(1);
  const text = ticketText(printed!);

  const number = printed!.lines.find((l) => l.text === 'A001');
  t.truthy(number, text);
  t.is(number!.width, 2);
  t.is(number!.height, 2);
  t.true(number!.bold);
  t.is(number!.align, 'center');

  t.true(printed!.chineseMode);
  t.regex(text, /示范区政务服务中心/);
  t.regex(text, /企业开办/);
  t.regex(text, /Business registration/);
  t.regex(text, /敬老/);
  t.regex(text, /前面还有 4 人/);
  t.regex(text, /预计等候约 12 分钟/);
  t.regex(text, /2026-11-27 09:05/);
  for (const m of hall.services.find((s) => s.id === 'business')!.materials) t.true(text.includes(m.zh), m.zh);
  t.deepEqual(printed!.qr, ['https://hall.example.gov.cn/t/tk1']);
  t.is(printed!.cut, 'full');
  t.deepEqual(printer.errors, []);
});

test('every lane mark prints; a normal ticket has none', async (t) => {
  const { printer, pool } = await setup(t);
  pool.printTicket({ desk: 'triage', ticket: ticket(1, { lane: 'green' }) });
  pool.printTicket({ desk: 'triage', ticket: ticket(2, { lane: 'appointment' }) });
  pool.printTicket({ desk: 'triage', ticket: ticket(3, { lane: 'normal' }) });
  const printed = await printer.waitForTickets(3);
  t.regex(ticketText(printed[0]!), /绿色通道/);
  t.regex(ticketText(printed[1]!), /预约/);
  t.notRegex(ticketText(printed[2]!), /【/);
});

test('tickets issued while the printer is down all print, in order, once it is back', async (t) => {
  const { printer, pool } = await setup(t);
  await printer.goDown();
  for (let n = 1; n <= 6; n++) t.true(pool.printTicket({ desk: 'triage', ticket: ticket(n) }).queued);
  // The queue keeps every job and reports the printer offline while it retries.
  await until(() => pool.statuses()[0]!.lastError !== 'not contacted yet');
  const down = pool.statuses()[0]!;
  t.is(down.state, 'offline');
  t.is(down.jobsWaiting, 6);
  t.is(printer.tickets.length, 0);

  await printer.comeBack();
  const printed = await printer.waitForTickets(6);
  t.deepEqual(
    printed.map((p) => p.lines.find((l) => l.width === 2)?.text),
    ['A001', 'A002', 'A003', 'A004', 'A005', 'A006'],
  );
  await pool.idle();
  const up = pool.statuses()[0]!;
  t.is(up.state, 'online');
  t.is(up.jobsWaiting, 0);
  t.is(up.printed, 6);
});

test('a printer out of paper reports an error, keeps the job, and prints it when paper is loaded', async (t) => {
  const { printer, pool } = await setup(t);
  printer.setPaperOut(true);
  pool.printTicket({ desk: 'triage', ticket: ticket(7) });
  await until(() => pool.statuses()[0]!.state === 'error');
  t.regex(pool.statuses()[0]!.lastError ?? '', /paper/);
  t.is(pool.statuses()[0]!.jobsWaiting, 1);
  printer.setPaperOut(false);
  const [printed] = await printer.waitForTickets(1);
  t.truthy(printed!.lines.find((l) => l.text === 'A007'));
  t.is(printer.tickets.length, 1);
});

test('a reprint prints the same ticket again, marked as a reprint', async (t) => {
  const { printer, pool } = await setup(t);
  pool.printTicket({ desk: 'triage', ticket: ticket(9) });
  pool.printTicket({ desk: 'triage', ticket: ticket(9), reprint: true });
  const printed = await printer.waitForTickets(2);
  t.deepEqual(printed[0]!.qr, printed[1]!.qr);
  t.notRegex(ticketText(printed[0]!), /补打/);
  t.regex(ticketText(printed[1]!), /补打/);
});

test('a desk without a printer is told so; nothing is queued', async (t) => {
  const { pool } = await setup(t);
  const out = pool.printTicket({ desk: 'kiosk-9', ticket: ticket(1) });
  t.false(out.queued);
});

test('the HTML ticket shows the same layout, with the QR code of the status link', async (t) => {
  const url = statusUrl(hall.publicUrl, 'tk5');
  const html = await renderTicketHtml(ticketLayout({ hall, ticket: ticket(5, { lane: 'green' }), statusUrl: url }));
  t.regex(html, /<p class="size-double align-center bold role-number">A005<\/p>/);
  t.regex(html, /企业开办/);
  t.regex(html, /绿色通道/);
  t.regex(html, /<svg/);
  t.true(html.includes(`data-payload="${url}"`));
  t.regex(html, /法定代表人身份证/);
});

async function until(cond: () => boolean, timeoutMs = 10_000) {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

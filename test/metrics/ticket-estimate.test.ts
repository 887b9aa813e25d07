// The wait estimate reaches the visitor: the ticket status page (/t/<id>) shows it and it follows
// the queue.
import test from 'ava';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { ticketStatusView } from '../../displays/logic/ticket-status.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { launchChromium } from '../browser/browser.ts';
import { startTestServer } from '../helpers/server.ts';

test('the status text carries the estimate when there is one', (t) => {
  t.regex(ticketStatusView({ status: 'waiting', ahead: 4, number: 'A005', estimatedWaitMinutes: 12 }).detail!.zh, /预计等候约 12 分钟/);
  t.is(ticketStatusView({ status: 'waiting', ahead: 0, number: 'A005', estimatedWaitMinutes: 0 }).detail!.en, 'Please watch for your number');
  t.is(ticketStatusView({ status: 'waiting', ahead: 0, number: 'A005' }).detail!.zh, '请留意叫号');
});

test('the ticket status page shows the predicted wait and refines it as the queue moves', async (t) => {
  const server = await startTestServer({ plugins: [pagesPlugin(), metricsPlugin()] });
  t.teardown(() => server.close());
  // Only the complaints window (9) serves this service: a queue of 20-minute visits.
  const tickets = [];
  for (let i = 0; i < 4; i++) tickets.push((await server.api.issue('complaints')).body);
  const mine = tickets.at(-1)!;
  t.true(mine.estimatedWaitMinutes >= 40, `estimate ${mine.estimatedWaitMinutes}`);

  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 400, height: 800 } })).newPage();
  await page.goto(`${server.url}/t/${mine.id}`);
  const headline = page.locator('[data-test="status-headline"]');
  await headline.filter({ hasText: `预计等候约 ${mine.estimatedWaitMinutes} 分钟` }).waitFor({ timeout: 15_000 });

  // A call alone moves a visitor from the queue to the window (whose expected remaining time then
  // counts): the estimate drops once the window moves on to the next visitor.
  await server.api.window('9', 'next');
  await server.api.window('9', 'start'); // the visitor came: next may finish them at once
  await server.api.window('9', 'next');
  const after = (await server.api.get(`/api/tickets/${mine.id}`)).body.estimatedWaitMinutes;
  t.true(after < mine.estimatedWaitMinutes, `${after} < ${mine.estimatedWaitMinutes}`);
  await headline.filter({ hasText: `预计等候约 ${after} 分钟` }).waitFor({ timeout: 10_000 });
  t.pass();
});

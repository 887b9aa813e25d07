// The rating key: ticket ids are public (the wall's live events, /api/state), so rating from the
// status page needs the key only the visitor's QR carries. Oracle: the key is read from the issue
// response's link and from the printed QR; public answers are searched as raw text for it.
import test from 'ava';
import { defaultPlugins } from '../../server/plugins.ts';
import { FakeEscPosPrinter } from '../helpers/fake-escpos-printer.ts';
import { LiveClient } from '../helpers/live-client.ts';
import { startTestServer } from '../helpers/server.ts';
import { ratingKeyOf } from './helpers.ts';

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const printer = await FakeEscPosPrinter.start();
  const server = await startTestServer({
    plugins: defaultPlugins(),
    env: { ONEWINDOW_PRINTER: printer.url, VOICE_ENGINE: 'none' } as Record<string, string>,
  });
  t.teardown(async () => {
    await server.close();
    await printer.close();
  });
  return { printer, server };
}

test('rating from the status page needs the key of that ticket’s QR: without it or with another ticket’s, 403 and nothing recorded', async (t) => {
  const { server } = await setup(t);
  const mine = await server.api.issue('business');
  const other = await server.api.issue('tax');
  await server.api.post('/api/windows/1/call', { ticketId: mine.body.id }, 'demo-clerk-1');
  await server.api.window('1', 'finish');
  const url = `/api/tickets/${mine.body.id}/rating`;

  for (const body of [{ level: 'very_dissatisfied' }, { level: 'very_dissatisfied', key: ratingKeyOf(other.body) }, { level: 'very_dissatisfied', key: 'x'.repeat(16) }]) {
    const res = await server.api.post(url, body);
    t.is(res.status, 403, JSON.stringify(body));
    t.is(res.body.error.code, 'rating_key_wrong');
    t.regex(res.body.error.message, /请扫描您号票上的二维码评价/);
  }
  t.like((await server.api.get(url)).body, { rateable: true, rated: false });
  t.is((await server.api.get('/api/ratings/report?groupBy=level', 'demo-admin')).body.total.ratings, 0);

  const rated = await server.api.post(url, { level: 'satisfied', key: ratingKeyOf(mine.body) });
  t.is(rated.status, 201, JSON.stringify(rated.body));
  t.like((await server.api.get(url)).body, { rated: true, level: 'satisfied' });
});

test('the key may come in the x-rating-key header', async (t) => {
  const { server } = await setup(t);
  const mine = await server.api.issue('business');
  await server.api.post('/api/windows/1/call', { ticketId: mine.body.id }, 'demo-clerk-1');
  await server.api.window('1', 'finish');
  const res = await fetch(`${server.url}/api/tickets/${mine.body.id}/rating`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rating-key': ratingKeyOf(mine.body) },
    body: JSON.stringify({ level: 'very_satisfied' }),
  });
  t.is(res.status, 201);
});

test('the key is in the printed QR, and nowhere public: not in GET /api/tickets/:id, /api/state, the live events, the plain ticket.html', async (t) => {
  const { printer, server } = await setup(t);
  const live = new LiveClient(server.url);
  t.teardown(() => live.close());
  await live.waitFor((r) => r.name === 'snapshot');
  const issued = await server.api.post('/api/tickets', { service: 'business', print: true }, 'demo-triage');
  t.is(issued.status, 201);
  const key = ratingKeyOf(issued.body);
  const [printed] = await printer.waitForTickets(1);
  t.is(printed!.qr.length, 1);
  t.is(new URL(printed!.qr[0]!).searchParams.get('k'), key);
  t.true(printed!.qr[0]!.endsWith(`/t/${issued.body.id}?k=${key}`));

  await server.api.post('/api/windows/1/call', { ticketId: issued.body.id }, 'demo-clerk-1');
  await server.api.window('1', 'finish');
  await live.waitFor((r) => r.name === 'ticket:finished');
  const publicAnswers = [
    JSON.stringify((await server.api.get(`/api/tickets/${issued.body.id}`)).body),
    JSON.stringify((await server.api.get('/api/state', 'demo-display')).body),
    JSON.stringify((await server.api.get(`/api/tickets/${issued.body.id}/rating`)).body),
    await (await fetch(`${server.url}/api/tickets/${issued.body.id}/ticket.html`)).text(),
    JSON.stringify(live.received),
  ];
  t.true(publicAnswers[4]!.includes(issued.body.id), 'the live events do name the ticket');
  for (const text of publicAnswers) t.false(text.includes(key));
  // The visitor who has the key sees it in the HTML ticket's QR.
  t.true((await (await fetch(`${server.url}/api/tickets/${issued.body.id}/ticket.html?k=${key}`)).text()).includes(`?k=${key}`));
});

// A kiosk tap whose answer is lost: the real server issues the ticket, but the page is told 503
// (as when Redis hung after the append). The page retries the same request with the same
// Idempotency-Key and shows the ticket that was issued; the log holds one ticket for the tap.
import test from 'ava';
import { join } from 'node:path';
import type { StoredEvent } from '../../server/domain/events.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { DEMO, launchChromium, openPage, startPagesServer } from './browser.ts';
import { streams } from '../../server/store/streams.ts';

test('a kiosk tap answered 503 after its ticket landed is retried with its key and shows that one ticket', async (t) => {
  const [browser, server] = await Promise.all([launchChromium(), startPagesServer()]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const kiosk = await openPage(browser, `${server.url}/kiosk`, { width: 1080, height: 1920, tokens: { 'default:kiosk': DEMO.kiosk } });
  const keys: string[] = [];
  await kiosk.page.route('**/api/tickets', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push((await route.request().headerValue('idempotency-key')) ?? '');
    if (keys.length > 1) return route.continue();
    await route.fetch(); // the server issues the ticket; its answer never reaches the page
    return route.fulfill({ status: 503, json: { error: { code: 'store_unavailable', message: 'the event store cannot be reached' } } });
  });

  await kiosk.page.locator('[data-test=service-tax]').click();
  const shown = await kiosk.page.locator('[data-test=kiosk-number]').textContent({ timeout: 10_000 });

  const store = new SqliteEventStore(join(server.dataDir, 'onewindow.sqlite'));
  const log: StoredEvent[] = await store.read(streams.hall('district'), 0).finally(() => store.close());
  const issued = log.filter((e) => e.type === 'ticket:issued').map((e) => (e.data as { ticket: { number: string } }).ticket.number);
  t.deepEqual(issued, [shown], 'one tap, one ticket, and it is the one on the screen');
  t.is(keys.length, 2, 'the page sent the tap again after the 503');
  t.truthy(keys[0]);
  t.is(keys[1], keys[0], 'with the same Idempotency-Key');
  t.deepEqual(kiosk.errors, []);
});

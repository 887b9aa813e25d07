// The clerk console's waiting list comes from GET /api/queue (the snapshot carries only counts and
// the next few per service): it shows the first 12 tickets window 3 may call in arrival order, says
// how many more wait, and stays right as calls elsewhere take tickets off and new ones come: a ticket
// that moves into the first 12 after a call appears without reloading the page.
import test from 'ava';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { DEMO, launchChromium, openPage, startPagesServer } from './browser.ts';

let browser: Browser;
let server: TestServer;

test.before(async () => {
  [browser, server] = await Promise.all([launchChromium(), startPagesServer()]);
});

test.after.always(async () => {
  await browser?.close();
  await server?.close();
});

const issue = async (service: string) => {
  const res = await server.api.post('/api/tickets', { service, lane: 'normal' }, DEMO.triage);
  if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; number: string };
};

/** The numbers in the console's waiting list, once it shows exactly `expected`. */
async function listShows(page: Page, expected: string[]): Promise<string[]> {
  const cells = page.locator('td.num');
  await page.waitForFunction(
    (want) => {
      const root = document.querySelector('ow-clerk')?.shadowRoot;
      const got = [...(root?.querySelectorAll('td.num') ?? [])].map((td) => td.textContent?.trim());
      return JSON.stringify(got) === JSON.stringify(want);
    },
    expected,
    { timeout: 10_000 },
  ).catch(() => undefined);
  return (await cells.allTextContents()).map((s) => s.trim());
}

test('window 3 lists its first 12 waiting tickets in arrival order, and the list follows calls made at other windows', async (t) => {
  // Window 3 takes social, medical and business; tax is not its service.
  const mine: string[] = [];
  for (let i = 0; i < 16; i++) {
    const service = ['social', 'business', 'tax', 'medical'][i % 4]!;
    const ticket = await issue(service);
    if (service !== 'tax') mine.push(ticket.number);
  }
  const clerk = await openPage(browser, `${server.url}/clerk/3`, { width: 1440, height: 900, tokens: { 'default:clerk-3': DEMO.clerk('3') } });
  t.deepEqual(await listShows(clerk.page, mine.slice(0, 12)), mine.slice(0, 12));
  await clerk.page.locator('[data-test=my-waiting]', { hasText: '12' }).waitFor({ timeout: 10_000 });
  t.false(await clerk.page.getByText('另有').isVisible(), '12 waiting: nothing more to say');

  // Window 6 (business, social, estate, tax, medical) calls two; window 4 (social, medical, tax) one.
  const calledNumbers: string[] = [];
  for (const w of ['6', '4']) {
    const res = await server.api.post(`/api/windows/${w}/next`, {}, DEMO.clerk(w));
    t.is(res.status, 200);
    calledNumbers.push(res.body.ticket.number);
  }
  const more = [await issue('business'), await issue('social')].map((x) => x.number);
  const left = [...mine, ...more].filter((n) => !calledNumbers.includes(n));
  t.deepEqual(await listShows(clerk.page, left.slice(0, 12)), left.slice(0, 12), `after calls of ${calledNumbers.join(', ')}`);
  await clerk.page.locator('[data-test=my-waiting]', { hasText: String(left.length) }).waitFor({ timeout: 10_000 });
  await clerk.page.getByText(`另有 ${left.length - 12} 人`).waitFor({ timeout: 10_000 });
  t.deepEqual(clerk.errors, []);
  await clerk.context.close();
});

// The pages against a real server: a call reaches the wall and the window display within a
// second, a kiosk ticket reaches the waiting counts, the status page follows its ticket, and the
// wall survives the server going away and coming back.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { ARTIFACTS, DEMO, launchChromium, openPage, startPagesServer } from './browser.ts';

let browser: Browser;
let server: TestServer;

test.before(async () => {
  [browser, server] = await Promise.all([launchChromium(), startPagesServer()]);
});

test.after.always(async () => {
  await browser?.close();
  await server?.close();
});

const issue = async (s: TestServer, service: string, lane = 'normal') => {
  const res = await s.api.post('/api/tickets', { service, lane }, DEMO.triage);
  if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; number: string };
};

test.serial('pressing next in the clerk console shows the number on the wall and on that window display', async (t) => {
  const ticket = await issue(server, 'social');
  const wall = await openPage(browser, `${server.url}/wall`, { width: 1920, height: 1080 });
  const led = await openPage(browser, `${server.url}/window/3?w=192&h=32`, { width: 192, height: 32 });
  // The clerk signs in once by typing the token (the form offers staff number and password first).
  const clerk = await openPage(browser, `${server.url}/clerk/3`, { width: 1440, height: 900 });
  await clerk.page.locator('[data-test=switch-sign-in]').click();
  await clerk.page.locator('[data-test=token]').fill(DEMO.clerk('3'));
  await clerk.page.locator('[data-test=sign-in]').click();
  await clerk.page.locator('button[data-action=next]').waitFor();
  // All three are live before the press.
  await wall.page.locator('[data-test=waiting-social]', { hasText: '1' }).waitFor({ timeout: 5000 });
  await led.page.locator('[data-test=led-text]', { hasText: '3号窗口' }).waitFor({ state: 'attached', timeout: 5000 });
  await clerk.page.locator('[data-test=my-waiting]', { hasText: '1' }).waitFor({ timeout: 5000 });
  // Window names come from the hall's information (the live state carries none).
  await wall.page.locator('[data-test=window-3]', { hasText: '3号综合窗口' }).waitFor({ timeout: 5000 });
  await clerk.page.locator('header', { hasText: '3号综合窗口' }).waitFor({ timeout: 5000 });

  // The call keypad sends "Enter"; the console treats it as "next".
  const pressed = Date.now();
  await clerk.page.keyboard.press('Enter');
  await Promise.all([
    wall.page.locator('[data-test=newest-number]', { hasText: ticket.number }).waitFor({ timeout: 10_000 }),
    wall.page.locator('[data-test=window-3]', { hasText: ticket.number }).waitFor({ timeout: 10_000 }),
    led.page.locator('[data-test=led-text]', { hasText: ticket.number }).waitFor({ state: 'attached', timeout: 10_000 }),
  ]);
  t.log(`shown ${Date.now() - pressed} ms after the key press`);
  await clerk.page.locator('[data-test=current-number]', { hasText: ticket.number }).waitFor({ timeout: 10_000 });
  // The newest call flashes for a few seconds.
  t.is(await wall.page.locator('.now').getAttribute('data-flashing'), 'true');
  // A reloaded console still shows the ticket's lane and wait (the snapshot's window has only its number).
  await clerk.page.reload();
  await clerk.page.locator('[data-test=current-number]', { hasText: ticket.number }).waitFor({ timeout: 5000 });
  await clerk.page.locator('.current .meta', { hasText: '普通 Normal' }).waitFor({ timeout: 5000 });
  await clerk.page.locator('.current .meta', { hasText: '等候 Waited' }).waitFor({ timeout: 5000 });

  // A refused action shows the API's reason: nothing is waiting now, and after finishing there is nothing to finish.
  await clerk.page.locator('button[data-action=finish]').click();
  await clerk.page.locator('[data-test=message]', { hasText: '办结' }).waitFor({ timeout: 10_000 });
  await clerk.page.locator('button[data-action=finish]').click();
  // In Chinese first (the error table's words for no_current_ticket), English after; no raw "Refused:".
  await clerk.page.locator('[data-test=message]', { hasText: '窗口当前没有办理中的号' }).waitFor({ timeout: 10_000 });
  const refused = (await clerk.page.locator('[data-test=message]').textContent()) ?? '';
  t.regex(refused.trim(), /^操作未执行：窗口当前没有办理中的号 · The window has no current ticket$/);

  // Transfer from the keyboard: T, then the digit of the target service (1 = business).
  const second = await issue(server, 'medical');
  await clerk.page.keyboard.press('n');
  await clerk.page.locator('[data-test=current-number]', { hasText: second.number }).waitFor({ timeout: 10_000 });
  await clerk.page.keyboard.press('t');
  await clerk.page.getByRole('dialog').waitFor({ timeout: 10_000 });
  await clerk.page.keyboard.press('1');
  await clerk.page.locator('[data-test=message]', { hasText: '已转办' }).waitFor({ timeout: 5000 });
  const transferred = (await server.api.get(`/api/tickets/${second.id}`)).body as { status: string };
  t.is(transferred.status, 'transferred');
  t.deepEqual([...wall.errors, ...led.errors, ...clerk.errors], []);
  await Promise.all([wall.context.close(), led.context.close(), clerk.context.close()]);
});

test.serial('a ticket taken at the kiosk appears in the wall and triage waiting counts', async (t) => {
  const wall = await openPage(browser, `${server.url}/wall`, { width: 1920, height: 1080 });
  const triage = await openPage(browser, `${server.url}/triage`, { width: 1440, height: 900, tokens: { 'default:triage': DEMO.triage } });
  const kiosk = await openPage(browser, `${server.url}/kiosk`, { width: 1080, height: 1920, tokens: { 'default:kiosk': DEMO.kiosk } });
  const before = (await server.api.get('/api/state')).body.waiting.tax ?? 0;
  await wall.page.locator('[data-test=waiting-tax]', { hasText: String(before) }).waitFor({ timeout: 5000 });
  await triage.page.locator('[data-test=waiting-tax]', { hasText: String(before) }).waitFor({ timeout: 5000 });

  await kiosk.page.locator('[data-test=service-tax]').click();
  const number = await kiosk.page.locator('[data-test=kiosk-number]').textContent({ timeout: 10_000 });
  t.regex(number ?? '', /^D\d{3}$/);
  await Promise.all([
    wall.page.locator('[data-test=waiting-tax]', { hasText: String(before + 1) }).waitFor({ timeout: 10_000 }),
    triage.page.locator('[data-test=waiting-tax]', { hasText: String(before + 1) }).waitFor({ timeout: 10_000 }),
  ]);
  // The kiosk's QR code points at the ticket's status page.
  const qr = await kiosk.page.locator('[data-test=qr]').getAttribute('data-value');
  t.regex(qr ?? '', /\/t\/[A-Za-z0-9_-]+\?k=[A-Za-z0-9_-]{16}$/, 'the QR carries the ticket and its rating key');
  await kiosk.page.locator('[data-test=qr] svg').waitFor({ timeout: 10_000 });

  // The triage desk issues from the keyboard alone: digit for the service, L for the lane, Enter.
  await triage.page.keyboard.press('4');
  await triage.page.keyboard.press('l');
  await triage.page.keyboard.press('Enter');
  const issued = await triage.page.locator('[data-test=issued-number]').textContent({ timeout: 10_000 });
  t.regex(issued ?? '', /^D\d{3}$/);
  t.regex((await triage.page.locator('[data-test=issued-ahead]').textContent()) ?? '', /^\d+$/);
  await wall.page.locator('[data-test=waiting-tax]', { hasText: String(before + 2) }).waitFor({ timeout: 10_000 });
  // Reprint: without a printer plug-in the API answers 404 and the desk says so plainly.
  await triage.page.keyboard.press('F4');
  await triage.page.locator('[data-test=message]', { hasText: 'Reprint is not available' }).waitFor({ timeout: 10_000 });
  t.deepEqual([...wall.errors, ...triage.errors, ...kiosk.errors], []);
  await Promise.all([wall.context.close(), triage.context.close(), kiosk.context.close()]);
});

test.serial('the ticket status page switches to "your turn, window N" when the ticket is called', async (t) => {
  const ticket = await issue(server, 'pickup');
  const phone = await openPage(browser, `${server.url}/t/${ticket.id}`, { width: 390, height: 844 });
  await phone.page.locator('[data-test=status-number]', { hasText: ticket.number }).waitFor({ timeout: 5000 });
  await phone.page.locator('[data-test=status-headline]', { hasText: /前面|下一位/ }).waitFor({ timeout: 5000 });
  await phone.page.locator('.live:not(.off)').waitFor({ timeout: 5000 });

  const res = await server.api.post('/api/windows/8/call', { ticketId: ticket.id }, DEMO.clerk('8'));
  t.is(res.status, 200);
  await phone.page.locator('[data-test=status-headline]', { hasText: '请到 8 号窗口' }).waitFor({ timeout: 10_000 });
  t.regex((await phone.page.locator('[data-test=status-headline]').textContent()) ?? '', /please go to window 8/);
  t.deepEqual(phone.errors, []);
  await phone.context.close();
});

test.serial('pages take their hall from the path or ?hall=, and an unknown hall is a 404', async (t) => {
  const ticket = await issue(server, 'medical');
  const byPath = await openPage(browser, `${server.url}/halls/district/window/4?w=192&h=32`, { width: 192, height: 32 });
  const byQuery = await openPage(browser, `${server.url}/wall?hall=district`, { width: 1920, height: 1080 });
  await byPath.page.locator('[data-test=led-text]', { hasText: '4号窗口' }).waitFor({ state: 'attached', timeout: 5000 });
  await byQuery.page.locator('[data-test=waiting-medical]').waitFor({ timeout: 5000 });
  const res = await server.api.post('/api/halls/district/windows/4/call', { ticketId: ticket.id }, DEMO.clerk('4'));
  t.is(res.status, 200);
  await Promise.all([
    byPath.page.locator('[data-test=led-text]', { hasText: ticket.number }).waitFor({ state: 'attached', timeout: 10_000 }),
    byQuery.page.locator('[data-test=newest-number]', { hasText: ticket.number }).waitFor({ timeout: 10_000 }),
  ]);
  t.is((await fetch(`${server.url}/halls/nowhere/wall`)).status, 404);
  t.is((await fetch(`${server.url}/window/99`)).status, 404);
  const index = await (await fetch(`${server.url}/`)).text();
  for (const href of ['/wall', '/triage', '/kiosk', '/clerk/1', '/window/9']) t.true(index.includes(`href="${href}`), href);
  await Promise.all([byPath.context.close(), byQuery.context.close()]);
});

test.serial('the wall shows an offline mark when the server stops and the right state when it is back', async (t) => {
  // Its own server and data directory, so stopping it leaves the other tests alone.
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-pages-'));
  const first = await startPagesServer({ dataDir });
  const port = first.port;
  const before = await issue(first, 'estate');
  const wall = await openPage(browser, `${first.url}/wall`, { width: 1920, height: 1080 });
  await wall.page.locator('[data-test=waiting-estate]', { hasText: '1' }).waitFor({ timeout: 5000 });
  t.is(await wall.page.locator('[data-test=offline]').count(), 0);

  await first.close();
  await wall.page.locator('[data-test=offline]').waitFor({ timeout: 10_000 });
  await wall.page.screenshot({ path: join(ARTIFACTS, 'wall-offline-1920x1080.png'), animations: 'disabled' });

  const second = await startPagesServer({ dataDir, port });
  try {
    // Changes right after the restart: the wall must show them whether it resumes or takes a snapshot.
    const called = await second.api.post('/api/windows/1/call', { ticketId: before.id }, DEMO.clerk('1'));
    t.is(called.status, 200);
    await issue(second, 'estate');
    await issue(second, 'estate');
    await wall.page.locator('[data-test=offline]').waitFor({ state: 'detached', timeout: 8000 });
    await wall.page.locator('[data-test=newest-number]', { hasText: before.number }).waitFor({ timeout: 10_000 });
    await wall.page.locator('[data-test=waiting-estate]', { hasText: '2' }).waitFor({ timeout: 10_000 });
    await wall.page.locator('[data-test=window-1]', { hasText: before.number }).waitFor({ timeout: 10_000 });
  } finally {
    await wall.context.close();
    await second.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  t.pass();
});

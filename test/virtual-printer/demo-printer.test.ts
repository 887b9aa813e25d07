// The demo shows what would print: `npm start` (the real server process) starts a virtual ESC/POS
// printer and points the kiosk, the triage desk and every window at it. A kiosk visitor is told to
// take the slip only when it went to a printer, the slip appears on /admin/printer (admin only) as
// it would look, and a window's one-time notice prints there too. With the virtual printer off, the
// kiosk tells the visitor to note the number instead.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeProcess, type NodeProcess } from '../../server/dev/process.ts';
import { launchChromium, openPage, DEMO } from '../browser/browser.ts';

async function demoNode(t: { teardown: (fn: () => unknown) => void }, env: Record<string, string> = {}): Promise<NodeProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-vprinter-'));
  const node = await startNodeProcess({ DATA_DIR: dir, VOICE_ENGINE: 'none', METRICS_PREWARM_DAYS: '0', ...env });
  t.teardown(async () => {
    await node.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });
  return node;
}

const slips = async (url: string, token?: string) => {
  const res = await fetch(`${url}/api/virtual-printer/slips`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as { slips?: { seq: number; lines: { text: string; height: number }[]; qr: string[] }[] } };
};

test('npm start prints kiosk tickets and one-time notices on the virtual printer, shown live on /admin/printer', async (t) => {
  const node = await demoNode(t);
  const browser = await launchChromium();
  t.teardown(() => browser.close());

  t.is((await slips(node.url)).status, 401, 'the slips are for the admin');
  t.is((await slips(node.url, DEMO.kiosk)).status, 403);

  const admin = await openPage(browser, `${node.url}/admin/printer`, { width: 1366, height: 768, tokens: { 'default:admin': 'demo-admin' } });
  await admin.page.locator('[data-test=no-slips]').waitFor({ timeout: 20_000 });

  const kiosk = await openPage(browser, `${node.url}/kiosk`, { width: 1080, height: 1920, tokens: { 'default:kiosk': DEMO.kiosk } });
  await kiosk.page.locator('[data-test=service-social]').click();
  const number = (await kiosk.page.locator('[data-test=kiosk-number]').textContent({ timeout: 15_000 }))!.trim();
  await kiosk.page.locator('[data-test=kiosk-take-slip]', { hasText: '请取走小票' }).waitFor();

  // The admin page shows the slip, without reloading, with the number in large print.
  const slip = admin.page.locator('[data-test=slip]', { hasText: number });
  await slip.waitFor({ timeout: 15_000 });
  const decoded = (await slips(node.url, 'demo-admin')).body.slips!;
  const printed = decoded.find((s) => s.lines.some((l) => l.text === number));
  t.truthy(printed, `the virtual printer decoded ticket ${number}`);
  t.true(printed!.lines.find((l) => l.text === number)!.height > 1, 'the number is printed large');
  t.true(printed!.qr.some((q) => q.includes('/t/')), 'the QR leads to the status page');
  t.true((await slip.textContent())!.includes('社保'));

  // A clerk's one-time notice goes to the window's (virtual) printer.
  await fetch(`${node.url}/api/windows/3/next`, { method: 'POST', headers: { authorization: 'Bearer demo-clerk-3' } });
  const notice = await fetch(`${node.url}/api/windows/3/notice`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-clerk-3', 'content-type': 'application/json' },
    body: JSON.stringify({ missing: ['社保卡'] }),
  });
  const body = (await notice.json()) as { print?: { queued: boolean; printer: string } };
  t.like(body.print, { queued: true, printer: 'virtual-window-3' });
  await admin.page.locator('[data-test=slip]', { hasText: '一次性告知单' }).waitFor({ timeout: 15_000 });
  t.deepEqual([...admin.errors, ...kiosk.errors], []);
});

test('without a printer the kiosk tells the visitor to note the number, not to take a slip', async (t) => {
  const node = await demoNode(t, { VIRTUAL_PRINTER: 'off' });
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  t.is((await slips(node.url, 'demo-admin')).status, 404, 'no virtual printer, no slips route');
  const kiosk = await openPage(browser, `${node.url}/kiosk`, { width: 1080, height: 1920, tokens: { 'default:kiosk': DEMO.kiosk } });
  await kiosk.page.locator('[data-test=service-social]').click();
  await kiosk.page.locator('[data-test=kiosk-number]').waitFor({ timeout: 15_000 });
  const text = await kiosk.page.locator('[data-test=kiosk-no-slip]').textContent({ timeout: 5000 });
  t.regex(text!, /请记下您的号码/);
  t.is(await kiosk.page.locator('[data-test=kiosk-take-slip]').count(), 0);
});

test('the slips route refuses a bad `after` with a clear error and lists only newer slips', async (t) => {
  const node = await demoNode(t);
  const admin = { authorization: 'Bearer demo-admin' };
  const bad = await fetch(`${node.url}/api/virtual-printer/slips?after=-1`, { headers: admin });
  t.is(bad.status, 400);
  t.is(((await bad.json()) as { error: { code: string } }).error.code, 'bad_after');
  for (let i = 0; i < 2; i++)
    await fetch(`${node.url}/api/tickets`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'tax', print: true }),
    });
  let all: { seq: number }[] = [];
  for (let i = 0; i < 100 && all.length < 2; i++) {
    all = (await slips(node.url, 'demo-admin')).body.slips!;
    await new Promise((r) => setTimeout(r, 100));
  }
  t.is(all.length, 2);
  const newer = (await (await fetch(`${node.url}/api/virtual-printer/slips?after=${all[0]!.seq}`, { headers: admin })).json()) as { slips: { seq: number }[] };
  t.deepEqual(newer.slips.map((s) => s.seq), [all[1]!.seq]);
  const openapi = (await (await fetch(`${node.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
  t.truthy(openapi.paths['/api/virtual-printer/slips']);
});

// The devices wired into a real server: printing on issue and reprint through the HTTP API to a fake
// printer on loopback, printer status for the console and /api/health, the HTML ticket, the
// announcement in live call events with its audio, and the voice agent following those events.
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kbPlugin } from '../../server/kb/plugin.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { ticketPrinterPlugin } from '../../ticket-printer/plugin.ts';
import { startVoiceAgent } from '../../voice/agent.ts';
import { voicePlugin } from '../../voice/plugin.ts';
import type { SoundDevice } from '../../voice/sound-device.ts';
import { FakeEscPosPrinter, ticketText } from '../helpers/fake-escpos-printer.ts';
import { LiveClient } from '../helpers/live-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const run = promisify(execFile);

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const printer = await FakeEscPosPrinter.start();
  const server = await startTestServer({
    plugins: [kbPlugin(), metricsPlugin(), ticketPrinterPlugin({ retryMinMs: 50, retryMaxMs: 200, probeEveryMs: 0 }), voicePlugin()],
    env: { ONEWINDOW_PRINTER: printer.url, VOICE_ENGINE: 'espeak' } as Record<string, string>,
  });
  t.teardown(async () => {
    await server.close();
    await printer.close();
  });
  return { printer, server };
}

const issue = (server: TestServer, body: Record<string, unknown>, token = 'demo-triage') => server.api.post('/api/tickets', body, token);

test('POST /api/tickets with print: true prints at the triage desk; reprint prints it again', async (t) => {
  const { printer, server } = await setup(t);
  for (let i = 0; i < 5; i++) await issue(server, { service: 'business', lane: 'elderly' });
  const res = await issue(server, { service: 'business', lane: 'elderly', print: true });
  t.is(res.status, 201);
  t.like(res.body.print, { queued: true, printer: 'triage-desk' });
  const [printed] = await printer.waitForTickets(1);
  t.truthy(printed!.lines.find((l) => l.text === res.body.number && l.width === 2));
  t.regex(ticketText(printed!), /企业开办/);
  t.regex(ticketText(printed!), /敬老/);
  t.deepEqual(printed!.qr, [res.body.statusUrl]);
  t.is(printed!.cut, 'full');
  // The materials come from the knowledge base (config/kb/business.yaml), not the hall file's short list.
  t.regex(ticketText(printed!), /公司登记（备案）申请书/);
  // The printed wait is the same estimate the API and the status page give.
  const m = res.body.estimatedWaitMinutes;
  t.is(typeof m, 'number');
  t.regex(ticketText(printed!), m > 0 ? new RegExp(`预计等候约 ${m} 分钟`) : /即将叫号/);

  // Without print: nothing printed.
  await issue(server, { service: 'business' });
  const re = await server.api.post(`/api/tickets/${res.body.id}/print`, undefined, 'demo-triage');
  t.is(re.status, 202);
  const both = await printer.waitForTickets(2);
  t.is(both.length, 2);
  t.regex(ticketText(both[1]!), /补打/);
  t.deepEqual(both[1]!.qr, [res.body.statusUrl]);

  t.is((await server.api.post(`/api/tickets/${res.body.id}/print`, undefined)).status, 401);
  t.is((await server.api.post('/api/tickets/nope/print', undefined, 'demo-triage')).status, 404);
  t.is((await server.api.post(`/api/tickets/${res.body.id}/print`, { printer: 'ghost' }, 'demo-triage')).status, 404);
});

test('a kiosk without a printer still gets its ticket; the response says it was not printed', async (t) => {
  const { printer, server } = await setup(t);
  const res = await issue(server, { service: 'social', print: true }, 'demo-kiosk');
  t.is(res.status, 201);
  t.like(res.body.print, { queued: false, reason: 'no_printer' });
  t.is(printer.tickets.length, 0);
});

test('tickets issued while the desk printer is down are issued at once and print in order when it is back', async (t) => {
  const { printer, server } = await setup(t);
  await printer.goDown();
  const numbers: string[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await issue(server, { service: 'tax', print: true });
    t.is(res.status, 201);
    numbers.push(res.body.number);
  }
  const waitFor = async (cond: (s: any) => boolean) => {
    for (let i = 0; i < 250; i++) {
      const s = (await server.api.get('/api/printers', 'demo-triage')).body.printers[0];
      if (cond(s)) return s;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('printer status never matched');
  };
  const down = await waitFor((s) => s.state === 'offline' && s.lastError !== 'not contacted yet');
  t.is(down.jobsWaiting, 4);
  const health = await server.api.get('/api/health', 'demo-admin');
  t.like(health.body.printers[0], { id: 'triage-desk', state: 'offline', jobsWaiting: 4 });

  await printer.comeBack();
  const printed = await printer.waitForTickets(4);
  t.deepEqual(
    printed.map((p) => p.lines.find((l) => l.width === 2)!.text),
    numbers,
  );
  const up = await waitFor((s) => s.jobsWaiting === 0);
  t.is(up.state, 'online');
  t.is((await server.api.get('/api/printers')).status, 401);
});

test('GET /api/tickets/:id/ticket.html shows the ticket', async (t) => {
  const { server } = await setup(t);
  const res = await issue(server, { service: 'estate', lane: 'green' });
  const page = await fetch(`${server.url}/api/tickets/${res.body.id}/ticket.html`);
  t.is(page.status, 200);
  t.regex(page.headers.get('content-type') ?? '', /text\/html/);
  const html = await page.text();
  t.true(html.includes(`>${res.body.number}</p>`));
  t.regex(html, /不动产登记/);
  t.regex(html, /绿色通道/);
  // Without the rating key (anyone with the id) the QR is the plain status link; with it, the visitor's own.
  const plain = res.body.statusUrl.split('?')[0];
  t.true(html.includes(`data-payload="${plain}"`));
  t.false(html.includes('?k='));
  const keyed = await (await fetch(`${server.url}/api/tickets/${res.body.id}/ticket.html?${res.body.statusUrl.split('?')[1]}`)).text();
  t.true(keyed.includes(`data-payload="${res.body.statusUrl}"`));
  t.is((await fetch(`${server.url}/api/tickets/nope/ticket.html`)).status, 404);
});

test('ticket:called and ticket:recalled carry the announcement, and its audio is served as WAV', async (t) => {
  const { server } = await setup(t);
  const live = new LiveClient(server.url);
  t.teardown(() => live.close());
  const res = await issue(server, { service: 'social' });
  await server.api.window('3', 'next');
  const called = await live.waitFor((r) => r.name === 'ticket:called');
  const a = called.payload.announcement;
  t.is(a.repeat, 2);
  t.is(a.phrases[0].lang, 'zh');
  t.is(a.phrases[0].text, `请 ${res.body.number} 号 到 3 号窗口 办理`);
  t.is(a.phrases[1].text, `Number ${res.body.number.split('').join(' ')}, please go to window 3`);

  const wav = await fetch(server.url + a.phrases[0].audioUrl);
  t.is(wav.status, 200);
  t.is(wav.headers.get('content-type'), 'audio/wav');
  const dir = await mkdtemp(join(tmpdir(), 'onewindow-wav-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'a.wav');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, Buffer.from(await wav.arrayBuffer()));
  const { stderr } = await run('sox', [file, '-n', 'stat']);
  t.true(Number(/Length \(seconds\):\s+([\d.]+)/.exec(stderr)![1]) > 1);

  await server.api.window('3', 'recall');
  const recalled = await live.waitFor((r) => r.name === 'ticket:recalled');
  // A recall is worded as halls say it, not as the first call.
  t.is(recalled.payload.announcement.phrases[0].text, `请 ${res.body.number} 号 再次到 3 号窗口 办理`);
  t.is((await fetch(`${server.url}/api/voice/${'0'.repeat(20)}.wav`)).status, 404);
  t.is((await fetch(`${server.url}/api/voice/..%2F..%2Fetc%2Fpasswd`)).status, 404);
});

test('the voice agent follows the live calls and plays chime, Chinese, English, repeated, on its sound device', async (t) => {
  const { server } = await setup(t);
  const cacheDir = await mkdtemp(join(tmpdir(), 'onewindow-agent-'));
  const played: string[] = [];
  const device: SoundDevice = {
    name: 'recording',
    play: async (file) => {
      played.push(file);
      const { stderr } = await run('sox', [file, '-n', 'stat']);
      if (!(Number(/Length \(seconds\):\s+([\d.]+)/.exec(stderr)![1]) > 0.5)) throw new Error(`${file} is too short`);
    },
  };
  const agent = await startVoiceAgent({ server: server.url, cacheDir, device, engine: null, gapMs: 0, log: () => {} });
  t.teardown(async () => {
    await agent.close();
    await rm(cacheDir, { recursive: true, force: true });
  });
  await new Promise<void>((r) => (agent.socket.connected ? r() : agent.socket.once('connect', () => r())));
  await issue(server, { service: 'social' });
  await server.api.window('4', 'next');
  for (let i = 0; i < 500 && played.length < 5; i++) await new Promise((r) => setTimeout(r, 20));
  // chime, then zh + en, twice (repeat: 2)
  t.is(played.length, 5);
  t.regex(played[0]!, /chime\.wav$/);
  t.is(played[1], played[3]);
  t.is(played[2], played[4]);
  t.not(played[1], played[2]);
});

// The wall display's sound switch: off, a call plays nothing; on, each fresh call's announcement
// audio is fetched from the server and played, in order.
import test from 'ava';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { voicePlugin } from '../../voice/plugin.ts';
import { startTestServer } from '../helpers/server.ts';
import { DEMO, launchChromium, openPage } from './browser.ts';

test('with the sound switch on, the wall plays each call’s announcement from the server', async (t) => {
  const [browser, server] = await Promise.all([
    launchChromium(),
    startTestServer({ plugins: [pagesPlugin(), voicePlugin()], env: { VOICE_ENGINE: 'espeak' } as Record<string, string> }),
  ]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
  });
  const wall = await openPage(browser, `${server.url}/wall`, { width: 1920, height: 1080 });
  const voiceRequests: string[] = [];
  wall.page.on('request', (r) => {
    if (r.url().includes('/api/voice/')) voiceRequests.push(r.url());
  });
  const sound = wall.page.locator('[data-test=sound-switch]');
  await sound.waitFor();
  t.regex((await sound.textContent()) ?? '', /声音关/);

  const issue = async () => (await server.api.post('/api/tickets', { service: 'social' }, DEMO.triage)).body as { number: string };
  const first = await issue();
  await server.api.window('3', 'next');
  await wall.page.locator('[data-test=newest-number]', { hasText: first.number }).waitFor({ timeout: 5000 });
  t.deepEqual(voiceRequests, [], 'sound off: nothing is played');

  await sound.click();
  t.regex((await sound.textContent()) ?? '', /声音开/);
  const second = await issue();
  const played = wall.page.waitForRequest((r) => /\/api\/voice\/[0-9a-f]{20}\.wav$/.test(r.url()), { timeout: 10_000 });
  await server.api.window('4', 'next');
  const request = await played;
  const audio = await fetch(request.url());
  t.is(audio.status, 200);
  t.true((await audio.arrayBuffer()).byteLength > 10_000, 'a real WAV, not an empty file');
  await wall.page.locator('[data-test=sound-switch]', { hasText: second.number }).waitFor({ timeout: 5000 });
  t.deepEqual(wall.errors, []);
});

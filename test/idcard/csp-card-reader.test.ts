// The pages may open the card reader's bridge only when the server is told its port: then, and only
// then, connect-src names ws://127.0.0.1:<port>; a port that is not one stops the start.
import test from 'ava';
import { pagesPlugin } from '../../displays/server-plugin.ts';
import { startTestServer } from '../helpers/server.ts';

const connectSrc = (csp: string | null) => (csp ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src')) ?? '';

test('CARD_READER_PORT adds the bridge to connect-src; without it the bridge is not allowed', async (t) => {
  const withReader = await startTestServer({ plugins: [pagesPlugin()], env: { CARD_READER_PORT: '47810' } });
  const without = await startTestServer({ plugins: [pagesPlugin()] });
  t.teardown(async () => {
    await withReader.close();
    await without.close();
  });
  t.true(connectSrc((await fetch(`${withReader.url}/kiosk`)).headers.get('content-security-policy')).split(' ').includes('ws://127.0.0.1:47810'));
  t.false(connectSrc((await fetch(`${without.url}/kiosk`)).headers.get('content-security-policy')).split(' ').includes('ws://127.0.0.1:47810'));
});

test('a CARD_READER_PORT that is not a port stops the start with its name', async (t) => {
  for (const bad of ['abc', '0', '70000', '47810;script-src *'])
    await t.throwsAsync(startTestServer({ plugins: [pagesPlugin()], env: { CARD_READER_PORT: bad } }), { message: /CARD_READER_PORT/ }, bad);
});

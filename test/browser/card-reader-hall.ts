// A hall with an ID-card reader for browser tests: the fake reader's bridge on a real WebSocket,
// Chromium, and a server whose CSP lets the pages reach that bridge; all closed at the test's end.
import type { ExecutionContext } from 'ava';
import { startFakeCardReader } from '../../displays/card-reader/fake-reader.ts';
import type { IdCard } from '../../displays/card-reader/protocol.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchChromium } from './browser.ts';

type ServerOptions = NonNullable<Parameters<typeof startTestServer>[0]>;

export async function startCardReaderHall(t: ExecutionContext, cards: IdCard[], options: ServerOptions) {
  const reader = await startFakeCardReader(cards);
  const [browser, server]: [Awaited<ReturnType<typeof launchChromium>>, TestServer] = await Promise.all([
    launchChromium(),
    startTestServer({ ...options, env: { ...options.env, CARD_READER_PORT: String(reader.port) } }),
  ]);
  t.teardown(async () => {
    await browser.close();
    await server.close();
    await reader.close();
  });
  return { reader, browser, server };
}

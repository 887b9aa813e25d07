// The fake card reader speaks the bridge protocol over a real WebSocket: status on connect, a card
// when placed (by a call or by POST /place), removed when taken off, and a page that connects while a
// card lies on the reader gets that card. And the page-side parser takes only well-formed messages.
import test from 'ava';
import { WebSocket } from 'ws';
import { startFakeCardReader } from '../../displays/card-reader/fake-reader.ts';
import { parseReaderMessage, type IdCard } from '../../displays/card-reader/protocol.ts';

const CARD: IdCard = { name: '赵敏', sex: '女', birthDate: '1985-04-02', idNumber: '110101198504020025', address: '北京市', authority: '北京市公安局', validFrom: '2015-01-01', validTo: '2035-01-01' };

/** A client that collects what the reader sends. */
async function listen(url: string) {
  const ws = new WebSocket(url);
  const got: unknown[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    got.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const until = async (n: number) => {
    while (got.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    return got.slice(0, n);
  };
  return { ws, got, until };
}

test('status, card and removed over a real socket; POST /place and /remove drive it too', async (t) => {
  const reader = await startFakeCardReader([CARD, { ...CARD, name: '钱多多' }]);
  t.teardown(() => reader.close());
  const a = await listen(reader.url);
  t.deepEqual(await a.until(1), [{ type: 'status', reader: 'ready' }]);
  reader.place(0);
  t.deepEqual((await a.until(2))[1], { type: 'card', ...CARD });

  const late = await listen(reader.url);
  t.deepEqual(await late.until(2), [{ type: 'status', reader: 'ready' }, { type: 'card', ...CARD }], 'a page connecting later gets the card lying there');

  const http = `http://127.0.0.1:${reader.port}`;
  t.is((await fetch(`${http}/remove`, { method: 'POST' })).status, 204);
  t.deepEqual((await a.until(3))[2], { type: 'removed' });
  t.is((await fetch(`${http}/place?card=1`, { method: 'POST' })).status, 204);
  t.like((await a.until(4))[3], { type: 'card', name: '钱多多' });
  t.is((await fetch(`${http}/place?card=7`, { method: 'POST' })).status, 404);
  a.ws.close();
  late.ws.close();
});

test('the page-side parser: well-formed messages only', (t) => {
  t.deepEqual(parseReaderMessage('{"type":"removed"}'), { type: 'removed' });
  t.deepEqual(parseReaderMessage('{"type":"status","reader":"no-reader"}'), { type: 'status', reader: 'no-reader' });
  t.like(parseReaderMessage(JSON.stringify({ type: 'card', ...CARD })), { type: 'card', idNumber: CARD.idNumber });
  for (const bad of ['', 'not json', 'null', '[]', '{"type":"status","reader":"maybe"}', JSON.stringify({ type: 'card', ...CARD, idNumber: 12 }), '{"type":"card","name":"x"}'])
    t.is(parseReaderMessage(bad), undefined, bad);
});

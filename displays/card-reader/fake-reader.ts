// A fake card reader bridge: the reader's side of the protocol (protocol.ts) on a real WebSocket,
// playing cards from a list. A card is "placed" and "removed" by calls (tests), by stdin commands or
// by POST /place?card=<n> and POST /remove on the same port (demos, other processes).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { IdCard, ReaderMessage } from './protocol.ts';

export interface FakeCardReader {
  url: string;
  port: number;
  /** Put card `index` of the list on the reader: every connected page gets it. */
  place(index: number): void;
  remove(): void;
  close(): Promise<void>;
}

export async function startFakeCardReader(cards: IdCard[], options: { port?: number; host?: string } = {}): Promise<FakeCardReader> {
  let onReader: IdCard | undefined;
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://reader');
    if (req.method === 'POST' && url.pathname === '/place') {
      const i = Number(url.searchParams.get('card') ?? 0);
      if (!Number.isInteger(i) || !cards[i]) return void res.writeHead(404).end('no such card\n');
      reader.place(i);
      return void res.writeHead(204).end();
    }
    if (req.method === 'POST' && url.pathname === '/remove') {
      reader.remove();
      return void res.writeHead(204).end();
    }
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: http });
  const send = (ws: WebSocket, m: ReaderMessage) => ws.send(JSON.stringify(m));
  const broadcast = (m: ReaderMessage) => wss.clients.forEach((ws) => send(ws, m));
  wss.on('connection', (ws) => {
    send(ws, { type: 'status', reader: 'ready' });
    if (onReader) send(ws, { type: 'card', ...onReader });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const reader: FakeCardReader = {
    url: `ws://127.0.0.1:${port}`,
    port,
    place(index) {
      onReader = cards[index];
      if (!onReader) throw new Error(`no card ${index}: the file has ${cards.length}`);
      broadcast({ type: 'card', ...onReader });
    },
    remove() {
      onReader = undefined;
      broadcast({ type: 'removed' });
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return reader;
}

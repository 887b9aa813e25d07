// The app's fixed headers (request id, security headers) are written as one block on a
// PresetHeadersResponse and one by one on a plain ServerResponse: a client sees the same headers
// either way, next to those set with setHeader, and a header setHeader would refuse is refused.
// Real http servers on free ports, raw header lines read off the wire by Node's client.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { headerLine, PresetHeadersResponse, presetHeaders } from '../../server/http/preset-headers.ts';

const LINES = headerLine('X-Request-Id', 'desk-7') + headerLine('X-Frame-Options', 'DENY') + headerLine('Content-Security-Policy', "default-src 'self'");

function handler(_req: IncomingMessage, res: ServerResponse) {
  presetHeaders(res, LINES);
  res.setHeader('Content-Type', 'application/json');
  res.end('{"ok":true}');
}

/** The raw header pairs (name as sent) and body of one GET to a server built with `options`. */
async function fetchRaw(options: { ServerResponse?: typeof ServerResponse }): Promise<{ headers: string[][]; body: string }> {
  const server = createServer(options as object, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      request({ port, host: '127.0.0.1', path: '/' }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c) => (body += c));
        res.on('end', () => {
          const pairs: string[][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({ headers: pairs.filter(([n]) => n !== 'Date'), body });
        });
      })
        .on('error', reject)
        .end();
    });
  } finally {
    server.close();
  }
}

test('the block and setHeader one by one give a client the same headers, the block first', async (t) => {
  const block = await fetchRaw({ ServerResponse: PresetHeadersResponse as unknown as typeof ServerResponse });
  const oneByOne = await fetchRaw({});
  const expected = [
    ['X-Request-Id', 'desk-7'],
    ['X-Frame-Options', 'DENY'],
    ['Content-Security-Policy', "default-src 'self'"],
    ['Content-Type', 'application/json'],
  ];
  t.deepEqual(block.headers.slice(0, 4), expected);
  t.deepEqual(oneByOne.headers.slice(0, 4), expected);
  t.deepEqual(block.headers, oneByOne.headers);
  t.is(block.body, '{"ok":true}');
});

test('a header line setHeader would refuse is refused when the block is made', (t) => {
  t.throws(() => headerLine('X-Request-Id', 'a\r\nSet-Cookie: x=1'), { code: 'ERR_INVALID_CHAR' });
  t.throws(() => headerLine('Bad Name', 'x'), { code: 'ERR_INVALID_HTTP_TOKEN' });
});

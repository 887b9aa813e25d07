// Request bodies as a slow or hostile client sends them: in pieces with pauses (chunked, no
// Content-Length), over the 16 KB limit without saying so, or cut off half-way. A real server and
// raw node:http clients; what is checked is what the client gets and that the server goes on.
import { request } from 'node:http';
import test from 'ava';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
test.before(async () => {
  server = await startTestServer();
});
test.after.always(() => server?.close());

/** POSTs the pieces one by one (chunked), pausing between them; resolves with the answer or the socket's error. */
function postInPieces(path: string, pieces: string[], opts: { abortAfter?: number } = {}): Promise<{ status: number; body: any } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-triage' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', (err) => resolve({ error: err.message }));
    void (async () => {
      for (const [i, piece] of pieces.entries()) {
        if (opts.abortAfter === i) return void req.destroy();
        if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
        await new Promise((r) => setTimeout(r, 5));
      }
      req.end();
    })();
  });
}

test.serial('a JSON body sent in pieces with pauses is read whole', async (t) => {
  const json = JSON.stringify({ service: 'business', lane: 'elderly' });
  const pieces = [json.slice(0, 3), json.slice(3, 10), json.slice(10, 11), json.slice(11)];
  const res = await postInPieces('/api/tickets', pieces);
  t.true('status' in res && res.status === 201, JSON.stringify(res));
  t.like((res as { body: any }).body, { service: 'business', lane: 'elderly' });
});

test.serial('a chunked body over the limit is refused, never issued, and the server goes on', async (t) => {
  const waitingBefore = (await server.api.get('/api/state')).body.counts;
  const big = ['{"service":"business","pad":"', ...Array.from({ length: 20 }, () => 'x'.repeat(1024)), '"}'];
  const res = await postInPieces('/api/tickets', big);
  t.false('status' in res && res.status < 300, `an oversized body must not be accepted: ${JSON.stringify(res)}`);
  if ('status' in res) t.is(res.body.error.code, 'body_too_large');
  t.deepEqual((await server.api.get('/api/state')).body.counts, waitingBefore, 'nothing was issued');
  const after = await server.api.request('POST', '/api/tickets', { token: 'demo-triage', body: { service: 'business' } });
  t.is(after.status, 201);
});

test.serial('a body cut off half-way issues nothing, and the server goes on', async (t) => {
  const countsBefore = (await server.api.get('/api/state')).body.counts;
  const res = await postInPieces('/api/tickets', ['{"service":', '"business"', '}'], { abortAfter: 2 });
  t.true('error' in res, JSON.stringify(res));
  await new Promise((r) => setTimeout(r, 50));
  t.deepEqual((await server.api.get('/api/state')).body.counts, countsBefore, 'nothing was issued');
  t.is((await server.api.request('POST', '/api/tickets', { token: 'demo-triage', body: { service: 'business' } })).status, 201);
});

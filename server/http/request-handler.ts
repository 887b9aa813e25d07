// The function Node's http server calls for every request: Koa's app.callback() without what it
// adds per request that this app does not use.
//
// Koa's handleRequest made two closures, three promises and an on-finished watch for every request:
// on-finished puts listeners on the response and its socket (~2.3 KB of closures, listener arrays
// and queues a request, and their removal), only to report a socket error that happens while an
// answer is pending to app.on('error'), which logs it. Here that report comes from one listener per
// connection (watchSocketErrors, server.ts). The answer is written as Koa's respond() writes it, with
// a JSON body turned into bytes once: Koa sent the JSON text, which Node joined to the head and
// copied again to write it, as big again as the answer on the heap.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Stream } from 'node:stream';
import type Koa from 'koa';
import type { Context, Middleware } from 'koa';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Node's request listener for `app`: Koa's app.callback() but for the per-request watch (see above). */
export function requestHandler(app: Koa): Handler {
  // Koa's asynchronous local storage of the context, when an app turns it on, is Koa's own.
  if ((app as { ctxStorage?: unknown }).ctxStorage) return app.callback() as unknown as Handler;
  const run = (app as unknown as { compose(m: Middleware[]): (ctx: Context) => Promise<unknown> }).compose(app.middleware);
  if (!app.listenerCount('error')) app.on('error', app.onerror);
  return (req, res) => handle(run, app.createContext(req, res) as Context);
}

async function handle(run: (ctx: Context) => Promise<unknown>, ctx: Context): Promise<void> {
  ctx.res.statusCode = 404;
  try {
    await run(ctx);
    respond(ctx);
  } catch (err) {
    ctx.onerror(err as Error);
  }
}

/**
 * What app.on('error') hears of a connection: an error of its socket (a client hanging up while its
 * answer is written). Koa's per-request watch reported these; one listener per connection does now.
 */
export function watchSocketErrors(server: { on(event: 'connection', listener: (socket: Socket) => void): unknown }, app: Koa): void {
  const report = (err: Error) => void app.emit('error', err);
  server.on('connection', (socket) => socket.on('error', report));
}

/** Statuses whose answer has no body (Koa's statuses.empty). */
const EMPTY_STATUS = new Set([204, 205, 304]);

/** Koa's respond(): the answer for ctx.body and ctx.status (koa/lib/application.js), a JSON body sent as bytes. */
export function respond(ctx: Context): void {
  if (ctx.respond === false) return;
  const res = ctx.res;
  if (!ctx.writable) return void res.end();
  const body: unknown = ctx.body;
  if (EMPTY_STATUS.has(ctx.status)) {
    // The body is dropped with its headers.
    ctx.body = null;
    return void res.end();
  }
  if (ctx.method === 'HEAD') return headAnswer(ctx);
  if (body === null || body === undefined) return statusAnswer(ctx);
  if (typeof body === 'string' || Buffer.isBuffer(body)) return void res.end(body);
  const stream = streamOf(body);
  if (stream) {
    Stream.pipeline(stream, res, (err) => {
      if (err && ctx.app.listenerCount('error')) ctx.onerror(err);
    });
    return;
  }
  // The JSON as bytes (small ones in Buffer's shared pool, off the heap), written after the head.
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  // Koa's `ctx.length = n`, without its two delegations and three calls.
  if (!res.headersSent && !res.hasHeader('Transfer-Encoding')) res.setHeader('Content-Length', json.length);
  res.end(json);
}

function headAnswer(ctx: Context): void {
  if (!ctx.res.headersSent && !ctx.res.hasHeader('Content-Length')) {
    const { length } = ctx.response;
    if (Number.isInteger(length)) ctx.length = length;
  }
  ctx.res.end();
}

/** An answer without a body: empty when the body was set to null, else the status message as text. */
function statusAnswer(ctx: Context): void {
  const res = ctx.res;
  if ((ctx.response as { _explicitNullBody?: boolean })._explicitNullBody) {
    ctx.response.remove('Content-Type');
    ctx.response.remove('Transfer-Encoding');
    ctx.length = 0;
    return void res.end();
  }
  const text = ctx.req.httpVersionMajor >= 2 ? String(ctx.status) : ctx.message || String(ctx.status);
  if (!res.headersSent) {
    ctx.type = 'text';
    ctx.length = Buffer.byteLength(text);
  }
  res.end(text);
}

/** The body as a stream when it is one, or a Blob, a web ReadableStream or a fetch Response. */
function streamOf(body: unknown): NodeJS.ReadableStream | undefined {
  if (body instanceof Blob) return Stream.Readable.from(body.stream() as unknown as AsyncIterable<unknown>);
  if (body instanceof ReadableStream) return Stream.Readable.from(body as unknown as AsyncIterable<unknown>);
  if (body instanceof Response) return Stream.Readable.from((body.body ?? '') as unknown as AsyncIterable<unknown>);
  if (isStream(body)) return body;
  return undefined;
}

/** Koa's test for a stream body (koa/lib/is-stream.js). */
function isStream(body: unknown): body is NodeJS.ReadableStream {
  if (body instanceof Stream) return true;
  const s = body as Record<string, unknown> | null;
  return (
    s !== null &&
    typeof s === 'object' &&
    !!s.readable &&
    typeof s.pipe === 'function' &&
    typeof s.read === 'function' &&
    typeof s.readable === 'boolean' &&
    typeof s.readableObjectMode === 'boolean' &&
    typeof s.destroy === 'function' &&
    typeof s.destroyed === 'boolean'
  );
}

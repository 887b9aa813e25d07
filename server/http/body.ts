// Reads a JSON request body with a size limit. Bad JSON is a 400, too big a 413, a body the client
// hung up in the middle of a 400 (`body_aborted`): never a 500.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import { ApiError, badRequest } from './errors.ts';

export const BODY_LIMIT_BYTES = 16 * 1024;

export async function readJson(ctx: Context, limit = BODY_LIMIT_BYTES): Promise<unknown> {
  const req = ctx.req;
  if (hasNoBody(req)) return {};
  if (Number(req.headers['content-length']) > limit) throw tooLarge(limit);
  const body = await bytesOf(req, limit);
  if (body.length === 0) return {};
  if (!isJsonType(req.headers['content-type']) && !ctx.is('application/json', 'application/*+json')) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw badRequest('malformed_json', `the body is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * No Content-Length and no Transfer-Encoding, or a length of 0: HTTP says there is no body, and
 * Node's parser reads none (a clerk's next or finish). A route that checks this first skips
 * readJson's promise and its await on the commonest key presses.
 */
export function hasNoBody(req: IncomingMessage): boolean {
  const declared = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (declared === undefined || Number(declared) === 0);
}

/** The Content-Types clients send all but always, recognised without parsing (ctx.is decides the rest). */
function isJsonType(type: string | undefined): boolean {
  return type === 'application/json' || type === 'application/json; charset=utf-8' || type === 'application/json;charset=utf-8';
}

/** A body being read: what came so far and how its promise settles. */
interface Reading {
  chunks: Buffer[];
  size: number;
  limit: number;
  resolve(body: Buffer): void;
  reject(err: Error): void;
}

const READING = Symbol('onewindow.bodyReading');
type ReadRequest = IncomingMessage & { [READING]?: Reading };

/**
 * The request's body, read through the stream's events rather than `for await` (its async iterator
 * was a tenth of the HTTP part of issuing a ticket). The listeners are the same three functions for
 * every request, finding the request's reading on it: no closures made per request. Past the limit
 * the request is destroyed; a client that hangs up before the body ends gets `body_aborted`.
 */
function bytesOf(req: ReadRequest, limit: number): Promise<Buffer> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  // Closed before we came to read (its 'close' already emitted): waiting for events would never end.
  if (req.destroyed) return Promise.reject(aborted());
  // The listeners below are shared and stay on: a second reader at once would get every chunk twice.
  if (req[READING]) return Promise.reject(new Error('the request body is already being read'));
  return new Promise((resolve, reject) => {
    req[READING] = { chunks: [], size: 0, limit, resolve, reject };
    // No 'error' listener: an aborted request then emits only 'close' (Node emits the abort's error
    // only to listeners), which onClose answers.
    req.on('data', onData).on('end', onEnd).on('close', onClose);
  });
}

function onData(this: ReadRequest, chunk: Buffer): void {
  const reading = this[READING];
  if (!reading) return;
  reading.size += chunk.length;
  if (reading.size <= reading.limit) return void reading.chunks.push(chunk);
  settle(this, tooLarge(reading.limit));
  this.destroy();
}

function onEnd(this: ReadRequest): void {
  settle(this, undefined);
}

function onClose(this: ReadRequest): void {
  // Every request closes once answered, long after its body was read: make no error for those.
  if (this[READING]) settle(this, aborted());
}

/**
 * Settles the reading once. The listeners stay on the request (taking them off was a fifth of
 * reading a small body): they do nothing once it is settled, and the request is not reused.
 */
function settle(req: ReadRequest, err: Error | undefined): void {
  const reading = req[READING];
  if (!reading) return;
  req[READING] = undefined;
  if (err) reading.reject(err);
  else reading.resolve(reading.chunks.length === 1 ? reading.chunks[0]! : Buffer.concat(reading.chunks, reading.size));
}

function aborted() {
  return new ApiError(400, 'body_aborted', 'the request was closed before its body ended');
}

function tooLarge(limit: number) {
  return new ApiError(413, 'body_too_large', `the body is larger than ${limit} bytes`);
}

// Reads a JSON request body with a size limit. Bad JSON is a 400, too big a 413, never a 500.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import { ApiError, badRequest } from './errors.ts';

export const BODY_LIMIT_BYTES = 16 * 1024;

export async function readJson(ctx: Context, limit = BODY_LIMIT_BYTES): Promise<unknown> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw tooLarge(limit);
  const body = await bytesOf(ctx.req, limit);
  if (body.length === 0) return {};
  if (!ctx.is('application/json', 'application/*+json')) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw badRequest('malformed_json', `the body is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * The request's body, read through the stream's events rather than `for await` (its async iterator
 * was a tenth of the HTTP part of issuing a ticket). Past the limit the request is destroyed, as
 * leaving a `for await` would; a request that ends or fails early is an error.
 */
function bytesOf(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (err: Error | undefined) => {
      req.off('data', onData).off('end', onEnd).off('error', finish).off('close', onClose);
      if (err) reject(err);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      finish(tooLarge(limit));
      req.destroy();
    };
    const onEnd = () => finish(undefined);
    const onClose = () => finish(new Error('the request closed before its body ended'));
    req.on('data', onData).on('end', onEnd).on('error', finish).on('close', onClose);
  });
}

function tooLarge(limit: number) {
  return new ApiError(413, 'body_too_large', `the body is larger than ${limit} bytes`);
}

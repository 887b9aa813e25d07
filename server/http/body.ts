// Reads a JSON request body with a size limit. Bad JSON is a 400, too big a 413, never a 500.
import type { Context } from 'koa';
import { ApiError, badRequest } from './errors.ts';

export const BODY_LIMIT_BYTES = 16 * 1024;

export async function readJson(ctx: Context, limit = BODY_LIMIT_BYTES): Promise<unknown> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  if (!ctx.is('application/json', 'application/*+json')) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest('malformed_json', `the body is not valid JSON: ${(err as Error).message}`);
  }
}

function tooLarge(limit: number) {
  return new ApiError(413, 'body_too_large', `the body is larger than ${limit} bytes`);
}

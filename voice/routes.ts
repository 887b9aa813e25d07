// GET /api/voice/<hash>.wav: the audio of an announcement phrase, rendered on first request and
// then served from the cache under DATA_DIR. Only phrases the server announced have a hash it knows.
import type Router from '@koa/router';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { RouteModule } from '../server/http/context.ts';
import { ApiError, notFound } from '../server/http/errors.ts';
import type { AudioCache } from './audio-cache.ts';

export function voiceRoutes(cache: AudioCache | undefined): RouteModule {
  return (router: Router) => {
    router.get('/voice/:file', async (ctx) => {
      const m = /^([0-9a-f]{20})\.wav$/.exec(ctx.params.file ?? '');
      if (!m) throw notFound('unknown_audio', 'no such announcement audio');
      if (!cache) throw new ApiError(503, 'voice_off', 'no speech engine on this server (VOICE_ENGINE=none)');
      let file: string | undefined;
      try {
        file = await cache.ensureByHash(m[1]!);
      } catch (err) {
        throw new ApiError(503, 'voice_render_failed', `the speech engine failed: ${(err as Error).message}`);
      }
      if (!file) throw notFound('unknown_audio', 'no such announcement audio');
      ctx.type = 'audio/wav';
      ctx.length = (await stat(file)).size;
      // The name is a hash of engine, voice and words: the content never changes.
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      ctx.body = createReadStream(file);
    });
  };
}

/** OpenAPI path of the announcement audio, merged into /api/openapi.json. */
export function voiceOpenApiPaths(): Record<string, Record<string, unknown>> {
  const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  return {
    '/api/voice/{file}': {
      get: {
        summary: 'Audio of an announcement phrase (`<hash>.wav` from a ticket:called/recalled event), rendered on first request',
        parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{20}\\.wav$' } }],
        responses: { 200: { description: 'WAV', content: { 'audio/wav': {} } }, 404: err('unknown phrase'), 503: err('no speech engine') },
      },
    },
  };
}

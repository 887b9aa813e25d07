// Voice in the server: fills the announcement into every ticket:called / ticket:recalled live event
// (text per language + audio URL) and serves the audio. The server itself plays nothing: wall
// displays with a sound switch and `npm run voice-agent` on the PC wired to the hall speakers do.
import { join } from 'node:path';
import type { Feature } from '../server/feature.ts';
import { windowConfigOf } from '../server/domain/hall-index.ts';
import { buildAnnouncement } from './announcement.ts';
import { AudioCache } from './audio-cache.ts';
import { pickEngine } from './engines/pick.ts';
import { voiceOpenApiPaths, voiceRoutes } from './routes.ts';

export function voicePlugin(): Feature {
  return {
    name: 'voice',
    start: ({ env, log }) => {
      const engine = pickEngine(env);
      const cache = engine ? new AudioCache(join(env.DATA_DIR ?? './data', 'voice-cache'), engine, undefined, log) : undefined;
      return {
        hallRoutes: [voiceRoutes(cache)],
        openApiPaths: voiceOpenApiPaths(),
        health: [() => ({ voice: { engine: engine?.id ?? 'none' } })],
        attach(gateway) {
          const previous = gateway.decorate;
          gateway.decorate = (name, event, hall) => {
            previous?.(name, event, hall);
            if ((name !== 'ticket:called' && name !== 'ticket:recalled') || !event.window) return;
            const windowNumber = windowConfigOf(hall, event.window.id)?.number ?? Number(event.window.id);
            event.announcement = buildAnnouncement(hall, event.ticket, windowNumber, name === 'ticket:called' ? 'call' : 'recall', cache);
            // Render now so the first player to fetch the audio does not wait for the engine.
            if (cache)
              for (const p of event.announcement.phrases) {
                const hash = /([0-9a-f]{20})\.wav$/.exec(p.audioUrl ?? '')?.[1];
                if (hash) cache.prerender(hash);
              }
          };
        },
      };
    },
  };
}

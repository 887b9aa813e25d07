// Picks the TTS engine for this host: VOICE_ENGINE=espeak|say, else espeak-ng on Linux and `say`
// elsewhere. VOICE_ENGINE=none turns speech off (text-only announcements).
import { spawnSync } from 'node:child_process';
import { EspeakEngine } from './espeak.ts';
import type { TtsEngine } from './engine.ts';
import { SayEngine } from './say.ts';

export function pickEngine(env: { VOICE_ENGINE?: string } = {}, platform: NodeJS.Platform = process.platform): TtsEngine | undefined {
  const want = env.VOICE_ENGINE ?? (platform === 'linux' ? 'espeak' : 'say');
  if (want === 'none') return undefined;
  if (want === 'say') return new SayEngine({ platform });
  if (want === 'espeak' || want === 'espeak-ng') {
    // Chosen by default but not installed: announce with text only rather than fail every render.
    if (!env.VOICE_ENGINE && spawnSync('espeak-ng', ['--version']).status !== 0) return undefined;
    return new EspeakEngine();
  }
  throw new Error(`VOICE_ENGINE=${want}: unknown engine (espeak, say or none)`);
}

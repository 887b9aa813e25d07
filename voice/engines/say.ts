// The `say` package: macOS `say` and Windows SAPI can export WAV. On Linux it shells out to
// festival, which cannot export, so Linux hosts use espeak-ng instead.
import type { TtsEngine } from './engine.ts';

/** Default voices: Ting-Ting is macOS's Mandarin voice; Windows uses its installed Chinese voice by name. */
const MAC_VOICES: Record<string, string> = { zh: 'Ting-Ting', en: 'Samantha' };
const WINDOWS_VOICES: Record<string, string> = { zh: 'Microsoft Huihui Desktop', en: 'Microsoft Zira Desktop' };

export class SayEngine implements TtsEngine {
  readonly id = 'say';
  private readonly voices: Record<string, string>;

  constructor(opts: { voices?: Record<string, string>; platform?: NodeJS.Platform } = {}) {
    const platform = opts.platform ?? process.platform;
    this.voices = opts.voices ?? (platform === 'win32' ? WINDOWS_VOICES : MAC_VOICES);
  }

  voiceFor(lang: string): string | undefined {
    return this.voices[lang] ?? this.voices[lang.split('-')[0]!];
  }

  async render(text: string, lang: string, outFile: string): Promise<void> {
    if (process.platform === 'linux') throw new Error('say cannot export WAV on Linux (festival); use espeak-ng');
    // Loaded on the first announcement, not at start: only a hall that picks this engine needs it.
    const { default: say } = await import('say');
    return new Promise((resolve, reject) =>
      say.export(text, this.voiceFor(lang), 1, outFile, (err?: string) => (err ? reject(new Error(String(err))) : resolve())),
    );
  }
}

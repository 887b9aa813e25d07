// espeak-ng: offline, on every Linux host. Mandarin uses the voice cmn-latn-pinyin — the plain
// `cmn` voice mispronounces 请 and 号 — and English `en`.
import { run, type TtsEngine } from './engine.ts';

export const ESPEAK_VOICES: Record<string, string> = { zh: 'cmn-latn-pinyin', cmn: 'cmn-latn-pinyin', en: 'en' };

export class EspeakEngine implements TtsEngine {
  readonly id = 'espeak-ng';

  constructor(
    private readonly opts: { binary?: string; voices?: Record<string, string>; wordsPerMinute?: number } = {},
  ) {}

  voiceFor(lang: string): string | undefined {
    return (this.opts.voices ?? ESPEAK_VOICES)[lang] ?? (this.opts.voices ?? ESPEAK_VOICES)[lang.split('-')[0]!];
  }

  async render(text: string, lang: string, outFile: string): Promise<void> {
    const voice = this.voiceFor(lang);
    if (!voice) throw new Error(`espeak-ng: no voice for language "${lang}"`);
    // Announcements are spoken a little slower than conversation so they carry in a large hall.
    const speed = String(this.opts.wordsPerMinute ?? 150);
    await run(this.opts.binary ?? 'espeak-ng', ['-v', voice, '-s', speed, '-w', outFile, '--', text]);
  }
}

// Plays one announcement: the chime, then each language's phrase, `repeat` times. Where the audio
// comes from (the server's /api/voice URL, or a local engine) is handed in.
import type { Announcement } from '../server/realtime/contract.ts';
import type { AnnouncementPlayer, QueuedAnnouncement } from './play-queue.ts';
import type { SoundDevice } from './sound-device.ts';

export type PhraseAudio = (phrase: Announcement['phrases'][number]) => Promise<string | undefined>;

export interface SpeakerOptions {
  chimeFile?: string;
  /** Silence between repeats, ms. */
  pauseMs?: number;
  log?: (line: string) => void;
}

export class Speaker implements AnnouncementPlayer {
  constructor(
    private readonly audio: PhraseAudio,
    private readonly device: SoundDevice | undefined,
    private readonly opts: SpeakerOptions = {},
  ) {}

  async play(item: QueuedAnnouncement): Promise<void> {
    const log = this.opts.log ?? (() => {});
    // Fetch or render every phrase first, so the announcement plays without gaps between languages.
    // A phrase without audio is left out (the others still play) and said so in the agent's log.
    const files = await Promise.all(
      item.announcement.phrases.map((p) =>
        this.audio(p).catch((err) => {
          log(`[${item.kind}] no audio for "${p.text}": ${(err as Error)?.message ?? err}`);
          return undefined;
        }),
      ),
    );
    const text = item.announcement.phrases.map((p) => p.text).join(' / ');
    if (!this.device) {
      log(`[${item.kind}] ${text}  (no sound device; audio: ${files.filter(Boolean).join(', ') || 'none'})`);
      return;
    }
    log(`[${item.kind}] ${text}`);
    if (this.opts.chimeFile) await this.device.play(this.opts.chimeFile);
    for (let round = 0; round < Math.max(1, item.announcement.repeat); round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, this.opts.pauseMs ?? 700));
      for (const file of files) if (file) await this.device.play(file);
    }
  }
}

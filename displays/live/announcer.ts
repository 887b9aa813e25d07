// Announcements on a display PC's speakers, when its sound switch is on: the same ordered, bounded
// play queue as the voice agent (voice/play-queue.ts), playing a chime and then each phrase's audio
// from the server. Only fresh calls are announced: events replayed after a reconnect are not.
import type { TicketEvent, TicketEventName } from '../../server/realtime/contract.ts';
import { PlayQueue, type AnnouncementPlayer, type QueuedAnnouncement } from '../../voice/play-queue.ts';

/** Longest a phrase may take before the queue moves on (a file that never loads or ends). */
const PHRASE_TIMEOUT_MS = 15_000;

export class BrowserAnnouncer {
  readonly queue: PlayQueue;
  /** Numbers announced, newest last: shown on the switch and read by tests. */
  readonly announced: string[] = [];
  private seq = 0;

  constructor(private readonly base = '') {
    this.queue = new PlayQueue(this.player());
  }

  announce(name: TicketEventName, e: TicketEvent): void {
    if ((name !== 'ticket:called' && name !== 'ticket:recalled') || !e.announcement) return;
    const item: QueuedAnnouncement = {
      id: String(++this.seq),
      ticketId: e.ticket.id,
      number: e.ticket.number,
      windowId: e.window?.id,
      kind: name === 'ticket:called' ? 'call' : 'recall',
      announcement: e.announcement,
    };
    this.queue.enqueue(item);
  }

  close(): void {
    this.queue.close();
  }

  private player(): AnnouncementPlayer {
    return {
      play: async (item) => {
        this.announced.push(item.number);
        await chime();
        for (let r = 0; r < Math.max(1, item.announcement.repeat); r++)
          for (const phrase of item.announcement.phrases) if (phrase.audioUrl) await playUrl(this.base + phrase.audioUrl);
      },
    };
  }
}

function playUrl(url: string): Promise<void> {
  return new Promise((resolve) => {
    const audio = new Audio(url);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, PHRASE_TIMEOUT_MS);
    audio.addEventListener('ended', done, { once: true });
    audio.addEventListener('error', done, { once: true });
    // A browser that refuses to play (no gesture yet, no device) must not stall the queue.
    audio.play().catch(done);
  });
}

let audioContext: AudioContext | undefined;

/** Ding-dong: two soft tones, so people look up before the number is read. */
async function chime(): Promise<void> {
  try {
    audioContext ??= new AudioContext();
    const ctx = audioContext;
    for (const [freq, start] of [
      [880, 0],
      [660, 0.45],
    ] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime + start);
      gain.gain.exponentialRampToValueAtTime(0.3, ctx.currentTime + start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + start + 0.6);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + start);
      osc.stop(ctx.currentTime + start + 0.65);
    }
  } catch {
    /* no audio output: the phrases still try */
  }
  await new Promise((r) => setTimeout(r, 1100));
}

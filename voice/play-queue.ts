// The hall speaker's queue. Announcements play one at a time in the order the calls happened —
// never two at once, which on one speaker would be noise. A recall is a new announcement of the
// same ticket. When calls come faster than they can be spoken the queue stays bounded: the oldest
// announcement not yet started is dropped (its ticket is on the screens anyway; the newest calls
// are the ones people are still looking up for). The one playing is never cut off.
import type { Announcement } from '../server/realtime/contract.ts';

export interface QueuedAnnouncement {
  /** Unique per enqueue. */
  id: string;
  ticketId: string;
  number: string;
  windowId?: string;
  kind: 'call' | 'recall';
  announcement: Announcement;
}

/** Plays one whole announcement (chime, phrases, repeats) and resolves when the speaker is quiet. */
export interface AnnouncementPlayer {
  play(item: QueuedAnnouncement): Promise<void>;
}

export interface PlayQueueOptions {
  /** Announcements waiting (not counting the one playing); older ones beyond this are dropped. */
  maxPending?: number;
  /** Silence between two announcements, ms. */
  gapMs?: number;
  onDrop?: (item: QueuedAnnouncement) => void;
  onError?: (item: QueuedAnnouncement, err: unknown) => void;
}

export class PlayQueue {
  private readonly waiting: QueuedAnnouncement[] = [];
  private current?: QueuedAnnouncement;
  private running = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  readonly dropped: QueuedAnnouncement[] = [];

  constructor(
    private readonly player: AnnouncementPlayer,
    private readonly opts: PlayQueueOptions = {},
  ) {}

  get playing(): QueuedAnnouncement | undefined {
    return this.current;
  }

  get pending(): readonly QueuedAnnouncement[] {
    return this.waiting;
  }

  enqueue(item: QueuedAnnouncement): void {
    if (this.closed) return;
    // The same ticket waiting twice (called, then recalled before the call was spoken) is said once,
    // in the earlier place, with the newer text.
    const same = this.waiting.findIndex((w) => w.ticketId === item.ticketId && w.windowId === item.windowId);
    if (same >= 0) this.waiting[same] = item;
    else this.waiting.push(item);
    const max = this.opts.maxPending ?? 5;
    while (this.waiting.length > max) {
      const old = this.waiting.shift()!;
      this.dropped.push(old);
      this.opts.onDrop?.(old);
    }
    void this.run();
  }

  /** Resolves once nothing plays or waits. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  close(): void {
    this.closed = true;
    this.waiting.length = 0;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      let first = true;
      while (this.waiting.length && !this.closed) {
        if (!first && (this.opts.gapMs ?? 600) > 0) await sleep(this.opts.gapMs ?? 600);
        first = false;
        const item = this.waiting.shift();
        if (!item) break;
        this.current = item;
        try {
          await this.player.play(item);
        } catch (err) {
          this.opts.onError?.(item, err);
        } finally {
          this.current = undefined;
        }
      }
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

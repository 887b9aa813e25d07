// Rendered phrases on disk: <dir>/<hash>.wav, keyed by a hash of engine + voice + spoken text, so a
// phrase is rendered once per engine and voice and every later call of "A001 to window 3" is a file
// read. A <hash>.json beside it remembers what to say, so GET /api/voice/<hash>.wav can render on
// demand after a restart, and only phrases this server announced can be rendered (no free-text TTS).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fallbackLogger, type Logger } from '../server/log.ts';
import type { TtsEngine } from './engines/engine.ts';

export interface CachedPhrase {
  lang: string;
  speech: string;
  engine: string;
  voice?: string;
}

export const HASH_PATTERN = /^[0-9a-f]{20}$/;

export class AudioCache {
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly known = new Map<string, CachedPhrase>();
  /** The .json sidecar writes, awaited before a render so a finished WAV always has its sidecar. */
  private readonly sidecars = new Map<string, Promise<void>>();
  private ready?: Promise<void>;
  /** Engine processes running now, and renders waiting for one to finish. */
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly dir: string,
    readonly engine: TtsEngine,
    /** A TTS process takes a core while it runs: a burst of calls must not start dozens at once. */
    readonly maxConcurrentRenders = 2,
    private readonly log: Logger = fallbackLogger(),
  ) {}

  /** Renders waiting or running; callers that only warm the cache skip when it is busy. */
  get backlog(): number {
    return this.running + this.waiting.length;
  }

  /**
   * Renders ahead of the first request for it, unless the engine is already busy: a warm-up may be
   * dropped (GET /api/voice renders on demand), a request may not.
   */
  prerender(hash: string): void {
    if (this.backlog >= 2 * this.maxConcurrentRenders) return;
    void this.ensureByHash(hash).catch((err) => this.log.warn({ err, hash }, 'rendering a phrase ahead failed; it is rendered again when asked for'));
  }

  key(lang: string, speech: string): string {
    const voice = this.engine.voiceFor(lang) ?? '';
    return createHash('sha256').update(`${this.engine.id}\0${voice}\0${speech}`).digest('hex').slice(0, 20);
  }

  fileOf(hash: string): string {
    return join(this.dir, `${hash}.wav`);
  }

  /** Remembers a phrase (cheap, synchronous) so it can be rendered later by hash. */
  register(lang: string, speech: string): string {
    const hash = this.key(lang, speech);
    if (!this.known.has(hash)) {
      const entry: CachedPhrase = { lang, speech, engine: this.engine.id, voice: this.engine.voiceFor(lang) };
      this.known.set(hash, entry);
      this.sidecars.set(
        hash,
        this.mkdir()
          .then(() => writeFile(join(this.dir, `${hash}.json`), JSON.stringify(entry)))
          // Without its sidecar the phrase still renders now; only a render after a restart cannot find it.
          .catch((err) => this.log.warn({ err, hash }, 'writing the phrase sidecar failed')),
      );
    }
    return hash;
  }

  /** The WAV for a phrase, rendered if not cached yet. Concurrent asks share one render. */
  ensure(lang: string, speech: string): Promise<string> {
    const hash = this.register(lang, speech);
    return this.render(hash, { lang, speech, engine: this.engine.id });
  }

  /** The WAV for a registered hash (from memory or its .json), or undefined for an unknown one. */
  async ensureByHash(hash: string): Promise<string | undefined> {
    if (!HASH_PATTERN.test(hash)) return undefined;
    let entry = this.known.get(hash);
    if (!entry) {
      try {
        entry = JSON.parse(await readFile(join(this.dir, `${hash}.json`), 'utf8')) as CachedPhrase;
      } catch {
        return undefined;
      }
      if (entry.engine !== this.engine.id || this.key(entry.lang, entry.speech) !== hash) return undefined;
      this.known.set(hash, entry);
    }
    return this.render(hash, entry);
  }

  private render(hash: string, entry: CachedPhrase): Promise<string> {
    const file = this.fileOf(hash);
    let job = this.inFlight.get(hash);
    if (!job) {
      job = (async () => {
        await this.sidecars.get(hash);
        if (await exists(file)) return file;
        await this.mkdir();
        // Render to a temp name and rename, so a reader never sees half a file.
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp.wav`;
        await this.withEngine(() => this.engine.render(entry.speech, entry.lang, tmp));
        await rename(tmp, file);
        return file;
      })().finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, job);
    }
    return job;
  }

  private async withEngine<T>(task: () => Promise<T>): Promise<T> {
    // A finishing render hands its slot straight to the next waiter, so `running` never overshoots.
    if (this.running < this.maxConcurrentRenders) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private mkdir(): Promise<void> {
    return (this.ready ??= mkdir(this.dir, { recursive: true }).then(() => undefined));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 44; // more than a bare WAV header
  } catch {
    return false;
  }
}

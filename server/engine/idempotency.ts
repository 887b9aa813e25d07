// Idempotency keys for stream commands: "a retry with the same key returns the first answer and
// changes nothing". The key travels in the log itself — a mark on the first event of the append it
// caused — so the record and its effect are one atomic write, any node finds it after reading the
// log, and a restart finds it again by reading the last day of the stream (no side table, nothing
// extra in snapshots). The mark also holds the command's result (the called ticket, the new
// ticket): recorded rather than re-derived, so every node answers a retry with the first run's
// answer, even after a code change in how results are made. This module holds the per-node index of those marks; StreamEngine.execute
// consults it.
import { createHash } from 'node:crypto';
import type { IdempotencyMark } from '../domain/envelope.ts';
import type { Actor } from '../domain/types.ts';

/** How long a key is remembered: a service day and then some. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

// The mark itself is part of every event's envelope (server/domain/envelope.ts).
export type { IdempotencyMark };

/** What a caller passes to execute: the client's key, and optionally what counts as "the same command". */
export interface IdempotencyRequest {
  key: string;
  /** Defaults to a hash of the command; give one when the command may differ on retry for reasons
   * the client did not choose (e.g. a lane that depends on the arrival time). */
  fingerprint?: string;
}

/** 422: the key was used before for a different command. */
export class IdempotencyKeyReused extends Error {
  override name = 'IdempotencyKeyReused';
  readonly status = 422;
  readonly code = 'idempotency_key_reused';
  readonly expose = true;
  constructor(key: string) {
    super(`the Idempotency-Key "${key.slice(0, 40)}" was already used for a different request`);
  }
}

/** JSON with sorted keys, so the same command always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprintOf(command: unknown): string {
  return createHash('sha256').update(canonical(command)).digest('base64url').slice(0, 22);
}

/** Keys are scoped per actor (the token's principal), so two kiosks can never collide. */
export function scoped(actor: Actor | undefined, key: string): string {
  return `${actor?.role ?? '-'}\u0000${actor?.name ?? '-'}\u0000${key}`;
}

interface Indexable {
  seq: number;
  at: number;
  actor?: Actor;
  idempotency?: IdempotencyMark;
}

export interface FirstAnswer<E> {
  fingerprint: string;
  events: E[];
  result: unknown;
}

interface Entry<E> extends FirstAnswer<E> {
  at: number;
}

/**
 * The keys of one stream seen in the last TTL, with the events each caused. Fed with the stream's
 * events in seq order; `upTo` is the last seq fed (undefined until the index was loaded).
 */
export class IdempotencyIndex<E extends Indexable> {
  private readonly entries = new Map<string, Entry<E>>();
  /** The append being collected: its mark was seen, not all its events yet. */
  private open?: { entry: Entry<E>; left: number };
  upTo?: number;

  constructor(private readonly ttlMs = IDEMPOTENCY_TTL_MS) {}

  /** Starts the index at `seq` (events up to it are older than the TTL or not there). */
  begin(seq: number) {
    this.upTo = seq;
  }

  /** Feeds events that continue the stream right after `upTo`; returns false on a gap (nothing fed). */
  feed(events: E[]): boolean {
    if (this.upTo === undefined || events.length === 0) return true;
    if (events[0]!.seq > this.upTo + 1) return false;
    for (const e of events) {
      if (e.seq <= this.upTo) continue;
      this.upTo = e.seq;
      if (this.open) {
        this.open.entry.events.push(e);
        if (--this.open.left <= 0) this.open = undefined;
      }
      const mark = e.idempotency;
      if (!mark) continue;
      const entry: Entry<E> = { fingerprint: mark.fingerprint, at: e.at, events: [e], result: mark.result };
      const id = scoped(e.actor, mark.key);
      // Re-inserting keeps the map in time order, which prune relies on.
      this.entries.delete(id);
      this.entries.set(id, entry);
      this.open = mark.count > 1 ? { entry, left: mark.count - 1 } : undefined;
    }
    return true;
  }

  find(actor: Actor | undefined, key: string, now: number): FirstAnswer<E> | undefined {
    this.prune(now);
    const entry = this.entries.get(scoped(actor, key));
    return entry && entry.at > now - this.ttlMs ? entry : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(now: number) {
    for (const [id, entry] of this.entries) {
      if (entry.at > now - this.ttlMs) return;
      this.entries.delete(id);
    }
  }
}

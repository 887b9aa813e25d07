// Every Redis key and channel OneWindow uses, built here and nowhere else. The hall id sits in a
// hash tag ({hall}) so all of one hall's keys land in one cluster slot and a script may touch them
// together. Layout, for prefix "ow" and hall "district":
//   ow:{district}:log               stream: the hall's event log, entry id = "<seq>-0"
//   ow:{district}:snapshot          hash: seq, state (JSON) — the newest folded state saved
//   ow:{district}:days              sorted set: day bucket name → that day's start (epoch ms)
//   ow:{district}:at:2026-11-27     sorted set: seq → event time, for readRange over one day
//   ow:{district}:appended          pub/sub channel: the last seq, published by each append

const DAY_MS = 86_400_000;

export interface HallKeys {
  log: string;
  snapshot: string;
  days: string;
  /** Prefix of the per-day time index keys; the script appends the day bucket name. */
  atPrefix: string;
  channel: string;
}

export function hallKeys(prefix: string, hallId: string): HallKeys {
  const base = `${prefix}:{${hallId}}`;
  return {
    log: `${base}:log`,
    snapshot: `${base}:snapshot`,
    days: `${base}:days`,
    atPrefix: `${base}:at:`,
    channel: `${base}:appended`,
  };
}

/** The hall id of a channel built by hallKeys, or null for someone else's channel. */
export function hallOfChannel(prefix: string, channel: string): string | null {
  const m = /^(.*):\{([^}]+)\}:appended$/.exec(channel);
  return m && m[1] === prefix ? m[2]! : null;
}

/**
 * The time index is partitioned by UTC day. The store does not know a hall's time zone, and it
 * need not: a bucket is only a partition (readRange is exact across buckets), which keeps each
 * index key small and lets an operator expire old days one key at a time.
 */
export function dayBucket(at: number): { name: string; start: number } {
  const start = Math.floor(at / DAY_MS) * DAY_MS;
  return { name: new Date(start).toISOString().slice(0, 10), start };
}

export { DAY_MS };

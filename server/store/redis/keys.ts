// Every Redis key and channel OneWindow uses, built here and nowhere else. Keys are per event
// stream: the stream id (named in ../streams.ts: "district" for the hall's own log,
// "district/bookings" for a feature's) sits in a hash tag ({id}) so all of one stream's keys land
// in one cluster slot and a script may touch them together. Every key a script touches is built
// here and passed to it in KEYS (Redis Cluster routes a call by its KEYS, and a key made up inside
// Lua would escape that check). Layout, for prefix "ow":
//   ow:{district}:log                    stream: the event log, entry id = "<seq>-0"
//   ow:{district}:log:rewriting          stream: the log's copy while the visitor-data purge rewrites it
//   ow:{district}:snapshot               hash: seq, state (JSON) — the newest folded state saved, in
//                                        the format of nodes that knew no snapshot format (1)
//   ow:{district}:snapshot:v2            the same in snapshot format 2 (and so on for each format)
//   ow:{district}:days                   sorted set: day bucket name → that day's start (epoch ms)
//   ow:{district}:at:2026-11-27          sorted set: seq → event time, for readRange over one day
//   ow:{district}:appended               pub/sub channel: the last seq, published by each append
//   ow:{district/bookings}:log …         the same five for each feature stream of the hall

import { UNVERSIONED_SNAPSHOT } from '../port.ts';

const DAY_MS = 86_400_000;

export interface StreamKeys {
  log: string;
  /** The log's copy the visitor-data purge builds, then swaps in (rewriteBefore). */
  rewriting: string;
  /** The snapshot hash of a snapshot format (../port.ts UNVERSIONED_SNAPSHOT: the key older nodes read). */
  snapshot(format: number): string;
  days: string;
  /** The time index of one day bucket (dayBucket(at).name): seq → event time. */
  at(day: string): string;
  channel: string;
}

export function streamKeys(prefix: string, streamId: string): StreamKeys {
  const base = `${prefix}:{${streamId}}`;
  return {
    log: `${base}:log`,
    rewriting: `${base}:log:rewriting`,
    snapshot: (format) => (format === UNVERSIONED_SNAPSHOT ? `${base}:snapshot` : `${base}:snapshot:v${format}`),
    days: `${base}:days`,
    at: (day) => `${base}:at:${day}`,
    channel: `${base}:appended`,
  };
}

/** The stream id of a channel built by streamKeys, or null for someone else's channel. */
export function streamOfChannel(prefix: string, channel: string): string | null {
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

// A persistent record by string key, for the state's per-key figures that change with every ticket
// (today's last number per service, each window's counts). A plain record of n string keys costs V8
// about 70 ns a key to copy (15 µs for a city hall's 200 windows), and evolve copied one per event.
// Here a change copies the bucket list (32 entries) and the one bucket it touches (a few pairs);
// older records stay as they were. Pairs are kept sorted by key within a bucket, so the same
// contents give the same arrays however they were written (a state restored from a snapshot equals
// the one folded from the log). Plain arrays: snapshots store it as JSON.

export interface Keyed<V> {
  /** BUCKETS lists of [key, value], by the key's hash (keyHash), sorted by key. */
  readonly buckets: readonly (readonly (readonly [string, V])[])[];
}

const BUCKETS = 32;
const EMPTY_BUCKET: readonly (readonly [string, never])[] = Object.freeze([]);
const EMPTY: Keyed<never> = Object.freeze({ buckets: Object.freeze(Array.from({ length: BUCKETS }, () => EMPTY_BUCKET)) });

export function emptyKeyed<V>(): Keyed<V> {
  return EMPTY;
}

/** FNV-1a of the key, its low 5 bits: the bucket. */
function bucketOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & (BUCKETS - 1);
}

/** The value under `key`, or undefined; any string is safe ("__proto__"): keys are compared, never looked up. */
export function keyedGet<V>(k: Keyed<V>, key: string): V | undefined {
  const bucket = k.buckets[bucketOf(key)]!;
  for (let i = 0; i < bucket.length; i++) if (bucket[i]![0] === key) return bucket[i]![1];
  return undefined;
}

/** A record with `key` set to `value` (added, or replacing the old value). */
export function keyedWith<V>(k: Keyed<V>, key: string, value: V): Keyed<V> {
  const b = bucketOf(key);
  const bucket = k.buckets[b]!;
  let at = 0;
  while (at < bucket.length && bucket[at]![0] < key) at++;
  const next = bucket.slice();
  if (at < bucket.length && bucket[at]![0] === key) next[at] = [key, value];
  else next.splice(at, 0, [key, value]);
  const buckets = k.buckets.slice();
  buckets[b] = next;
  return { buckets };
}

/** A keyed record of a plain one (a snapshot saved before these records). */
export function keyedOf<V>(record: Readonly<Record<string, V>>): Keyed<V> {
  let k = emptyKeyed<V>();
  for (const [key, value] of Object.entries(record)) k = keyedWith(k, key, value);
  return k;
}

/** The contents as [key, value] pairs, in no particular order. */
export function keyedEntries<V>(k: Keyed<V>): [string, V][] {
  const out: [string, V][] = [];
  for (const bucket of k.buckets) for (const [key, value] of bucket) out.push([key, value]);
  return out;
}

/** The keyed record of a saved state's field, whichever version saved it: this record, or a plain one before it. */
export function savedKeyed<V>(saved: Keyed<V> | Readonly<Record<string, V>> | undefined): Keyed<V> {
  return isKeyed(saved) ? (saved as Keyed<V>) : keyedOf((saved ?? {}) as Readonly<Record<string, V>>);
}

/** True for a keyed record (a snapshot saved by an older version holds a plain record instead). */
export function isKeyed(x: unknown): x is Keyed<unknown> {
  return typeof x === 'object' && x !== null && Array.isArray((x as Keyed<unknown>).buckets) && (x as Keyed<unknown>).buckets.length === BUCKETS;
}

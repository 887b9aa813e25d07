// Summary statistics over samples kept sorted (ascending), so percentiles are a lookup and two
// days' samples merge in linear time. Durations are held in ms and reported in minutes.

/** Duration samples in ms, ascending: typed arrays (see sample-buffer.ts), read by index. */
export type Samples = Uint32Array | Float64Array;

export interface Stats {
  count: number;
  /** Minutes, rounded to 2 decimals; null when there are no samples. */
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}

/** Merges ascending arrays into a new ascending array. */
export function mergeSorted(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * Percentile by the nearest-rank method: the smallest sample with at least p% of the samples at
 * or below it. Chosen because it is always an observed value and easy to compute by hand.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Median: the middle sample, or the mean of the two middle samples for an even count. */
export function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export const minutes = (ms: number | null): number | null => (ms === null ? null : round2(ms / 60_000));
export const round2 = (x: number): number => Math.round(x * 100) / 100;

export function statsOf(sorted: ArrayLike<number>): Stats {
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return {
    count: n,
    mean: n ? minutes(sum / n) : null,
    median: minutes(median(sorted)),
    p90: minutes(percentile(sorted, 90)),
    max: n ? minutes(sorted[n - 1]!) : null,
  };
}

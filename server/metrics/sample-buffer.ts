// Duration samples held compactly: a growable typed array per group and kind instead of a JS array.
// The durations are differences of whole-ms instants, so they start in a Uint32Array (4 bytes a
// sample, half of a JS array's 8-byte slots); a sample that is not a whole number of ms in
// 0..2^32−1 (49 days) widens the buffer to a Float64Array, so every value is kept exactly.
import type { Samples } from './stats.ts';
import { emptyTally, type Tally } from './tally.ts';

const fitsUint32 = (v: number) => v >>> 0 === v;

export class SampleBuffer {
  private data: Uint32Array | Float64Array = new Uint32Array(0);
  private length = 0;
  /** False when a sample came in below the last one since the last sort. */
  private inOrder = true;
  /** The ascending view handed out last, until the next sample. */
  private view: Samples | undefined;

  push(v: number) {
    if (this.length === this.data.length || (this.data instanceof Uint32Array && !fitsUint32(v))) this.grow(v);
    const n = this.length;
    if (n > 0 && this.data[n - 1]! > v) this.inOrder = false;
    this.data[n] = v;
    this.length = n + 1;
    this.view = undefined;
  }

  /** The samples in ascending order: a view of the buffer, valid until the next push. */
  sorted(): Samples {
    if (!this.inOrder) {
      this.data.subarray(0, this.length).sort();
      this.inOrder = true;
    }
    return (this.view ??= this.data.subarray(0, this.length));
  }

  /** Room for one more sample (×1.5, as a JS array grows), widened to doubles when `v` needs it. */
  private grow(v: number) {
    const full = this.length === this.data.length;
    const capacity = full ? Math.max(8, this.length + (this.length >> 1)) : this.data.length;
    const wide = this.data instanceof Float64Array || !fitsUint32(v);
    const next = wide ? new Float64Array(capacity) : new Uint32Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** A group's tally as the fold keeps it: the counts in a Tally, the samples in buffers. */
export class FoldGroup {
  readonly tally: Tally = emptyTally();
  readonly wait = new SampleBuffer();
  readonly walk = new SampleBuffer();
  readonly service = new SampleBuffer();

  /** The tally with its samples sorted, as views of the buffers (the fold's own: read at once or copy). */
  read(): Tally {
    this.tally.wait = this.wait.sorted();
    this.tally.walk = this.walk.sorted();
    this.tally.service = this.service.sorted();
    return this.tally;
  }
}

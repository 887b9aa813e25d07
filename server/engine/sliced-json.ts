// JSON of a big value, encoded a slice at a time so that the event loop serves requests in between.
// A busy hall's snapshot is megabytes (14k tickets: ~3 MB, ~30 ms of JSON.stringify and ~20 ms more
// to hand SQLite the text), and one piece stalled every request behind it. Only for a value that
// does not change while it is encoded: the hall's persistent state (evolve gives a new one).
//
// The bytes are JSON.stringify(value)'s, as UTF-8: containers in the top levels are written key by
// key, element by element (in JSON.stringify's order and with its rules for undefined and functions),
// and whatever lies deeper (a branch of the ticket table, a queue's chunk) by JSON.stringify itself.

/** Containers nested deeper than this are encoded in one JSON.stringify call (the hall's ticket
 * table: state → tickets → trie → 64 branches of a few hundred tickets each at 14k). */
const SPLIT_DEPTH = 3;

/** Encodes `value` in slices of about `sliceMs` of work, yielding to the event loop between them. */
export async function encodeInSlices(value: unknown, sliceMs = 2): Promise<Buffer> {
  const out = new ByteSink();
  let started = performance.now();
  for (const piece of jsonPieces(value, 0)) {
    out.write(piece);
    if (performance.now() - started < sliceMs) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    started = performance.now();
  }
  return out.bytes();
}

/** UTF-8 written straight into one growing buffer: no joined string, no second copy at the end. */
class ByteSink {
  private buf = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  write(text: string) {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 for two units).
    const room = this.length + text.length * 3;
    if (room > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(room, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    this.length += this.buf.write(text, this.length, 'utf8');
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** What JSON.stringify leaves out of an object and writes as null in an array. */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** An object JSON.stringify writes key by key (no toJSON, no class of its own). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (depth < SPLIT_DEPTH && Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      if (skipped(value[i])) yield 'null';
      else yield* jsonPieces(value[i], depth + 1);
    }
    yield ']';
  } else if (depth < SPLIT_DEPTH && isPlainObject(value)) {
    yield '{';
    let first = true;
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (skipped(v)) continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* jsonPieces(v, depth + 1);
    }
    yield '}';
  } else {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError('encodeInSlices: the value has no JSON form');
    yield json;
  }
}

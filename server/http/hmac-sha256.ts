// HMAC-SHA256 of short messages under one fixed key, in plain JavaScript from precomputed states.
//
// Every issued ticket gets a rating key, an HMAC of its id (ticket-key.ts). With node:crypto that
// was a createHmac per ticket: a Hmac object (a stream, a native handle, a KeyObject check) for
// ~20 bytes of input, ~3 % of the server's CPU for an issue and a good part of its garbage. HMAC is
// H((K ^ opad) || H((K ^ ipad) || m)); the two padded key blocks are the same for every message, so
// the hash state after each is computed once (RFC 2104 §4 suggests exactly this), and a message
// costs the compressions of its own blocks and one more for the outer hash: a few hundred
// nanoseconds, no objects but the answer. SHA-256 itself is FIPS 180-4; test/http/hmac-sha256.test.ts
// holds the output against node:crypto's createHmac for random keys (longer than a block too) and
// messages of every length around the block boundaries.
import { createHash } from 'node:crypto';

const BLOCK = 64;

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// §5.3.3: the initial hash value.
const INITIAL = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** The message schedule, reused: the module runs on one thread and compress() does not re-enter. */
const W = new Int32Array(64);

/** §6.2.2: folds the 64-byte block at `at` in `bytes` into `state`. */
function compress(state: Int32Array, bytes: Uint8Array, at: number): void {
  for (let t = 0; t < 16; t++, at += 4) W[t] = (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/**
 * Hashes `bytes[0, length)` (the buffer has room for the padding: §5.1.1) as the continuation of a
 * hash that has already taken `before` bytes into `state`; writes the digest into `out`.
 */
function finish(state: Int32Array, bytes: Uint8Array, length: number, before: number, out: Uint8Array): void {
  const padded = Math.ceil((length + 9) / BLOCK) * BLOCK;
  bytes[length] = 0x80;
  bytes.fill(0, length + 1, padded - 4);
  // The length in bits as a 64-bit big-endian number: messages here are far below 2^32 bits.
  const bits = (before + length) * 8;
  bytes[padded - 4] = bits >>> 24;
  bytes[padded - 3] = bits >>> 16;
  bytes[padded - 2] = bits >>> 8;
  bytes[padded - 1] = bits;
  for (let at = 0; at < padded; at += BLOCK) compress(state, bytes, at);
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = v >>> 16;
    out[i * 4 + 2] = v >>> 8;
    out[i * 4 + 3] = v;
  }
}

/** HMAC-SHA256 under one key (RFC 2104), for messages given as strings (hashed as UTF-8). */
export class HmacSha256 {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly working = new Int32Array(8);
  /** The message and its padding; grown for a longer message. */
  private bytes = new Uint8Array(4 * BLOCK);
  /** The inner digest and its padding: the outer hash's only block. */
  private readonly outerBlock = new Uint8Array(BLOCK);

  constructor(key: Uint8Array) {
    // §2 of RFC 2104: a key longer than a block is hashed first; a shorter one is padded with zeros.
    const block = new Uint8Array(BLOCK);
    block.set(key.length > BLOCK ? createHash('sha256').update(key).digest() : key);
    this.inner.set(INITIAL);
    this.outer.set(INITIAL);
    compress(this.inner, block.map((x) => x ^ 0x36), 0);
    compress(this.outer, block.map((x) => x ^ 0x5c), 0);
  }

  /** The 32-byte MAC of the message's UTF-8 bytes, written into `out` (32 bytes at least; returned). */
  digest<Out extends Uint8Array>(message: string, out: Out): Out {
    // Room for the message (at most 3 bytes a UTF-16 unit) and the 9 bytes of padding at least.
    const room = message.length * 3 + BLOCK + 9;
    if (this.bytes.length < room) this.bytes = new Uint8Array(room);
    const length = utf8Into(message, this.bytes);
    this.working.set(this.inner);
    finish(this.working, this.bytes, length, BLOCK, this.outerBlock);
    this.working.set(this.outer);
    finish(this.working, this.outerBlock, 32, BLOCK, out);
    return out;
  }
}

const encoder = new TextEncoder();

/** Writes the message's UTF-8 bytes into `bytes`; returns how many. ASCII (every ticket id) by hand. */
function utf8Into(message: string, bytes: Uint8Array): number {
  for (let i = 0; i < message.length; i++) {
    const unit = message.charCodeAt(i);
    if (unit >= 0x80) return encoder.encodeInto(message, bytes).written;
    bytes[i] = unit;
  }
  return message.length;
}

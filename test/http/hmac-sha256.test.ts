// The hand-written HMAC-SHA256 (server/http/hmac-sha256.ts, behind every ticket's rating key) against
// node:crypto's createHmac: random keys shorter than, as long as and longer than a SHA-256 block
// (a longer key is hashed first), messages of every length around the padding's block boundaries
// (55/56 and 119/120 bytes), non-ASCII text, and one instance reused for many messages (its
// buffers are reused: a longer message must not leave bytes behind for a shorter one).
import test from 'ava';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { HmacSha256 } from '../../server/http/hmac-sha256.ts';
import { ticketKeys } from '../../server/http/ticket-key.ts';

const oracle = (key: Uint8Array, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('hex');
const mine = (hmac: HmacSha256, message: string) => Buffer.from(hmac.digest(message, new Uint8Array(32))).toString('hex');

const key = fc.uint8Array({ minLength: 0, maxLength: 200 });
const message = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.stringMatching(/^ticket:[A-Za-z0-9_-]{1,24}$/));

test('the MAC is createHmac-sha256 for random keys and messages, one instance for many messages', (t) => {
  fc.assert(
    fc.property(key, fc.array(message, { minLength: 1, maxLength: 8 }), (k, messages) => {
      const hmac = new HmacSha256(k);
      for (const m of messages) if (mine(hmac, m) !== oracle(k, m)) return false;
      return true;
    }),
    { numRuns: 500 },
  );
  t.pass();
});

test('every message length from 0 to 200 bytes, keys of 0, 32, 63, 64, 65 and 131 bytes, long and short messages in turn', (t) => {
  for (const size of [0, 32, 63, 64, 65, 131]) {
    const k = Uint8Array.from({ length: size }, (_, i) => (i * 37 + size) & 0xff);
    const hmac = new HmacSha256(k);
    for (let n = 0; n <= 200; n++) {
      const long = 'x'.repeat(200 - n);
      const short = 'é'.repeat(n % 5) + 'a'.repeat(n);
      t.is(mine(hmac, long), oracle(k, long), `key ${size} bytes, ${long.length} chars`);
      t.is(mine(hmac, short), oracle(k, short), `key ${size} bytes, ${short} `);
    }
  }
});

test('a ticket key is the first 16 base64url characters of createHmac over "ticket:<id>"', (t) => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 100 }), fc.string({ maxLength: 40 }), (secret, id) => {
      const want = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`ticket:${id}`).digest('base64url').slice(0, 16);
      const keys = ticketKeys(secret);
      return keys.keyOf(id) === want && keys.matches(id, want) && !keys.matches(id, want.slice(0, 15) + (want[15] === 'A' ? 'B' : 'A'));
    }),
    { numRuns: 300 },
  );
  t.pass();
});

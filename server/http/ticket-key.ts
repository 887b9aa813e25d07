// A ticket's rating key: the capability only the visitor's QR carries. Ticket ids are public (the
// wall's live events, GET /api/state), so the id alone must not let anyone rate a ticket; the key is
// an HMAC of the id with the server's secret (CLIENT_HASH_KEY, the same on every node, so any node
// checks a key another node printed). Never in a public view or event.
import { timingSafeEqual } from 'node:crypto';
import { HmacSha256 } from './hmac-sha256.ts';

/** The secret when CLIENT_HASH_KEY is not set (demo): guessable, so production refuses to start without it. */
export const ticketKeySecretOf = (env: Record<string, string | undefined>) => env.CLIENT_HASH_KEY ?? 'onewindow:demo';

export interface TicketKeys {
  /** The ticket's key: 16 base64url characters (96 bits). */
  keyOf(ticketId: string): string;
  /** Whether `key` is the ticket's key, compared in constant time. */
  matches(ticketId: string, key: unknown): boolean;
}

export function ticketKeys(secret: string): TicketKeys {
  // HMAC-SHA256 from the key's precomputed states (hmac-sha256.ts): createHmac per ticket was ~3 % of
  // issuing one. The key is the MAC's first 12 bytes, the 16 base64url characters they make.
  const hmac = new HmacSha256(Buffer.from(secret, 'utf8'));
  const mac = Buffer.alloc(32);
  const keyOf = (ticketId: string) => hmac.digest(`ticket:${ticketId}`, mac).toString('base64url', 0, 12);
  return {
    keyOf,
    matches(ticketId, key) {
      if (typeof key !== 'string') return false;
      const want = Buffer.from(keyOf(ticketId));
      const got = Buffer.from(key);
      return got.length === want.length && timingSafeEqual(got, want);
    },
  };
}

/** The visitor's status link, with the rating key: what the QR and the issue response carry. */
export function keyedStatusUrl(publicUrl: string, ticketId: string, key: string): string {
  // Every issue answer makes one: the trailing-slash regex runs only when there is a slash to drop.
  const base = publicUrl.endsWith('/') ? publicUrl.replace(/\/+$/, '') : publicUrl;
  return `${base}/t/${encodeURIComponent(ticketId)}?k=${key}`;
}

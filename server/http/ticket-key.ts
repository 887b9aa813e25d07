// A ticket's rating key: the capability only the visitor's QR carries. Ticket ids are public (the
// wall's live events, GET /api/state), so the id alone must not let anyone rate a ticket; the key is
// an HMAC of the id with the server's secret (CLIENT_HASH_KEY, the same on every node, so any node
// checks a key another node printed). Never in a public view or event.
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/** The secret when CLIENT_HASH_KEY is not set (demo): guessable, so production refuses to start without it. */
export const ticketKeySecretOf = (env: Record<string, string | undefined>) => env.CLIENT_HASH_KEY ?? 'onewindow:demo';

export interface TicketKeys {
  /** The ticket's key: 16 base64url characters (96 bits). */
  keyOf(ticketId: string): string;
  /** Whether `key` is the ticket's key, compared in constant time. */
  matches(ticketId: string, key: unknown): boolean;
}

export function ticketKeys(secret: string): TicketKeys {
  // The secret imported once: an HMAC keyed by a KeyObject skips preparing the key on every call.
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const keyOf = (ticketId: string) => createHmac('sha256', key).update(`ticket:${ticketId}`).digest('base64url').slice(0, 16);
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

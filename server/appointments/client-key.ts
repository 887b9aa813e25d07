// Keyed hashes for what the bookings stream must count but never store: the client address a
// public booking came from, and the SMS code of a pending booking. The key is the deployment's
// CLIENT_HASH_KEY (the same on every node, so they count the same address alike); without it the
// hash is only as good as a salt, which still keeps raw addresses out of the log.
import { createHmac, randomInt } from 'node:crypto';

export function keyedHash(secret: string, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\0')).digest('base64url').slice(0, 22);
}

/** Six digits, from a CSPRNG: what the SMS says and the visitor types. */
export function newConfirmCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

// Ids of tickets, events and records: short, random, url-safe.
import { randomBytes } from 'node:crypto';

// Random bytes drawn 256 ids at a time (the same CSPRNG; a call per id was ~1.5% of an issue's CPU).
let idBytes = Buffer.alloc(0);
let idAt = 0;

export function shortId(): string {
  // 12 url-safe chars: unguessable enough for a ticket's status link, short enough for a QR code.
  if (idAt + 9 > idBytes.length) {
    idBytes = randomBytes(9 * 256);
    idAt = 0;
  }
  idAt += 9;
  return idBytes.toString('base64url', idAt - 9, idAt);
}

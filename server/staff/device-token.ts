// Device tokens: 32 random bytes, shown once, stored as their sha-256. A device token is long and
// random, so a fast hash is enough (no password to guess); the prefix tells it from a session.
import { createHash, randomBytes } from 'node:crypto';

export const DEVICE_PREFIX = 'owd_';

export function newDeviceToken(): string {
  return DEVICE_PREFIX + randomBytes(32).toString('base64url');
}

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

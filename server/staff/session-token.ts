// Signed session tokens: what the cookie and an API client's bearer carry. `s1.<payload>.<mac>`,
// the payload base64url JSON, the mac HMAC-SHA256 over it with SESSION_SECRET. Any node with the
// same secret verifies it without a lookup; revocation (sign-out, a disabled account) comes from the
// streams every node folds.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  /** Session id, as in the attendance stream. */
  sid: string;
  staffId: string;
  hall: string;
  window?: string;
  /** Epoch ms: the hall's local end of the sign-in day. */
  exp: number;
  /** Epoch ms of the sign-in: a password changed after it ends the session. */
  iat: number;
}

const PREFIX = 's1.';

export function signSession(claims: SessionClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PREFIX}${payload}.${mac(payload, secret)}`;
}

/** The claims of a token signed with this secret, or undefined (not a session token, or forged). */
export function readSession(token: string, secret: string): SessionClaims | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  const [payload, given] = token.slice(PREFIX.length).split('.');
  if (!payload || !given) return undefined;
  const want = Buffer.from(mac(payload, secret));
  const got = Buffer.from(given);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString()) as SessionClaims;
    return typeof c.sid === 'string' && typeof c.staffId === 'string' && typeof c.hall === 'string' && typeof c.exp === 'number' && typeof c.iat === 'number' ? c : undefined;
  } catch {
    return undefined;
  }
}

export function isSessionToken(token: string): boolean {
  return token.startsWith(PREFIX);
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

// A bounded memo of the costly, pure part of reading a credential: a session token's HMAC check and
// JSON claims, a device token's sha-256. A clerk's console sends the same token with every press,
// and the check cost more than the rest of reading who is calling. Only the pure part is kept: what
// can change while a token lives (the session signed out, the account disabled or given other roles,
// the password changed, the day over, the device revoked) is read from the folded state at every
// request, as before, so expiry and revocation stay immediate.
export class VerifiedTokens<V extends object> {
  private readonly byToken = new Map<string, V>();

  /**
   * `verify`: the token's value, or undefined for a token it refuses (never kept: a forged token is
   * checked again each time, and cannot push genuine ones out). `max`: tokens kept; past it the
   * oldest goes first (a hall has a few hundred people and devices signed in).
   */
  constructor(
    private readonly verify: (token: string) => V | undefined,
    private readonly max = 2048,
  ) {}

  /** The token's value, the same frozen object each time it is asked for (callers only read it). */
  read(token: string): V | undefined {
    const kept = this.byToken.get(token);
    if (kept !== undefined) return kept;
    const value = this.verify(token);
    if (value === undefined) return undefined;
    if (this.byToken.size >= this.max) this.byToken.delete(this.byToken.keys().next().value!);
    this.byToken.set(token, Object.freeze(value));
    return value;
  }

  get size(): number {
    return this.byToken.size;
  }
}

// A per-caller limit on how fast tickets may be issued: a stuck kiosk button or a script must not
// drain a service's 999 numbers. Over the limit is a 429.
import { ApiError } from './errors.ts';

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  take(key: string, now: number): void {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      const retry = Math.ceil((this.windowMs - (now - recent[0]!)) / 1000);
      throw new ApiError(429, 'rate_limited', `too many tickets from this device; try again in ${retry} s`);
    }
    recent.push(now);
    this.hits.set(key, recent);
  }
}

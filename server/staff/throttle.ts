// Sign-in throttling per client address and per staff number: in memory on the embedded store, in
// the store's Redis in scale-out so every node counts the same address and account together.
import type { Context } from 'koa';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ApiError } from '../http/errors.ts';
import { isRedisStore, type EventStore } from '../store/port.ts';

export interface ThrottleConfig {
  /** Sign-in attempts per client address per `seconds`. */
  perAddress: number;
  /** Sign-in attempts per staff number per `seconds`. */
  perAccount: number;
  seconds: number;
}

export const DEFAULT_THROTTLE: ThrottleConfig = { perAddress: 30, perAccount: 10, seconds: 300 };

function limiter(store: EventStore, name: string, points: number, duration: number): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration, keyPrefix: `signin:${name}` });
  if (!isRedisStore(store)) return memory;
  return new RateLimiterRedis({
    points,
    duration,
    storeClient: store.shared.client,
    keyPrefix: `${store.shared.prefix}:ratelimit:signin:${name}`,
    // If Redis is briefly unreachable, each node limits on its own rather than refusing sign-in.
    insuranceLimiter: memory,
  });
}

export class SignInThrottle {
  private readonly byAddress: RateLimiterAbstract;
  private readonly byAccount: RateLimiterAbstract;

  constructor(store: EventStore, cfg: ThrottleConfig) {
    this.byAddress = limiter(store, 'address', cfg.perAddress, cfg.seconds);
    this.byAccount = limiter(store, 'account', cfg.perAccount, cfg.seconds);
  }

  /** Counts one attempt; over either limit is a 429 with Retry-After. */
  async take(ctx: Context, staffNumber: string): Promise<void> {
    await this.consume(ctx, this.byAddress, ctx.ip || 'unknown', 'from this address');
    await this.consume(ctx, this.byAccount, staffNumber, 'for this staff number');
  }

  /** A good sign-in forgets the account's count (the address keeps its own). */
  async succeeded(staffNumber: string): Promise<void> {
    await this.byAccount.delete(staffNumber).catch(() => {});
  }

  private async consume(ctx: Context, l: RateLimiterAbstract, key: string, what: string) {
    try {
      await l.consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retry = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      ctx.set('Retry-After', String(retry));
      throw new ApiError(429, 'rate_limited', `too many sign-in attempts ${what}; try again in ${retry} s`);
    }
  }
}

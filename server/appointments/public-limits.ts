// Per-client-address limits on the public booking routes (no token): a script from one address
// must not drain a hall's places or guess booking codes. Counted in memory on the embedded store,
// and in the store's Redis in scale-out so every node counts the same address together. Keys are
// the keyed hash of the address (client-key.ts), never the address itself.
import type { Context } from 'koa';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ApiError } from '../http/errors.ts';
import { isRedisStore, type EventStore } from '../store/port.ts';
import type { AppointmentsConfig } from './config.ts';

export class PublicLimits {
  private readonly limiter: RateLimiterAbstract;

  constructor(hallId: string, cfg: AppointmentsConfig['publicLimits'], store: EventStore) {
    const opts = { points: cfg.requests, duration: cfg.windowSeconds };
    const memory = new RateLimiterMemory({ ...opts, keyPrefix: `book:${hallId}` });
    this.limiter =
      isRedisStore(store)
        ? new RateLimiterRedis({
            ...opts,
            storeClient: store.shared.client,
            keyPrefix: `${store.shared.prefix}:ratelimit:book:${hallId}`,
            // If Redis is briefly unreachable, each node limits on its own rather than failing the request.
            insuranceLimiter: memory,
          })
        : memory;
  }

  /** Counts one request of this client; over the limit is a 429 with Retry-After. */
  async take(ctx: Context, clientKey: string): Promise<void> {
    try {
      await this.limiter.consume(clientKey);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retry = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      ctx.set('Retry-After', String(retry));
      throw new ApiError(429, 'rate_limited', `too many booking requests from this address; try again in ${retry} s`);
    }
  }
}

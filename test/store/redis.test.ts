// The store conformance suite on a real redis-server started for this file; each backing space
// is its own key prefix, so tests share the server without seeing each other's keys.
import test from 'ava';
import { RedisEventStore } from '../../server/store/redis.ts';
import { startRedisServer, type RedisServer } from '../../server/dev/redis-server.ts';
import { storeConformance } from './conformance.ts';

// One server for the file, started by whichever test asks first (the promise, not its result, is
// shared, so concurrent tests do not start several).
let redis: Promise<RedisServer> | undefined;
const server = () => (redis ??= startRedisServer());
test.after.always(async () => (await redis)?.destroy());

storeConformance('redis', async (space) => RedisEventStore.open((await server()).url, { prefix: space, pollMs: 200 }));

// The same contract with a read chunk of 7 entries, so every range read takes many small steps.
storeConformance('redis-chunk-7', async (space) => RedisEventStore.open((await server()).url, { prefix: space, pollMs: 200, rangeChunk: 7 }));

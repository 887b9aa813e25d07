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

// Not a test of timeouts (test/store/redis-faults.test.ts is): some 70 tests run at once in this
// worker, and on a busy machine (load 24 on 2 cores) the store's 2 s default ran out in 3 runs of 3
// ("Command timed out"), with none in 2 runs at 30 s.
const commandTimeoutMs = 30_000;
storeConformance('redis', async (space) => RedisEventStore.open((await server()).url, { prefix: space, pollMs: 200, commandTimeoutMs }));

// The same contract with a read chunk of 7 entries, so every range read takes many small steps.
storeConformance('redis-chunk-7', async (space) => RedisEventStore.open((await server()).url, { prefix: space, pollMs: 200, rangeChunk: 7, commandTimeoutMs }));

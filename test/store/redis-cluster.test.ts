// The store conformance suite on a real 3-master Redis Cluster started for this file (REDIS_URL
// listing the masters), and a check, against each master's own keyspace, that every stream's keys
// sit on the one master the cluster assigns its slot to, and that the streams spread over all masters.
import test from 'ava';
import type { Context } from 'koa';
import { PublicLimits } from '../../server/appointments/public-limits.ts';
import { startRedisCluster, type RedisCluster } from '../../server/dev/redis-cluster.ts';
import { ApiError } from '../../server/http/errors.ts';
import { RedisEventStore } from '../../server/store/redis.ts';
import { streams } from '../../server/store/streams.ts';
import { storeConformance } from './conformance.ts';
import { hallEvents } from './stream-kinds.ts';

let cluster: Promise<RedisCluster> | undefined;
const started = () => (cluster ??= startRedisCluster());
test.after.always(async () => (await cluster)?.destroy());

storeConformance('redis-cluster', async (space) => RedisEventStore.open((await started()).url, { prefix: space, pollMs: 200 }));

// The suite's streams ("h", "x", "y", their bookings streams) and the demo hall's, spread as the cluster places them.
const STREAM_IDS = ['h', 'h/bookings', 'x', 'x/bookings', 'y', 'y/bookings', 'district', 'district/bookings'];

/** Every key under `prefix` on the master at `port`, read from that master alone. */
async function keysOn(c: RedisCluster, port: number, prefix: string): Promise<string[]> {
  const out = await c.cli(port, '--scan', '--pattern', `${prefix}:*`);
  return out.split('\n').filter(Boolean);
}

test('each stream keeps all its keys on the master that owns its slot, and the streams spread over all three masters', async (t) => {
  const c = await started();
  const prefix = `spread-${process.pid}`;
  const store = await RedisEventStore.open(c.url, { prefix });
  t.teardown(() => store.close());
  const day0 = Date.UTC(2026, 10, 27, 23, 0);
  for (const id of STREAM_IDS) {
    const s = streams.hall(id);
    // Two events an hour apart across midnight: one append call touches two day indexes.
    await store.append(s, 0, [hallEvents.event(id, 'a', day0), hallEvents.event(id, 'b', day0 + 3_600_000)]);
    await store.saveSnapshot(s, { seq: 2, state: hallEvents.state(id, 2) });
    // A snapshot of a later format has its own key (…:snapshot:v2), in the stream's hash tag too.
    await store.saveSnapshot(s, { seq: 2, state: hallEvents.state(id, 2) }, undefined, 2);
  }

  const where = new Map<string, Set<number>>();
  const all: string[] = [];
  for (const m of c.masters) {
    for (const key of await keysOn(c, m.port, prefix)) {
      all.push(key);
      const id = /\{([^}]+)\}/.exec(key)![1]!;
      if (!where.has(id)) where.set(id, new Set());
      where.get(id)!.add(m.port);
    }
  }
  t.deepEqual([...where.keys()].sort(), [...STREAM_IDS].sort(), 'every stream was written');
  for (const id of STREAM_IDS) t.true(all.includes(`${prefix}:{${id}}:snapshot:v2`), `${id}: its format-2 snapshot key is among them`);
  for (const id of STREAM_IDS) {
    const ports = [...where.get(id)!];
    t.is(ports.length, 1, `${id}: all keys on one master`);
    t.is(ports[0], await c.ownerOf(`${prefix}:{${id}}:log`), `${id}: on the master CLUSTER SLOTS names for its slot`);
  }
  const used = new Set([...where.values()].flatMap((s) => [...s]));
  t.is(used.size, 3, 'the streams spread over all three masters');
  for (const id of STREAM_IDS) t.is((await store.readRange(streams.hall(id), day0, day0 + 7_200_000)).length, 2);
});

test("the public booking limit counts one address across two nodes' stores on the cluster, in the store's Redis", async (t) => {
  const c = await started();
  const prefix = `limits-${process.pid}`;
  const [a, b] = [await RedisEventStore.open(c.url, { prefix }), await RedisEventStore.open(c.url, { prefix })];
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  const limits = { requests: 3, windowSeconds: 60 };
  const [onA, onB] = [new PublicLimits('district', limits, a), new PublicLimits('district', limits, b)];
  const retryAfter: string[] = [];
  // Only what the limiter touches of a Koa context: the Retry-After header of a refusal.
  const ctx = { set: (_name: string, value: string) => retryAfter.push(value) } as unknown as Context;
  await onA.take(ctx, 'address-1');
  await onB.take(ctx, 'address-1');
  await onA.take(ctx, 'address-1');
  const refused = await t.throwsAsync(onB.take(ctx, 'address-1'), { instanceOf: ApiError });
  t.is(refused!.status, 429);
  t.is(retryAfter.length, 1);
  await onB.take(ctx, 'address-2'); // another address has its own count
  // The counter is one key in the cluster, read on the master that owns its slot: not each node's memory.
  const owner = await c.ownerOf(`${prefix}:ratelimit:book:district:address-1`);
  t.is(Number((await c.cli(owner, 'GET', `${prefix}:ratelimit:book:district:address-1`)).trim()), 4);
});

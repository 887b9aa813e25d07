// What REDIS_WAIT_REPLICAS=1 costs an append: a real Redis Cluster of 3 masters + 3 replicas, one
// store without the wait and one with it (WAIT 1 after each append), measured in alternating
// rounds in the same run (A B A B: the machine is shared and noisy). Per mode: the latency of one
// append at a time (median, p90, p99), appends per second with WRITERS appending at once (each on
// its own hall's log, so spread over the masters), and this process's CPU per append.
// Run with `npx tsx bench/redis-wait.ts`; docs/scale-out.md quotes it.
import { startRedisCluster } from '../server/dev/redis-cluster.ts';
import type { StoredEvent } from '../server/domain/events.ts';
import { RedisEventStore } from '../server/store/redis.ts';
import { streams } from '../server/store/streams.ts';

const SEQUENTIAL = Number(process.env.BENCH_WAIT_APPENDS ?? 1500);
const WRITERS = Number(process.env.BENCH_WAIT_WRITERS ?? 16);
const SECONDS = Number(process.env.BENCH_WAIT_SECONDS ?? 3);
const ROUNDS = 2;

/** One event shaped like a ticket:issued (about the same body size). */
const event = (i: number) =>
  ({ type: 'ticket:issued', at: Date.now(), data: { ticket: { id: `bench-${i}`, serviceId: 'social', number: `B${i % 1000}`, lane: 'normal', issuedAt: Date.now() } } }) as unknown as StoredEvent;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

interface Seqs {
  next: Map<string, number>;
}

async function appendTo(store: RedisEventStore, seqs: Seqs, hall: string, i: number): Promise<void> {
  const stream = streams.hall(hall);
  const seq = seqs.next.get(hall) ?? (await store.lastSeq(stream));
  await store.append(stream, seq, [event(i)]);
  seqs.next.set(hall, seq + 1);
}

/** Latency of SEQUENTIAL appends one after another on one log; ms. */
async function sequential(store: RedisEventStore, seqs: Seqs, hall: string): Promise<{ ms: number[]; cpuUs: number }> {
  const ms: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const start = performance.now();
    await appendTo(store, seqs, hall, i);
    ms.push(performance.now() - start);
  }
  const used = process.cpuUsage(cpu);
  return { ms: ms.sort((a, b) => a - b), cpuUs: (used.user + used.system) / SEQUENTIAL };
}

/** Appends per second with WRITERS appending at once, each on its own log. */
async function concurrent(store: RedisEventStore, seqs: Seqs, prefix: string): Promise<number> {
  const until = Date.now() + SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; Date.now() < until; i++) {
        await appendTo(store, seqs, `${prefix}-${w}`, i);
        done++;
      }
    }),
  );
  return done / SECONDS;
}

async function main() {
  const cluster = await startRedisCluster({ replicas: 1 });
  const stores = {
    'no wait (REDIS_WAIT_REPLICAS=0)': await RedisEventStore.open(cluster.url, { commandTimeoutMs: 5000 }),
    'WAIT 1 (REDIS_WAIT_REPLICAS=1)': await RedisEventStore.open(cluster.url, { commandTimeoutMs: 5000, waitReplicas: 1, waitTimeoutMs: 1000 }),
  };
  const results = new Map<string, { ms: number[]; cpuUs: number[]; rate: number[] }>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [mode, store] of Object.entries(stores)) {
        // Each mode and round on logs of its own: the two stores never contend for one log.
        const seqs: Seqs = { next: new Map() };
        const tag = `${mode.startsWith('WAIT') ? 'w' : 'n'}${round}`;
        const seq = await sequential(store, seqs, `seq-${tag}`);
        const rate = await concurrent(store, seqs, `conc-${tag}`);
        const r = results.get(mode) ?? { ms: [], cpuUs: [], rate: [] };
        r.ms.push(...seq.ms);
        r.cpuUs.push(seq.cpuUs);
        r.rate.push(rate);
        results.set(mode, r);
      }
    }
  } finally {
    for (const store of Object.values(stores)) await store.close();
    await cluster.destroy();
  }
  const rows = [...results].map(([mode, r]) => {
    const ms = r.ms.sort((a, b) => a - b);
    return {
      mode,
      'append p50 ms': quantile(ms, 0.5).toFixed(3),
      'p90 ms': quantile(ms, 0.9).toFixed(3),
      'p99 ms': quantile(ms, 0.99).toFixed(3),
      [`appends/s, ${WRITERS} writers (per round)`]: r.rate.map((x) => Math.round(x)).join(' / '),
      'client CPU µs/append (per round)': r.cpuUs.map((x) => Math.round(x)).join(' / '),
    };
  });
  console.log(`Redis Cluster 3 masters + 3 replicas; ${SEQUENTIAL} sequential appends and ${SECONDS} s of ${WRITERS} writers per mode and round, ${ROUNDS} rounds A B A B`);
  console.table(rows);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Faults in a two-node deployment on one Redis: Redis restarted or crashed mid-load, a node
// killed, Redis down. Each test has its own Redis and nodes.
import test from 'ava';
import type { StoredEvent } from '../../server/domain/events.ts';
import { RedisEventStore } from '../../server/store/redis.ts';
import { api, converged, hallState, issue, pressNext, sleep, startCluster, waitUntil, type Cluster } from './cluster.ts';
import { runLoad, type LoadResult } from './load.ts';
import { streams } from '../../server/store/streams.ts';

async function open(t: { teardown(fn: () => Promise<void>): void }, options?: Parameters<typeof startCluster>[0]) {
  const cluster = await startCluster(options);
  t.teardown(() => cluster.close());
  return cluster;
}

/** The whole log as Redis holds it, read with a client of our own. */
async function logOf(cluster: Cluster): Promise<StoredEvent[]> {
  const store = await RedisEventStore.open(cluster.redis.url);
  try {
    return await store.read(streams.hall('district'), 0);
  } finally {
    await store.close();
  }
}

/** What must hold after any fault: numbers unique, nothing called twice, nothing acknowledged lost. */
async function assertLogSound(t: import('ava').ExecutionContext, cluster: Cluster, load: LoadResult) {
  const log = await logOf(cluster);
  t.deepEqual(log.map((e) => e.seq), Array.from({ length: log.length }, (_, i) => i + 1), 'the log has no gaps');
  const issued = log.filter((e) => e.type === 'ticket:issued').map((e) => (e.data as { ticket: { id: string; serviceId: string; number: string } }).ticket);
  const numbers = issued.map((x) => `${x.serviceId}:${x.number}`);
  t.is(new Set(numbers).size, numbers.length, 'no number issued twice');
  const ids = new Set(issued.map((x) => x.id));
  const lost = [...load.acknowledged.keys()].filter((id) => !ids.has(id));
  t.deepEqual(lost, [], 'no acknowledged ticket lost');
  for (const [id, number] of load.acknowledged) t.is(numbers[issued.findIndex((x) => x.id === id)], number);
  const called = log.filter((e) => e.type === 'ticket:called').map((e) => (e.data as { ticketId: string }).ticketId);
  t.is(new Set(called).size, called.length, 'no ticket called twice');
  t.is(new Set(load.called).size, load.called.length, 'no clerk was handed a ticket twice');
  return { log, issued, called };
}

for (const [how, signal, appendfsync] of [
  ['restarted', 'SIGTERM', 'everysec'],
  ['crashed (kill -9, appendfsync always)', 'SIGKILL', 'always'],
] as const) {
  test.serial(`Redis ${how} mid-load: nodes reconnect by themselves, no acknowledged ticket lost, no number issued twice`, async (t) => {
    const cluster = await open(t, { redis: { appendfsync } });
    let restart: Promise<void> | undefined;
    const load = await runLoad({
      nodes: () => cluster.nodes,
      issues: 120,
      clerks: 10,
      onAck: (n) => {
        if (n === 40) restart = cluster.redis.restart(signal);
      },
    });
    await restart;
    t.truthy(restart, 'the restart happened mid-load');
    t.log('refusals during the load:', Object.fromEntries(load.refusals));
    t.is(load.acknowledged.size, 120, 'every ticket was eventually acknowledged');
    t.is(load.unreachable, 0, 'the nodes never went away');
    const statuses = [...load.refusals.keys()];
    t.true(statuses.every((s) => s === '503 store_unavailable'), `only 503 store_unavailable while Redis was away: ${statuses}`);

    // Both nodes serve again without being restarted.
    for (const node of cluster.nodes) t.is((await issue(node.url, 'tax')).status, 201);
    await converged(cluster.nodes);
    const { issued, called } = await assertLogSound(t, cluster, load);
    // Clerks drained the queue: every issued ticket of the load was called exactly once.
    for (const id of load.acknowledged.keys()) t.true(called.includes(id));
    t.true(issued.length >= 122);
  });
}

test.serial('a node killed mid-load: the other keeps serving, and a new node catches up', async (t) => {
  const cluster = await open(t);
  const live = [...cluster.nodes];
  let killed: Promise<void> | undefined;
  const load = await runLoad({
    nodes: () => live,
    issues: 100,
    clerks: 10,
    onAck: (n) => {
      if (n === 30) {
        const victim = live.shift()!;
        killed = victim.kill('SIGKILL');
      }
    },
  });
  await killed;
  t.is(load.acknowledged.size, 100);
  t.deepEqual([...load.refusals.keys()], [], 'the surviving node refused nothing');
  const survivor = live[0]!;
  t.is((await issue(survivor.url, 'social')).status, 201);
  t.is((await pressNext(survivor.url, '3')).status, 200);

  const replacement = await cluster.addNode();
  const eventId = await converged([survivor, replacement]);
  t.true(eventId > 100);
  const [fresh, old] = [await hallState(replacement.url), await hallState(survivor.url)];
  t.deepEqual({ ...fresh, at: 0 }, { ...old, at: 0 }, 'the new node holds the same hall as the survivor');
  const { called } = await assertLogSound(t, cluster, load);
  for (const id of load.acknowledged.keys()) t.true(called.includes(id), 'every acknowledged ticket was called');
});

test.serial('Redis down: requests get 503 store_unavailable at once, not a hang, and succeed again when it is back', async (t) => {
  const cluster = await open(t);
  const [a, b] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
  const before = await issue(a.url, 'business');
  t.is(before.status, 201);
  await cluster.redis.stop();

  // A hang would hit api()'s 20 s abort and fail the test; a 503 comes back well before.
  for (const node of [a, b]) {
    const issued = await issue(node.url, 'business');
    t.is(issued.status, 503);
    t.is(issued.body.error.code, 'store_unavailable');
    const next = await pressNext(node.url, '1');
    t.is(next.status, 503);
    t.is(next.body.error.code, 'store_unavailable');
    t.is((await api(node.url, 'GET', '/healthz')).status, 503);
  }

  await cluster.redis.start();
  const after: string[] = [];
  for (const node of [a, b]) {
    let res = await issue(node.url, 'business');
    for (let i = 0; i < 300 && res.status === 503; i++) {
      await sleep(50);
      res = await issue(node.url, 'business');
    }
    t.is(res.status, 201, 'serving again without a restart');
    after.push(res.body.number);
  }
  // The numbering continued after the outage; nothing was reused.
  const n = (s: string) => Number(s.slice(1));
  t.true(after.every((x) => n(x) > n(before.body.number)));
  t.not(after[0], after[1]);
  await waitUntil(async () => (await api(a.url, 'GET', '/healthz')).status === 200, 'healthz ok again');
});

test.serial('Redis hung (connections open, no answers): a burst of requests all get 503 within a command timeout, then recover', async (t) => {
  const cluster = await open(t);
  const [a, b] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
  t.is((await issue(a.url, 'social')).status, 201);
  cluster.redis.pause();
  // Each node runs a hall's commands one at a time: if every queued request waited out its own
  // command timeout (5 s here), the last of the 15 per node would wait 75 s, far past api()'s 20 s abort.
  const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => issue(i % 2 ? a.url : b.url, 'social')));
  t.deepEqual([...new Set(burst.map((r) => `${r.status} ${r.body.error?.code}`))], ['503 store_unavailable']);
  cluster.redis.resume();
  for (const node of [a, b]) {
    let res = await issue(node.url, 'social');
    for (let i = 0; i < 300 && res.status === 503; i++) {
      await sleep(50);
      res = await issue(node.url, 'social');
    }
    t.is(res.status, 201);
  }
  await converged(cluster.nodes);
});

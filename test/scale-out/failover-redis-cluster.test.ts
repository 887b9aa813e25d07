// A master of the Redis Cluster dies: 3 masters + 3 replicas started here, two OneWindow nodes on
// them with REDIS_WAIT_REPLICAS=1 (an append is answered once a replica has it). The master that
// owns the hall's slot is SIGKILLed while kiosks and clerks keep pressing; its replica is promoted,
// and the nodes must follow the new slot map by themselves. The promoted master has no replica of
// its own until the killed redis-server is started again (as its supervisor would) and rejoins as
// one: until then its appends cannot be confirmed and are answered 503 (docs/scale-out.md).
// Oracle: the log read afterwards from the cluster with a client of the test's own, against what
// the API acknowledged.
import test, { type ExecutionContext } from 'ava';
import type { StoredEvent } from '../../server/domain/events.ts';
import { RedisEventStore } from '../../server/store/redis.ts';
import { streams } from '../../server/store/streams.ts';
import { converged, issue, pressNext, sleep, startOnRedisCluster, waitUntil, type OnRedisCluster } from './cluster.ts';
import { runLoad, type LoadResult } from './load.ts';

const HALL_LOG = 'ow:{district}:log';

async function open(t: ExecutionContext, env: Record<string, string>): Promise<OnRedisCluster> {
  // A small cluster-node-timeout: the replica takes over about 2 s (+ its election) after the kill.
  const deployment = await startOnRedisCluster({ nodes: 2, redisCluster: { replicas: 1, nodeTimeoutMs: 2000 }, env });
  t.teardown(() => deployment.close());
  return deployment;
}

/** The hall's whole log as the cluster holds it now, read through the nodes that are still up. */
async function logOf(deployment: OnRedisCluster, dead: number[]): Promise<StoredEvent[]> {
  const live = deployment.redisCluster.servers.filter((s) => !dead.includes(s.port));
  const store = await RedisEventStore.open(live.map((s) => s.url).join(','));
  try {
    return await store.read(streams.hall('district'), 0);
  } finally {
    await store.close();
  }
}

type IssuedTicket = { id: string; serviceId: string; number: string };
const issuedIn = (log: StoredEvent[]) => log.filter((e) => e.type === 'ticket:issued').map((e) => (e.data as { ticket: IssuedTicket }).ticket);

/** Nothing acknowledged lost, no number of the day used twice, no ticket called twice. */
function assertLogSound(t: ExecutionContext, log: StoredEvent[], load: LoadResult) {
  t.deepEqual(log.map((e) => e.seq), Array.from({ length: log.length }, (_, i) => i + 1), 'the log has no gaps');
  const issued = issuedIn(log);
  const numbers = issued.map((x) => `${x.serviceId}:${x.number}`);
  t.is(new Set(numbers).size, numbers.length, 'no number issued twice');
  const byId = new Map(issued.map((x) => [x.id, `${x.serviceId}:${x.number}`]));
  t.deepEqual([...load.acknowledged.keys()].filter((id) => !byId.has(id)), [], 'every acknowledged ticket is in the log');
  for (const [id, number] of load.acknowledged) t.is(byId.get(id), number, `ticket ${id} has the number its visitor was given`);
  const called = log.filter((e) => e.type === 'ticket:called').map((e) => (e.data as { ticketId: string }).ticketId);
  t.is(new Set(called).size, called.length, 'no ticket called twice');
  t.deepEqual(load.called.filter((id) => !called.includes(id)), [], 'every call a clerk was answered is in the log');
}

test.serial("the master of the hall's slot killed mid-load: its replica takes over, both nodes serve again unrestarted, nothing acknowledged lost", async (t) => {
  const deployment = await open(t, { REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT_MS: '500' });
  const { redisCluster } = deployment;
  const victimPort = await redisCluster.ownerOf(HALL_LOG);
  const replicaPort = await redisCluster.replicaOf(victimPort);
  const victim = redisCluster.servers.find((s) => s.port === victimPort)!;

  const killAndRestart = async () => {
    const killedAt = Date.now();
    await victim.stop('SIGKILL');
    await waitUntil(async () => (await redisCluster.ownerOf(HALL_LOG)) === replicaPort, 'the replica to be promoted', 30_000);
    const promotedAt = Date.now();
    await victim.start();
    t.log(`master ${victimPort} killed; replica ${replicaPort} promoted ${promotedAt - killedAt} ms later; the killed one restarted`);
  };
  let killed: Promise<void> | undefined;
  const load = await runLoad({
    nodes: () => deployment.nodes,
    issues: 120,
    clerks: 6,
    onAck: (n) => {
      if (n === 40) killed = killAndRestart();
    },
  });
  await killed;
  t.truthy(killed, 'the master was killed mid-load');
  t.log('refusals during the load:', Object.fromEntries(load.refusals));

  t.is(await redisCluster.ownerOf(HALL_LOG), replicaPort, "the killed master's replica owns the hall's slot now");
  t.is(await redisCluster.replicaOf(replicaPort), victimPort, 'the restarted one is its replica');
  t.is(load.acknowledged.size, 120, 'every ticket of the load was eventually acknowledged, most after the kill');
  t.is(load.unreachable, 0, 'the nodes never went away');
  const refusals = [...load.refusals.keys()];
  t.true(refusals.every((r) => r === '503 store_unavailable'), `during the failover only 503 store_unavailable, never a 500: ${refusals}`);

  // Both nodes serve again, without a restart, and agree on the log.
  for (const node of deployment.nodes) {
    t.is((await issue(node.url, 'social')).status, 201);
    t.is((await pressNext(node.url, '3')).status, 200);
  }
  await converged(deployment.nodes);

  const log = await logOf(deployment, [victimPort]);
  assertLogSound(t, log, load);
  t.true(issuedIn(log).length >= 122);
});

test.serial('a replica too slow to confirm: the append is answered 503, and the tap retried with its key gets the ticket that landed, once', async (t) => {
  const deployment = await open(t, { REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT_MS: '500' });
  const { redisCluster, nodes } = deployment;
  const [a, b] = nodes as [OnRedisCluster['nodes'][0], OnRedisCluster['nodes'][0]];
  const replicaPort = await redisCluster.replicaOf(await redisCluster.ownerOf(HALL_LOG));
  const paused = redisCluster.servers.find((s) => s.port === replicaPort)!;

  const tap = (node: { url: string }) =>
    fetch(`${node.url}/api/tickets`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json', 'idempotency-key': 'kiosk-tap-7' },
      body: JSON.stringify({ service: 'social', lane: 'normal' }),
    }).then(async (res) => ({ status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true', body: await res.json() }));

  const before = await issue(a.url, 'social');
  t.is(before.status, 201);
  paused.pause(); // the replica answers nothing: the master has the append, no replica confirms it
  let first;
  try {
    first = await tap(a);
  } finally {
    paused.resume();
  }
  t.is(first.status, 503);
  t.is(first.body.error.code, 'store_unavailable');

  // The kiosk retries the same tap; the balancer sends it to the other node.
  let retry = await tap(b);
  for (let attempt = 0; retry.status === 503 && attempt < 40; attempt++) {
    await sleep(250);
    retry = await tap(b);
  }
  t.is(retry.status, 201);
  t.true(retry.replayed, 'the retry is answered with the append that landed, not a new ticket');

  const next = await issue(a.url, 'social');
  const n = (num: string) => Number(num.slice(1));
  t.is(n(retry.body.number), n(before.body.number) + 1, 'the tap got the number right after the previous one');
  t.is(n(next.body.number), n(retry.body.number) + 1, 'the next visitor gets the next number');

  const issued = issuedIn(await logOf(deployment, []));
  t.is(issued.filter((x) => x.id === retry.body.id).length, 1, 'the tap made exactly one ticket');
  t.deepEqual(
    issued.map((x) => x.number),
    [before.body.number, retry.body.number, next.body.number],
    'the log holds the three tickets and nothing else',
  );
});

test.serial('without REDIS_WAIT_REPLICAS a failover can lose acknowledged tickets: the node that folded them refuses to build on the shorter log', async (t) => {
  const deployment = await open(t, {});
  const { redisCluster } = deployment;
  const a = deployment.nodes[0]!;
  const victimPort = await redisCluster.ownerOf(HALL_LOG);
  const replicaPort = await redisCluster.replicaOf(victimPort);
  const [victim, replica] = [victimPort, replicaPort].map((port) => redisCluster.servers.find((s) => s.port === port)!) as [typeof redisCluster.servers[0], typeof redisCluster.servers[0]];

  const kept = [];
  for (let i = 0; i < 3; i++) kept.push(await issue(a.url, 'social'));
  // The replica stalls (SIGSTOP) and the master drops its link to it: what the master
  // acknowledges now never reaches the replica.
  replica.pause();
  await redisCluster.cli(victimPort, 'CLIENT', 'KILL', 'TYPE', 'replica');
  const lost = [];
  try {
    for (let i = 0; i < 2; i++) lost.push(await issue(a.url, 'social'));
    await victim.stop('SIGKILL');
  } finally {
    replica.resume();
  }
  for (const r of [...kept, ...lost]) t.is(r.status, 201, 'all five acknowledged');
  t.log(`master ${victimPort} killed with its replica ${replicaPort} cut off`);
  await waitUntil(async () => (await redisCluster.ownerOf(HALL_LOG)) === replicaPort, 'the stale replica to be promoted', 30_000);

  t.log('replica promoted');
  const ids = new Set(issuedIn(await logOf(deployment, [victimPort])).map((x) => x.id));
  t.log('log read');
  t.true(kept.every((r) => ids.has(r.body.id)), 'the tickets the replica had are there');
  t.false(lost.some((r) => ids.has(r.body.id)), 'the two acknowledged after the replica stalled are gone: async replication lost them');

  // Node A folded those two; building on the shorter log would hand their numbers out again.
  let answer = await issue(a.url, 'social');
  await waitUntil(async () => /Redis lost writes/.test(a.output()) || ((answer = await issue(a.url, 'social')), false), "node A to notice the shorter log", 30_000);
  t.is(answer.status, 503);
  t.is(answer.body.error.code, 'store_unavailable');
  t.is((await issue(a.url, 'social')).status, 503, 'it keeps refusing until it is restarted');
  t.is(issuedIn(await logOf(deployment, [victimPort])).length, 3, 'node A issued nothing on the shorter log');
});

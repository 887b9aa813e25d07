// The phantom ticket: Redis hangs (SIGSTOP) after node A has sent an issue's append, A answers
// 503, the append lands when Redis resumes. The kiosk retries the same tap (same Idempotency-Key)
// through the pages' own retry function, and the balancer sends it to node B: the visitor gets the
// ticket that landed, the log holds it once, and the next visitor gets the next number.
//
// Node A reaches Redis through a plain TCP relay of the test's, which stops Redis (SIGSTOP) the
// moment A's append script is about to reach it: "mid-request", at the one point that matters,
// every run. Node B talks to Redis directly.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retrying } from '../../displays/live/retry.ts';
import type { StoredEvent } from '../../server/domain/events.ts';
import { RedisEventStore } from '../../server/store/redis.ts';
import { startNodeProcess, type NodeProcess } from '../../server/dev/process.ts';
import { startRedisServer, type RedisServer } from '../../server/dev/redis-server.ts';
import { converged, sleep } from './cluster.ts';
import { streams } from '../../server/store/streams.ts';

/** A TCP relay to Redis; once armed, the first client chunk carrying EVALSHA stops Redis before it is passed on. */
async function relayTo(redis: RedisServer): Promise<{ port: number; armStopOnScript(): Promise<void>; close(): void }> {
  let armed: (() => void) | undefined;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    upstream.connect(redis.port, '127.0.0.1');
    client.on('data', (chunk) => {
      if (armed && /evalsha/i.test(chunk.toString('latin1'))) {
        redis.pause();
        armed();
        armed = undefined;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    armStopOnScript: () => new Promise<void>((r) => (armed = r)),
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

interface Answer {
  status: number;
  replayed: boolean;
  body: any;
}

async function issueOn(node: NodeProcess, key?: string): Promise<Answer> {
  const res = await fetch(`${node.url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ service: 'social', lane: 'normal' }),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true', body: await res.json() };
}

/** Throws like the pages' api() does, so retrying() sees the status. */
function orThrow(answer: Answer): Answer {
  if (answer.status >= 400) throw Object.assign(new Error(`${answer.status} ${answer.body?.error?.code}`), { status: answer.status, answer });
  return answer;
}

test.serial('Redis stopped mid-issue on node A: the tap retried with its key on node B gets the ticket that landed, once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-idem-scale-'));
  const redis = await startRedisServer();
  const relay = await relayTo(redis);
  const env = (name: string, url: string) => ({
    STORE: 'redis',
    REDIS_URL: url,
    DATA_DIR: join(dir, name),
    VOICE_ENGINE: 'none',
    REDIS_COMMAND_TIMEOUT_MS: '2000',
  });
  const nodes: NodeProcess[] = [];
  t.teardown(async () => {
    for (const n of nodes) await n.kill('SIGKILL');
    relay.close();
    await redis.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const a = await startNodeProcess(env('a', `redis://127.0.0.1:${relay.port}`));
  nodes.push(a);
  const b = await startNodeProcess(env('b', redis.url));
  nodes.push(b);

  // A first keyed tap on each node loads their key index, so the next one's only script is the append.
  const before = orThrow(await issueOn(a, 'warm-up-a'));
  orThrow(await issueOn(b, 'warm-up-b'));
  await converged([a, b]);

  const stopped = relay.armStopOnScript();
  const statuses: number[] = [];
  const tap = 'kiosk-tap-42';
  const answer = await retrying(
    async (attempt) => {
      // The balancer sends the first attempt to A, the retries to B.
      const res = await issueOn(attempt === 0 ? a : b, tap);
      statuses.push(res.status);
      return orThrow(res);
    },
    {
      delaysMs: Array(40).fill(250),
      sleep: async (ms) => {
        redis.resume(); // the hang ends while the kiosk waits to retry
        await sleep(ms);
      },
    },
  );
  await stopped;
  t.is(statuses[0], 503, 'node A answered 503 while Redis was stopped');
  t.is(answer.status, 201);
  t.true(answer.replayed, "B's answer replays the append A sent before the hang (the ticket had landed)");

  const store = await RedisEventStore.open(redis.url, { prefix: 'ow' });
  let log: StoredEvent[];
  try {
    log = await store.read(streams.hall('district'), 0);
  } finally {
    await store.close();
  }
  const issued = log.filter((e) => e.type === 'ticket:issued').map((e) => (e.data as { ticket: { id: string; number: string } }).ticket);
  t.is(issued.filter((x) => x.id === answer.body.id).length, 1, 'the tap made exactly one ticket:issued');
  t.is(issued.length, 3, 'two warm-up tickets and the tap: nothing else');
  t.is(issued.find((x) => x.id === answer.body.id)!.number, answer.body.number);

  // The next visitor, on either node, gets the number right after the tap's: no number was skipped.
  const next = await retrying(async () => orThrow(await issueOn(a)), { delaysMs: Array(40).fill(250) });
  const n = (num: string) => Number(num.slice(1));
  t.is(n(answer.body.number), n(before.body.number) + 2);
  t.is(n(next.body.number), n(answer.body.number) + 1);
});

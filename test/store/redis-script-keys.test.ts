// Every key a Lua script of the store touches is one it was handed in KEYS: Redis Cluster routes a
// script call by its KEYS, so a key made up inside the script (even one in the same slot) is an
// access the cluster never checked. The oracle is Redis itself: MONITOR shows each command a
// script runs right after the EVALSHA that ran it, and COMMAND GETKEYS says which arguments of a
// command are keys. A script made to break the rule shows that the check can fail.
import test from 'ava';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { startRedisServer } from '../../server/dev/redis-server.ts';
import { RedisEventStore } from '../../server/store/redis.ts';
import { streams } from '../../server/store/streams.ts';
import { hallEvents } from './stream-kinds.ts';

const SCRIPTS_DIR = new URL('../../server/store/redis/scripts/', import.meta.url);
const SCRIPTS = readdirSync(SCRIPTS_DIR)
  .filter((f) => f.endsWith('.lua'))
  .map((file) => {
    const text = readFileSync(new URL(file, SCRIPTS_DIR), 'utf8');
    // MONITOR prints a newline in an argument as the two characters \n.
    return { file, sha: createHash('sha1').update(text).digest('hex'), opening: text.slice(0, 80).replace(/\n/g, '\\n') };
  });

/** Which script file an EVALSHA (by sha1) or EVAL (by the opening of its text, as MONITOR prints it) ran. */
function scriptOf(command: string, shaOrText: string): string {
  const found = SCRIPTS.find((s) => (command === 'evalsha' ? s.sha === shaOrText : shaOrText.startsWith(s.opening)));
  return found?.file ?? `EVAL ${shaOrText.slice(0, 40)}`;
}

type Seen = { source: string; args: string[] };

/** Keys of one command, as Redis's key specs say (PUBLISH and the like have none). */
async function keysOf(redis: Redis, args: string[]): Promise<string[]> {
  // A command without arguments (TIME, read by the append script) has no keys; GETKEYS refuses it.
  if (args.length === 1) return [];
  try {
    return (await redis.call('COMMAND', 'GETKEYS', ...args)) as string[];
  } catch (err) {
    if (/no key arguments/.test((err as Error).message)) return [];
    throw err;
  }
}

/** Each command a script ran that touched a key not in that call's KEYS; and the scripts that ran. */
async function undeclaredKeys(redis: Redis, seen: Seen[]): Promise<{ violations: string[]; ran: Set<string> }> {
  const violations: string[] = [];
  const ran = new Set<string>();
  let call: { script: string; keys: string[] } | undefined;
  for (const { source, args } of seen) {
    const name = args[0]!.toLowerCase();
    if (source !== 'lua') {
      call = name === 'evalsha' || name === 'eval' ? { script: scriptOf(name, args[1]!), keys: args.slice(3, 3 + Number(args[2])) } : undefined;
      if (call) ran.add(call.script);
      continue;
    }
    for (const key of await keysOf(redis, args)) {
      if (!call!.keys.includes(key)) violations.push(`${call!.script}: ${args[0]} touches ${key}, not in KEYS [${call!.keys.join(', ')}]`);
    }
  }
  return { violations, ran };
}

test("the store's scripts touch only keys passed in KEYS (append across days, conflicts, snapshots, the purge's rewrite)", async (t) => {
  // Each part is torn down on its own, registered as soon as it exists: a step that fails part-way
  // (a connect timing out on a loaded machine) must not leave a client reconnecting forever, which
  // keeps ava's worker from exiting. ava runs teardowns last-registered first and goes on past one
  // that throws.
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  const watcher = new Redis(redis.url);
  t.teardown(() => watcher.disconnect());
  const plain = new Redis(redis.url);
  t.teardown(() => plain.disconnect());
  const monitor = await watcher.monitor();
  t.teardown(() => monitor.disconnect());
  // Not a test of timeouts: MONITOR makes Redis copy every command to the watcher, and with two
  // test files and busy CPUs the store's 2 s default ran out (seen in test/store/redis.test.ts).
  const store = await RedisEventStore.open(redis.url, { prefix: 'keys', rangeChunk: 3, commandTimeoutMs: 30_000 });
  t.teardown(() => store.close());
  const seen: Seen[] = [];
  monitor.on('monitor', (_time: string, args: string[], source: string) => seen.push({ source, args }));

  const h = streams.hall('h');
  const day0 = Date.UTC(2026, 10, 27, 22, 0);
  // One batch across midnight (two day indexes in one call), a conflict, more events, snapshots.
  await store.append(h, 0, [0, 1, 2].map((i) => hallEvents.event('h', `e${i}`, day0 + i * 3_600_000)));
  await t.throwsAsync(store.append(h, 1, [hallEvents.event('h', 'stale', day0)]));
  await store.append(h, 3, [3, 4, 5, 6].map((i) => hallEvents.event('h', `e${i}`, day0 + i * 3_600_000)));
  await store.saveSnapshot(h, { seq: 7, state: hallEvents.state('h', 7) });
  await store.saveSnapshot(h, { seq: 5, state: hallEvents.state('h', 5) });
  // The purge's rewrite: copies in steps of 3 entries, then swaps the copy in.
  const changed = await store.rewriteBefore(h, day0 + 4 * 3_600_000, (e) => (e.type === 'ticket:cancelled' ? { ...e, data: { ...e.data, ticketId: 'scrubbed' } } : undefined));
  t.is(changed, 4);

  // A script that builds a key inside Lua, so the check below is seen to catch one.
  await plain.eval("redis.call('SET', KEYS[1] .. ':made-up', 1) return 1", 1, 'keys:{h}:declared');
  await plain.echo('monitor-end');
  const monitorEnd = Date.now() + 30_000;
  while (!seen.some((s) => s.args[0] === 'echo' && s.args[1] === 'monitor-end')) {
    if (Date.now() > monitorEnd) throw new Error('MONITOR did not show the closing ECHO within 30 s');
    await new Promise((r) => setTimeout(r, 20));
  }

  const { violations, ran } = await undeclaredKeys(plain, seen);
  t.deepEqual(SCRIPTS.map((s) => s.file).filter((f) => !ran.has(f)), [], 'every script of the store ran');
  // Only the made-up key is reported: none from the store's scripts.
  t.is(violations.length, 1, violations.join('\n'));
  t.regex(violations[0]!, /^EVAL .*: SET touches keys:\{h\}:declared:made-up, not in KEYS \[keys:\{h\}:declared\]$/);
});

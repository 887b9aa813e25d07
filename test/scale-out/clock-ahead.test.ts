// A node whose clock runs ahead must not move the hall's time. Redis TIME is the authority: on a
// real redis-server whose own clock stands just before the hall's midnight, a node 10 minutes ahead
// has every change refused with 503 clock_skew (never a 500), shows itself degraded, and cannot
// start tomorrow for the hall; the honest node's day and numbers go on, and the new day starts only
// when Redis's clock reaches midnight. A node within the bound works as before, also on a Redis
// Cluster. The oracle reads the log and redis-cli TIME, not the engine.
import test, { type ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import type { StoredEvent } from '../../server/domain/events.ts';
import { startRedisCluster } from '../../server/dev/redis-cluster.ts';
import { startRedisServer } from '../../server/dev/redis-server.ts';
import { metricsPlugin } from '../../server/metrics/plugin.ts';
import { streamKeys } from '../../server/store/redis/keys.ts';
import { streams } from '../../server/store/streams.ts';
import { captureLog, LEVEL, type CapturedLog } from '../helpers/log-capture.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startShiftedRedisServer } from '../helpers/shifted-redis.ts';

const shanghai = (local: string) => Date.parse(`${local}+08:00`);
const TEN_MINUTES = 10 * 60_000;
/** The store's default bound on event times ahead of its clock (MAX_CLOCK_AHEAD_MS). */
const BOUND_MS = 5_000;

/** Redis's clock, read with redis-cli (epoch ms). */
function redisTime(port: number): number {
  const [seconds, micros] = execFileSync('redis-cli', ['-p', String(port), 'TIME'], { encoding: 'utf8' }).trim().split('\n').map(Number);
  return seconds! * 1000 + Math.floor(micros! / 1000);
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A node with the metrics feature (its /metrics shows the clock offset) on the Redis at redisUrl. */
async function startNode(t: ExecutionContext, redisUrl: string, clock: () => number): Promise<TestServer & { log: CapturedLog }> {
  const log = captureLog('info');
  const node = await startTestServer({ env: { STORE: 'redis', REDIS_URL: redisUrl }, engine: { clock }, plugins: [metricsPlugin()], logger: log.logger });
  t.teardown(() => node.close());
  return Object.assign(node, { log });
}

/** The clock monitor's log lines at `level` (the operator's cue in the log). */
const clockLines = (node: { log: CapturedLog }, level: number) => node.log.lines().filter((l) => l.component === 'clock' && l.level === level);

/** What the log holds: the days started in order, and each day's ticket numbers in issue order. */
function logView(log: StoredEvent[]) {
  const days = log.filter((e) => e.type === 'day:started').map((e) => (e.data as { serviceDay: string }).serviceDay);
  const numbers: Record<string, string[]> = {};
  for (const e of log) if (e.type === 'ticket:issued') (numbers[e.data.ticket.serviceDay] ??= []).push(e.data.ticket.number);
  return { days, numbers };
}

/** A001, A002, …: what a day's numbers are when every issue of the day was saved once. */
const consecutive = (n: number) => Array.from({ length: n }, (_, i) => `A${String(i + 1).padStart(3, '0')}`);

async function refusedWithClockSkew(t: ExecutionContext, res: Promise<{ status: number; body: any }>, what: string) {
  const { status, body } = await res;
  t.is(status, 503, `${what}: ${JSON.stringify(body)}`);
  t.is(body?.error?.code, 'clock_skew', what);
}

test.serial('a node 10 min ahead just before midnight cannot start tomorrow for the hall: refused with 503 clock_skew, the day starts by Redis’s clock', async (t) => {
  // Redis's own clock stands at 23:59:40 in Shanghai when it starts; the honest node agrees with it.
  const shift = shanghai('2026-11-27T23:59:40') - Date.now();
  const redis = await startShiftedRedisServer(shift);
  t.teardown(() => redis.destroy());
  const honest = await startNode(t, redis.url, () => Date.now() + shift);
  const ahead = await startNode(t, redis.url, () => Date.now() + shift + TEN_MINUTES);
  const midnight = shanghai('2026-11-28T00:00:00');

  // Before midnight by Redis's clock (with a margin for the request under way): the ahead node's
  // every kind of change is refused, the honest node's go on.
  let rounds = 0;
  while (redisTime(redis.port) < midnight - 3_000) {
    await refusedWithClockSkew(t, ahead.api.issue('business'), 'issue on the node ahead');
    await refusedWithClockSkew(t, ahead.api.window('1', 'next'), 'next on the node ahead');
    t.is((await honest.api.issue('business')).status, 201);
    rounds++;
    // Paced: on a quiet machine an unpaced loop issues more than the service's 999 numbers a day
    // in these 20 s, and the honest node's issue is then refused (429 daily_numbers_exhausted).
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  t.true(rounds >= 1, 'the nodes started before midnight by Redis’s clock');
  const beforeMidnight = logView(await honest.registry.store.read(streams.hall('district'), 0));
  t.deepEqual(beforeMidnight.days, ['2026-11-27'], 'tomorrow did not start before midnight by Redis’s clock');
  t.deepEqual(beforeMidnight.numbers, { '2026-11-27': consecutive(rounds) });
  t.is((await ahead.api.get('/api/state')).body.serviceDay, '2026-11-27', 'the node ahead shows the hall’s day, not its own');

  // Operators see it: the node ahead is degraded and says by how much; the honest one is fine.
  t.is((await ahead.api.get('/healthz')).status, 503);
  const health = (await ahead.api.get('/api/health', 'demo-admin')).body;
  t.is(health.clock.status, 'ahead');
  t.true(Math.abs(health.clock.offsetMs - TEN_MINUTES) < BOUND_MS, `offset measured ${health.clock.offsetMs} ms`);
  t.is((await honest.api.get('/healthz')).status, 200);
  t.is((await honest.api.get('/api/health', 'demo-admin')).body.clock.status, 'ok');
  const metrics = await fetch(`${ahead.url}/metrics`).then((r) => r.text());
  const offset = Number(/^onewindow_clock_offset_ms (\S+)$/m.exec(metrics)?.[1]);
  t.true(Math.abs(offset - TEN_MINUTES) < BOUND_MS, `metrics offset ${offset}`);
  const logged = clockLines(ahead, LEVEL.error);
  t.true(logged.length >= 1 && Math.abs(Number(logged[0]!.offsetMs) - TEN_MINUTES) < BOUND_MS, 'the node ahead logs its offset as an error');
  t.deepEqual(clockLines(honest, LEVEL.error), []);
  t.is(clockLines(honest, LEVEL.info).length, 1, 'the honest node logs its offset once, at start');

  // Past midnight by Redis's clock the new day starts (the honest node's day timer or its press),
  // numbered from A001; the node ahead is still refused.
  await until(() => redisTime(redis.port) >= midnight + 1_500, 'midnight by Redis’s clock');
  const first = await honest.api.issue('business');
  t.is(first.status, 201);
  t.is(first.body.number, 'A001');
  await refusedWithClockSkew(t, ahead.api.issue('business'), 'issue on the node ahead after midnight');

  const log = await honest.registry.store.read(streams.hall('district'), 0);
  const after = logView(log);
  t.deepEqual(after.days, ['2026-11-27', '2026-11-28']);
  t.deepEqual(after.numbers, { '2026-11-27': consecutive(rounds), '2026-11-28': ['A001'] });
  const storeNow = redisTime(redis.port);
  for (const e of log) t.true(e.at <= storeNow + BOUND_MS, `event ${e.seq} (${e.type}) is ${e.at - storeNow} ms ahead of Redis's clock`);
  t.true(log.every((e) => e.type !== 'day:started' || e.at >= shanghai(`${(e.data as { serviceDay: string }).serviceDay}T00:00:00`)));
});

test.serial('a node 2 s ahead, within the bound, works as before next to an honest one; a node behind is not refused but reported', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  const honest = await startNode(t, redis.url, Date.now);
  const slightlyAhead = await startNode(t, redis.url, () => Date.now() + 2_000);
  const behind = await startNode(t, redis.url, () => Date.now() - TEN_MINUTES);
  for (let i = 0; i < 4; i++) {
    for (const node of [honest, slightlyAhead, behind]) t.is((await node.api.issue('business')).status, 201);
  }
  t.is((await slightlyAhead.api.window('1', 'next')).status, 200);
  for (const node of [slightlyAhead, behind]) t.is((await node.api.get('/healthz')).status, 200);
  t.is((await slightlyAhead.api.get('/api/health', 'demo-admin')).body.clock.status, 'ok');
  t.is((await behind.api.get('/api/health', 'demo-admin')).body.clock.status, 'behind');
  t.is(clockLines(behind, LEVEL.warn).length, 1, 'the node behind logs a warning');
  const log = await honest.registry.store.read(streams.hall('district'), 0);
  const { numbers } = logView(log);
  t.deepEqual(Object.values(numbers), [consecutive(12)]);
  for (let i = 1; i < log.length; i++) t.true(log[i]!.at >= log[i - 1]!.at, `event ${log[i]!.seq} is earlier than the one before`);
  const storeNow = redisTime(redis.port);
  for (const e of log) t.true(e.at <= storeNow + BOUND_MS, `event ${e.seq} is ${e.at - storeNow} ms ahead of Redis's clock`);
});

test.serial('on a Redis Cluster: a node 10 min ahead is refused with 503 clock_skew, an honest one goes on', async (t) => {
  const cluster = await startRedisCluster();
  t.teardown(() => cluster.destroy());
  const honest = await startNode(t, cluster.url, Date.now);
  const ahead = await startNode(t, cluster.url, () => Date.now() + TEN_MINUTES);
  for (let i = 0; i < 3; i++) {
    t.is((await honest.api.issue('business')).status, 201);
    await refusedWithClockSkew(t, ahead.api.issue('business'), 'issue on the node ahead');
  }
  t.is((await ahead.api.get('/healthz')).status, 503);
  const log = await honest.registry.store.read(streams.hall('district'), 0);
  t.deepEqual(Object.values(logView(log).numbers), [consecutive(3)]);
  const port = await cluster.ownerOf(streamKeys('ow', streams.hall('district').id).log);
  const storeNow = redisTime(port);
  for (const e of log) t.true(e.at <= storeNow + BOUND_MS, `event ${e.seq} is ${e.at - storeNow} ms ahead of Redis's clock`);
});

test.serial('a clock that jumps ahead after start: the first refused press makes /healthz and /readyz say so at once, not at the next measurement', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  // The node's clock: right at start (its first measurement says ok), then 10 min ahead, as a wrong NTP step would make it.
  let shift = 0;
  const node = await startNode(t, redis.url, () => Date.now() + shift);
  t.is((await node.api.get('/healthz')).status, 200);
  t.is((await node.api.get('/readyz')).status, 200);
  t.is((await node.api.issue('business')).status, 201);

  shift = TEN_MINUTES;
  await refusedWithClockSkew(t, node.api.issue('business'), 'the first press after the jump');
  // Next measurement due in 30 s: what follows is the refusal's doing.
  t.is((await node.api.get('/healthz')).status, 503, '/healthz is degraded right after the refusal');
  const ready = await node.api.get('/readyz');
  t.is(ready.status, 503, '/readyz takes the node out of rotation');
  t.is(ready.body.status, 'degraded');
  const clock = (await node.api.get('/api/health', 'demo-admin')).body.clock;
  t.is(clock.status, 'ahead');
  const refusedLine = clockLines(node, LEVEL.error)[0];
  t.truthy(refusedLine, 'the refusal is logged as an error');
  t.true(Math.abs(Number(refusedLine!.offsetMs) - TEN_MINUTES) < BOUND_MS, `offset from the refusal ${refusedLine!.offsetMs} ms`);

  // The measurement the refusal started replaces the refusal's figure with a TIME round trip's.
  await until(() => clockLines(node, LEVEL.error).length >= 2, "the refusal's measurement");
  const measured = (await node.api.get('/api/health', 'demo-admin')).body.clock;
  t.like(measured, { status: 'ahead', basis: 'time' });
  t.true(Math.abs(measured.offsetMs - TEN_MINUTES) < BOUND_MS, `measured offset ${measured.offsetMs} ms`);
  t.is((await node.api.get('/healthz')).status, 503);
  t.is((await node.api.get('/readyz')).status, 503);
  const log = await node.registry.store.read(streams.hall('district'), 0);
  t.deepEqual(Object.values(logView(log).numbers), [['A001']], 'only the press before the jump is in the log');

  // The operator's log: the change of readiness once, with the offset; the probes' 503s are no warnings.
  const readiness = node.log.lines().filter((l) => l.component === 'readiness');
  t.is(readiness.length, 1, JSON.stringify(readiness));
  t.like(readiness[0], { level: LEVEL.warn, state: 'clock_ahead', ready: false });
  t.true(Number(readiness[0]!.offsetMs) > BOUND_MS);
  t.deepEqual(node.log.lines().filter((l) => l.level >= LEVEL.warn && (l.req as { url?: string } | undefined)?.url?.match(/^\/(healthz|readyz)/)), []);
});

test('a malformed MAX_CLOCK_AHEAD_MS stops the start with what is wrong', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  await t.throwsAsync(startTestServer({ env: { STORE: 'redis', REDIS_URL: redis.url, MAX_CLOCK_AHEAD_MS: '5s' } }), { message: /MAX_CLOCK_AHEAD_MS=5s/ });
});

// Redis is down at local midnight: the day timer's attempt fails, and it keeps trying with backoff,
// so once Redis is back the new service day starts by itself with nobody pressing anything.
// Real redis-server, real timers; the clock runs at real speed from 23:59:58 local.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import sinon from 'sinon';
import { HallRegistry } from '../../server/engine/hall-registry.ts';
import { RedisEventStore } from '../../server/store/redis.ts';
import { demoDeployment } from '../helpers/demo.ts';
import { startRedisServer } from '../../server/dev/redis-server.ts';

const shanghai = (local: string) => Date.parse(`${local}+08:00`);

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a day start that failed while Redis was down at midnight is retried until the new day has started', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  const store = await RedisEventStore.open(redis.url);
  const offset = shanghai('2026-11-27T23:59:58') - Date.now();
  const registry = new HallRegistry(demoDeployment, store, { clock: () => Date.now() + offset, dayStartRetry: { firstMs: 200, maxMs: 1000 } });
  await registry.start();
  t.teardown(async () => {
    await registry.stop();
    await store.close();
  });
  const engine = registry.get('district')!;
  await engine.execute({ type: 'issue', serviceId: 'business', lane: 'normal' });
  t.is(engine.current.serviceDay, '2026-11-27');

  const execute = sinon.spy(engine, 'execute');
  t.teardown(() => execute.restore());
  await redis.stop();
  const rollDays = () => execute.getCalls().filter((c) => c.args[0].type === 'rollDay');
  // The timer fires a second after midnight; wait for its attempt and see it fail.
  await until(() => rollDays().length >= 1, 'the day timer to try');
  const firstTry = await Promise.allSettled([rollDays()[0]!.returnValue]);
  t.is(firstTry[0]!.status, 'rejected', 'the store was down at midnight');
  t.is(engine.current.serviceDay, '2026-11-27');

  await redis.start();
  await until(() => engine.current.serviceDay === '2026-11-28', 'the new day to start');
  const log = await store.read(streams.hall('district'), 0);
  const started = log.filter((e) => e.type === 'day:started').map((e) => [(e.data as { serviceDay: string }).serviceDay, e.actor?.name]);
  t.deepEqual(started, [
    ['2026-11-27', undefined],
    ['2026-11-28', 'day-timer'],
  ]);
  t.true(rollDays().length >= 2, 'started by a retry, not by the first attempt');
});

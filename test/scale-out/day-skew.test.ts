// Two nodes whose clocks are 2 s apart share one log around local midnight, on a SQLite file and on
// a real redis-server: numbers are never repeated within a service day, no node ever goes back to an
// earlier day, and event times in the log never go back. The oracle reads the log, not the engine.
import test from 'ava';
import { streams } from '../../server/store/streams.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../../server/domain/events.ts';
import { startRedisServer } from '../../server/dev/redis-server.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const shanghai = (local: string) => Date.parse(`${local}+08:00`);
const SKEW_MS = 2_000;

async function aroundMidnight(t: import('ava').ExecutionContext, ahead: TestServer, behind: TestServer, clock: { now: number }) {
  const seen: Record<string, string[]> = { ahead: [], behind: [] };
  const nodes = { ahead, behind };
  for (clock.now = shanghai('2026-11-27T23:59:55'); clock.now <= shanghai('2026-11-28T00:00:04'); clock.now += 500) {
    for (const [name, node] of Object.entries(nodes)) {
      const res = await node.api.issue('business');
      t.is(res.status, 201, JSON.stringify(res.body));
      seen[name]!.push((await node.api.get('/api/state')).body.serviceDay);
    }
  }
  return { seen, log: await ahead.registry.store.read(streams.hall('district'), 0) };
}

function checkLog(t: import('ava').ExecutionContext, log: StoredEvent[], seen: Record<string, string[]>) {
  const days = log.filter((e) => e.type === 'day:started').map((e) => (e.data as { serviceDay: string }).serviceDay);
  t.deepEqual(days, ['2026-11-27', '2026-11-28'], 'each day started once, in order');
  const numbers = new Map<string, string[]>();
  for (const e of log) {
    if (e.type !== 'ticket:issued') continue;
    const { serviceDay, number } = e.data.ticket;
    numbers.set(serviceDay, [...(numbers.get(serviceDay) ?? []), number]);
  }
  for (const [day, list] of numbers) t.is(new Set(list).size, list.length, `numbers repeated on ${day}: ${list.join(' ')}`);
  t.is([...numbers.values()].flat().length, Object.values(seen).flat().length, 'every issue made one ticket');
  t.true(numbers.get('2026-11-28')!.includes('A001'));
  for (let i = 1; i < log.length; i++) t.true(log[i]!.at >= log[i - 1]!.at, `event ${log[i]!.seq} is earlier than the one before`);
  for (const [node, list] of Object.entries(seen))
    t.deepEqual(list, [...list].sort(), `${node} went back to an earlier day: ${list.join(' ')}`);
}

test.serial('on one SQLite file: clocks 2 s apart around midnight never repeat a number or restart yesterday', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-skew-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = { now: 0 };
  const ahead = await startTestServer({ dataDir, engine: { clock: () => clock.now + SKEW_MS } });
  t.teardown(() => ahead.close());
  const behind = await startTestServer({ dataDir, engine: { clock: () => clock.now } });
  t.teardown(() => behind.close());
  const { seen, log } = await aroundMidnight(t, ahead, behind, clock);
  checkLog(t, log, seen);
});

test.serial('on one redis-server: clocks 2 s apart around midnight never repeat a number or restart yesterday', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.destroy());
  const env = { STORE: 'redis', REDIS_URL: redis.url };
  const clock = { now: 0 };
  const ahead = await startTestServer({ env, engine: { clock: () => clock.now + SKEW_MS } });
  t.teardown(() => ahead.close());
  const behind = await startTestServer({ env, engine: { clock: () => clock.now } });
  t.teardown(() => behind.close());
  const { seen, log } = await aroundMidnight(t, ahead, behind, clock);
  checkLog(t, log, seen);
});

// Snapshots in a rolling upgrade (docs/scale-out.md, "Upgrading node by node"), on a real SQLite file
// and a real redis-server: a hall snapshot saved by this version is not where nodes of the version
// before (which knew no snapshot format) look; a snapshot of a format this node does not know is
// never read, and the hall comes back whole from the log; the unversioned snapshot those nodes saved
// still starts this one. "Where the older nodes look" is read with plain SQL and plain Redis
// commands, as that version's code does, not through the store under test.
import test, { type ExecutionContext } from 'ava';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServer } from '../../server/dev/redis-server.ts';
import { HALL_SNAPSHOT_FORMAT } from '../../server/domain/restore.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import type { EventStore } from '../../server/store/port.ts';
import { RedisEventStore } from '../../server/store/redis.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { streams } from '../../server/store/streams.ts';
import { demoHall } from '../helpers/demo.ts';
import { captureLog, LEVEL } from '../helpers/log-capture.ts';

const HALL = streams.hall(demoHall.id);

/** A store under test, and the unversioned snapshot place read and written as the version before does. */
interface Backend {
  store: EventStore;
  /** The seq of the snapshot where nodes that knew no format look, or null. */
  legacySeq(): Promise<number | null>;
  /** Saves a snapshot there, as such a node does. */
  writeLegacy(seq: number, json: string): Promise<void>;
}

let redis: Promise<RedisServer> | undefined;
const redisServer = () => (redis ??= startRedisServer());
test.after.always(async () => (await redis)?.destroy());

async function sqliteBackend(t: ExecutionContext): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-snap-format-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'log.sqlite');
  const store = new SqliteEventStore(file);
  const raw = new Database(file);
  t.teardown(() => { raw.close(); return store.close(); });
  return {
    store,
    legacySeq: async () => raw.prepare<[string], number>('SELECT seq FROM snapshots WHERE hall_id = ?').pluck().get(HALL.id) ?? null,
    writeLegacy: async (seq, json) => {
      raw.prepare('INSERT INTO snapshots (hall_id, seq, state) VALUES (?, ?, ?) ON CONFLICT (hall_id) DO UPDATE SET seq = excluded.seq, state = excluded.state').run(HALL.id, seq, json);
    },
  };
}

async function redisBackend(t: ExecutionContext): Promise<Backend> {
  const { url } = await redisServer();
  const prefix = `snap-${Math.random().toString(36).slice(2)}`;
  const store = await RedisEventStore.open(url, { prefix, pollMs: 200 });
  const raw = new Redis(url);
  t.teardown(async () => { raw.disconnect(); await store.close(); });
  const legacyKey = `${prefix}:{${HALL.id}}:snapshot`;
  return {
    store,
    legacySeq: async () => {
      const seq = await raw.hget(legacyKey, 'seq');
      return seq === null ? null : Number(seq);
    },
    writeLegacy: async (seq, json) => void (await raw.hset(legacyKey, 'seq', seq, 'state', json)),
  };
}

/** A hall with some history: tickets issued in three lanes, some called and one finished. */
async function busyHall(store: EventStore): Promise<HallEngine> {
  const engine = new HallEngine(demoHall, store, { snapshotEvery: 5 });
  await engine.start();
  for (let i = 0; i < 24; i++) await engine.execute({ type: 'issue', serviceId: i % 2 ? 'social' : 'tax', lane: i % 3 ? 'normal' : 'elderly' });
  await engine.execute({ type: 'callNext', windowId: '3' });
  await engine.execute({ type: 'callNext', windowId: '1' });
  return engine;
}

/** The hall's stream reads the engine makes, by the seq they start after. */
function countReads(store: EventStore): number[] {
  const afterSeqs: number[] = [];
  const read = store.read.bind(store);
  store.read = (stream, afterSeq, limit) => {
    if (stream.id === HALL.id) afterSeqs.push(afterSeq);
    return read(stream, afterSeq, limit);
  };
  return afterSeqs;
}

/** States are JSON data: compared as stored (a key set to undefined is no key). */
const asStored = (state: unknown) => JSON.parse(JSON.stringify(state)) as unknown;

for (const [name, open] of [['sqlite', sqliteBackend], ['redis', redisBackend]] as const) {
  test(`${name}: a hall snapshot saved by this version is not where nodes that knew no format look`, async (t) => {
    const b = await open(t);
    const engine = await busyHall(b.store);
    await engine.stop();
    t.truthy(await b.store.loadSnapshot(HALL, HALL_SNAPSHOT_FORMAT), 'saved in its own format');
    t.is(await b.legacySeq(), null, 'an older node finds no snapshot, and folds the log');
  });

  test(`${name}: a snapshot of a format this node does not know is ignored, and the hall comes back whole from the log`, async (t) => {
    const b = await open(t);
    const first = await busyHall(b.store);
    await first.stop();
    const last = await b.store.lastSeq(HALL);
    await b.store.deleteSnapshot(HALL, HALL_SNAPSHOT_FORMAT);
    // What a newer version might save: a shape this one would read as a hall without tickets.
    const future = { hallId: demoHall.id, tickets: { format: 'from a later version' }, queues: {} };
    for (const format of [HALL_SNAPSHOT_FORMAT + 1, 99]) await b.store.saveSnapshot(HALL, { seq: last, state: future as never }, undefined, format);

    const reads = countReads(b.store);
    const log = captureLog();
    const again = new HallEngine(demoHall, b.store, { log: log.logger });
    await again.start();
    t.teardown(() => again.stop());
    t.is(reads[0], 0, 'folded from the start of the log');
    t.true(log.lines().some((l) => l.level === LEVEL.warn && l.format === HALL_SNAPSHOT_FORMAT + 1), 'the operator is told why');
    t.deepEqual(again.current, asStored(first.current));
    const { events } = await again.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
    t.is((events[0]!.data as { ticket: { number: string } }).ticket.number, 'B013', 'numbering goes on after the 12 social tickets');
  });

  test(`${name}: the unversioned snapshot that nodes before formats saved still starts the hall (the upgrade path)`, async (t) => {
    const b = await open(t);
    const first = await busyHall(b.store);
    await first.stop();
    const last = await b.store.lastSeq(HALL);
    await b.store.deleteSnapshot(HALL, HALL_SNAPSHOT_FORMAT);
    await b.writeLegacy(last, JSON.stringify(first.current));

    const reads = countReads(b.store);
    const upgraded = new HallEngine(demoHall, b.store);
    await upgraded.start();
    t.is(reads[0], last, 'started from that snapshot: only events after it were read');
    t.deepEqual(upgraded.current, asStored(first.current));
    await upgraded.execute({ type: 'issue', serviceId: 'tax', lane: 'normal' });
    await upgraded.stop();
    t.is(await b.legacySeq(), last, "the older nodes' snapshot is left to them");
    t.is((await b.store.loadSnapshot(HALL, HALL_SNAPSHOT_FORMAT))!.seq, last + 1, 'the upgraded node saves its own format');
  });
}

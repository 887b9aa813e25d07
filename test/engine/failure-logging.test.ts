// Failures that reach no caller — a live-event listener that throws, a snapshot that cannot be saved,
// a catch-up read that fails — are logged with the stream they happened on, and the engine goes on.
// Real engines on real SQLite files; the faults are a throwing listener and a store whose one
// operation is made to fail.
import test from 'ava';
import { ticketList, type TicketTable } from '../../server/domain/ticket-table.ts';
import type { Envelope, Stored } from '../../server/domain/envelope.ts';
import type { Stream } from '../../server/store/port.ts';
import { HALL_SNAPSHOT_FORMAT } from '../../server/domain/restore.ts';
import { streams } from '../../server/store/streams.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { demoHall } from '../helpers/demo.ts';
import { captureLog, LEVEL } from '../helpers/log-capture.ts';

function tempFile(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-faillog-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'log.sqlite');
}

/** A real SQLite store whose snapshot saves or reads can be made to fail. */
class FaultySqliteStore extends SqliteEventStore {
  failSnapshots = false;
  failReads = false;
  override saveSnapshot(...args: Parameters<SqliteEventStore['saveSnapshot']>) {
    return this.failSnapshots ? Promise.reject(new Error('disk full')) : super.saveSnapshot(...args);
  }
  override read<E extends Envelope>(stream: Stream<E, unknown>, afterSeq: number, limit?: number): Promise<Stored<E>[]> {
    return this.failReads ? Promise.reject(new Error('database is locked')) : super.read(stream, afterSeq, limit);
  }
}

test('a listener that throws is logged at error level with the stream; the command and other listeners are unaffected', async (t) => {
  const log = captureLog();
  const store = new SqliteEventStore(tempFile(t));
  t.teardown(() => store.close());
  const engine = new HallEngine(demoHall, store, { log: log.logger });
  await engine.start();
  t.teardown(() => engine.stop());
  engine.onEvents(() => {
    throw new Error('display push broke');
  });
  const seen: number[] = [];
  engine.onEvents((events) => seen.push(...events.map((e) => e.seq)));

  const { events } = await engine.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });

  t.is(events.length > 0, true);
  t.deepEqual(seen, events.map((e) => e.seq), 'the second listener still heard of every event');
  const failures = log.lines().filter((l) => l.msg === 'event listener failed');
  t.is(failures.length, 1);
  t.true(failures[0]!.level >= LEVEL.error);
  t.is(failures[0]!.stream, demoHall.id);
  t.is(failures[0]!.err?.message, 'display push broke');
  t.truthy(failures[0]!.err?.stack);
});

test('a snapshot that cannot be saved is logged with the stream and seq, and commands go on', async (t) => {
  const log = captureLog();
  const store = new FaultySqliteStore(tempFile(t));
  t.teardown(() => store.close());
  const engine = new HallEngine(demoHall, store, { log: log.logger, snapshotEvery: 2 });
  await engine.start();
  store.failSnapshots = true;
  for (let i = 0; i < 4; i++) await engine.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });

  const line = await log.waitFor((l) => /snapshot/.test(l.msg ?? '') && l.level >= LEVEL.warn);
  t.is(line.stream, demoHall.id);
  t.is(line.err?.message, 'disk full');
  t.true(typeof line.seq === 'number' && line.seq > 0 && line.seq <= engine.current.seq);
  t.is(engine.current.tickets.size, 4, 'every ticket was issued');

  // The state after one more command is saved at the latest at stop; that failure is logged too.
  await engine.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  await engine.stop();
  const last = log.lines().filter((l) => /snapshot/.test(l.msg ?? '') && l.seq === engine.current.seq);
  t.is(last.length, 1);
  t.true(last[0]!.level >= LEVEL.warn);
  t.is(await store.loadSnapshot(streams.hall(demoHall.id), HALL_SNAPSHOT_FORMAT), null, 'nothing was saved');
});

test("a failed catch-up of another process's appends is logged with the stream; the next append catches up", async (t) => {
  const file = tempFile(t);
  const log = captureLog();
  const writerStore = new SqliteEventStore(file);
  const readerStore = new FaultySqliteStore(file, { pollMs: 20 });
  t.teardown(async () => {
    await readerStore.close();
    await writerStore.close();
  });
  const writer = new HallEngine(demoHall, writerStore);
  const reader = new HallEngine(demoHall, readerStore, { log: log.logger });
  await writer.start();
  await reader.start();
  t.teardown(async () => {
    await reader.stop();
    await writer.stop();
  });

  readerStore.failReads = true;
  await writer.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  const line = await log.waitFor((l) => /catching up/.test(l.msg ?? ''));
  t.true(line.level >= LEVEL.warn);
  t.is(line.stream, demoHall.id);
  t.is(line.err?.message, 'database is locked');
  t.is(reader.current.seq, 0, 'the reader has not folded what it could not read');

  readerStore.failReads = false;
  await writer.execute({ type: 'issue', serviceId: 'social', lane: 'normal' });
  while (reader.current.seq < writer.current.seq) await new Promise((r) => setTimeout(r, 20));
  const ids = (tickets: TicketTable) => ticketList(tickets).map((x) => x.id).sort();
  t.is(ids(writer.current.tickets).length, 2);
  t.deepEqual(ids(reader.current.tickets), ids(writer.current.tickets));
});

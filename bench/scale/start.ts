// Start after a day of events on the hall's own stream: how long the hall engine takes to be
// ready, from the snapshot a clean stop leaves, after a crash at the worst moment (the snapshot
// is as old as the policy lets it get), and without any snapshot; next to the floor of any
// replay, reading and parsing the same events from the store, in the same run.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { streams } from '../../server/store/streams.ts';
import { HALL_ID, seedDay } from './hall.ts';

const RUNS = 3;

export interface StartTimes {
  events: number;
  /** The longest tail the snapshot policy allows at this state (a crash just before the next snapshot). */
  tail: number;
  readMs: number[];
  cleanMs: number[];
  crashMs: number[];
  noSnapshotMs: number[];
}

async function timeStart(configFile: string, file: string): Promise<number> {
  const hall = loadDeploymentFile(configFile).halls[0]!;
  const store = new SqliteEventStore(file);
  const engine = new HallEngine(hall, store);
  const t0 = performance.now();
  await engine.start();
  const ms = performance.now() - t0;
  // Not stopped: a stop would save a snapshot at the head, and every run must start from the same one.
  await store.close();
  return ms;
}

async function timeRead(file: string): Promise<number> {
  const store = new SqliteEventStore(file);
  const t0 = performance.now();
  await store.read(streams.hall(HALL_ID), 0);
  const ms = performance.now() - t0;
  await store.close();
  return ms;
}

function dropSnapshot(file: string) {
  const db = new Database(file);
  db.prepare('DELETE FROM snapshots WHERE hall_id = ?').run(HALL_ID);
  db.close();
}

/** A day of about `events` events in dir, started three ways. */
export async function measureStart(configFile: string, dir: string, events: number): Promise<StartTimes> {
  // issue + call (which finishes the ticket before) ≈ 3 events a ticket, a tenth left waiting.
  const tickets = Math.round(events / 2.8);
  const clean = join(dir, 'clean');
  const total = await seedDay(configFile, clean, tickets, Math.round(tickets / 10));
  const cleanFile = join(clean, 'onewindow.sqlite');
  const hall = loadDeploymentFile(configFile).halls[0]!;
  // The policy's longest tail: `every` plus the state's size in tickets.
  const tail = 500 + tickets;
  const noSnapFile = join(dir, 'no-snapshot.sqlite');
  copyFileSync(cleanFile, noSnapFile);
  dropSnapshot(noSnapFile);
  const crashFile = await crashedCopy(hall, noSnapFile, join(dir, 'crash.sqlite'), total - tail);
  const times: StartTimes = { events: total, tail, readMs: [], cleanMs: [], crashMs: [], noSnapshotMs: [] };
  for (let r = 0; r < RUNS; r++) {
    times.readMs.push(await timeRead(cleanFile));
    times.cleanMs.push(await timeStart(configFile, cleanFile));
    times.crashMs.push(await timeStart(configFile, crashFile));
    times.noSnapshotMs.push(await timeStart(configFile, noSnapFile));
  }
  return times;
}

/** A copy of the snapshot-less log with one snapshot at `atSeq`, as a node that crashed with the tail unsnapshotted leaves it. */
async function crashedCopy(hall: ReturnType<typeof loadDeploymentFile>['halls'][number], from: string, to: string, atSeq: number): Promise<string> {
  copyFileSync(from, to);
  const store = new SqliteEventStore(to);
  const { evolve, initialState } = await import('../../server/domain/evolve.ts');
  const { HALL_SNAPSHOT_FORMAT } = await import('../../server/domain/restore.ts');
  let state = initialState(hall.id);
  for (const e of await store.read(streams.hall(hall.id), 0, atSeq)) state = evolve(state, e);
  // Saved the way the engine saves it (StreamEngine.snapshot → store.saveSnapshot).
  await store.saveSnapshot(streams.hall(hall.id), { seq: atSeq, state }, undefined, HALL_SNAPSHOT_FORMAT);
  await store.close();
  return to;
}

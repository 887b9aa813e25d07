// The scale bench's hall: 20 services and 200 windows (a large city hall), and a day of tickets
// written into its embedded store before the server under test starts, through the real engine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { HallEngine } from '../../server/engine/hall-engine.ts';
import { SqliteEventStore } from '../../server/store/sqlite.ts';

export const SERVICES = 20;
export const WINDOWS = 200;
export const HALL_ID = 'city';

/** The service ids each window takes: its own (window i → service i mod 20) and two neighbours. */
export function windowServices(windowIndex: number): string[] {
  return [0, 1, 7].map((k) => `s${(windowIndex + k) % SERVICES}`);
}

export function scaleHallFile(dir: string): string {
  const services = Array.from({ length: SERVICES }, (_, i) => ({
    id: `s${i}`,
    prefix: String.fromCharCode(65 + i),
    name: { zh: `业务${i}`, en: `Service ${i}` },
    targetWaitMinutes: 15,
    avgServiceMinutes: 8,
  }));
  const windows = Array.from({ length: WINDOWS }, (_, i) => ({
    id: String(i + 1),
    number: i + 1,
    name: { zh: `${i + 1}号窗口`, en: `Window ${i + 1}` },
    services: windowServices(i),
  }));
  const tokens = [
    { token: 'bench-triage', role: 'triage', name: 'triage' },
    { token: 'bench-display', role: 'display', name: 'display' },
    ...windows.map((w) => ({ token: `bench-clerk-${w.id}`, role: 'clerk', windows: [w.id], name: `clerk ${w.id}` })),
  ];
  const hall = {
    id: HALL_ID,
    name: { zh: '市政务服务中心', en: 'City Service Center' },
    timeZone: 'Asia/Shanghai',
    lanes: ['green', 'appointment', 'elderly', 'normal'],
    // No guard between presses of next: the clerks of the bench press it back to back.
    policy: { elderlyStreakMax: 2, maxWaitMinutes: 60, noShowGraceMinutes: 30, nextGuardSeconds: 0 },
    services,
    windows,
  };
  const file = join(dir, 'scale-hall.yaml');
  writeFileSync(file, stringify({ ...hall, tokens }));
  return file;
}

/**
 * Writes a day into `dataDir`'s store through the hall engine: `tickets` issued round the
 * services, all but `waiting` of them called (which finishes the window's one before). Returns the
 * number of events in the hall's log.
 */
export async function seedDay(configFile: string, dataDir: string, tickets: number, waiting: number): Promise<number> {
  mkdirSync(dataDir, { recursive: true });
  const hall = loadDeploymentFile(configFile).halls[0]!;
  const store = new SqliteEventStore(join(dataDir, 'onewindow.sqlite'));
  const engine = new HallEngine(hall, store);
  await engine.start();
  const served = tickets - waiting;
  for (let i = 0; i < served; i++) {
    await engine.execute({ type: 'issue', serviceId: `s${i % SERVICES}`, lane: 'normal' });
    await engine.execute({ type: 'callNext', windowId: String((i % WINDOWS) + 1) });
  }
  for (let i = 0; i < waiting; i++) await engine.execute({ type: 'issue', serviceId: `s${i % SERVICES}`, lane: 'normal' });
  const events = engine.position;
  await engine.stop();
  await store.close();
  return events;
}

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

/**
 * A second hall like the first, for the clerks' warm-up (bench/scale/clerks.ts): the server's code
 * gets warm there without using up the numbers of the measured hall's day. Its tokens are its own.
 */
export const WARM_UP_HALL_ID = 'warm-up';
export const WARM_UP_API = `/api/halls/${WARM_UP_HALL_ID}`;
export const WARM_UP_TOKENS = 'warm';

/**
 * The warm-up hall's day, written by seedWarmUpDay: like the measured hall's, it is read back from
 * its snapshot at start, with 1,000 tickets waiting and one called at each window, so that the
 * warm-up's first presses call restored tickets as the measured run's do. A state read back from
 * JSON has other hidden classes than one built live (tickets, numbers, tallies, queues). Warmed up
 * on a day begun live, V8 had seen only the live ones: in the measured run's first half second it
 * dropped 24–64 optimised functions, most for "wrong map" (--trace-deopt, 5 runs), and the server
 * spent 0.30–0.85 ms CPU a request there (4 runs, 8 s warm-ups) against 0.13–0.18 later; with this
 * day 14–33 functions (6 runs) and 0.15–0.40 ms (4 runs; machine load 9–12, 05:20–06:04 UTC). What
 * still deopts is the hall being another hall (its own closures: "wrong call target"), its first
 * restored state, and what it builds on its first presses (the first-free table, the forecast).
 * Fewer done tickets than the measured hall's leave the warm-up numbers (999 a service: at most
 * WARM_UP_ISSUES issues) and keep the memory rows about as they were.
 */
export const WARM_UP_DAY = { tickets: 1_200, waiting: 1_000 };
export const WARM_UP_ISSUES = 18_000;

export function seedWarmUpDay(configFile: string, dataDir: string): Promise<number> {
  return seedDay(configFile, dataDir, WARM_UP_DAY.tickets, WARM_UP_DAY.waiting, WARM_UP_HALL_ID);
}

function cityHall(id: string, name: { zh: string; en: string }) {
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
  return {
    id,
    name,
    timeZone: 'Asia/Shanghai',
    lanes: ['green', 'appointment', 'elderly', 'normal'],
    // No guard between presses of next: the clerks of the bench press it back to back.
    policy: { elderlyStreakMax: 2, maxWaitMinutes: 60, noShowGraceMinutes: 30, nextGuardSeconds: 0 },
    services,
    windows,
  };
}

/** The triage desk's and every window's clerk token (`<prefix>-triage`, `<prefix>-clerk-<window>`), of one hall when `hall` is given. */
function hallTokens(prefix: string, hall?: string) {
  const scope = hall ? { hall } : {};
  const of = hall ? `${hall} ` : '';
  return [
    { token: `${prefix}-triage`, role: 'triage', name: `${of}triage`, ...scope },
    ...Array.from({ length: WINDOWS }, (_, i) => ({ token: `${prefix}-clerk-${i + 1}`, role: 'clerk', windows: [String(i + 1)], name: `${of}clerk ${i + 1}`, ...scope })),
  ];
}

/** The measured hall (the first, the default under /api), and with `warmUpHall` the warm-up hall after it. */
export function scaleHallFile(dir: string, o: { warmUpHall?: boolean } = {}): string {
  const city = cityHall(HALL_ID, { zh: '市政务服务中心', en: 'City Service Center' });
  const tokens = [{ token: 'bench-display', role: 'display', name: 'display' }, ...hallTokens('bench')];
  const file = join(dir, 'scale-hall.yaml');
  if (!o.warmUpHall) writeFileSync(file, stringify({ ...city, tokens }));
  else {
    const warmUp = cityHall(WARM_UP_HALL_ID, { zh: '预热大厅', en: 'Warm-up hall' });
    writeFileSync(file, stringify({ halls: [city, warmUp], tokens: [...tokens, ...hallTokens(WARM_UP_TOKENS, WARM_UP_HALL_ID)] }));
  }
  return file;
}

/**
 * Writes a day into `dataDir`'s store through the hall engine: `tickets` issued round the
 * services, all but `waiting` of them called (which finishes the window's one before). Returns the
 * number of events in the hall's log. The hall is the file's first unless `hallId` names another.
 */
export async function seedDay(configFile: string, dataDir: string, tickets: number, waiting: number, hallId?: string): Promise<number> {
  mkdirSync(dataDir, { recursive: true });
  const halls = loadDeploymentFile(configFile).halls;
  const hall = hallId === undefined ? halls[0]! : halls.find((h) => h.id === hallId)!;
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

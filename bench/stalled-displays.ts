// Overload protection, measured: the production form (`npm run start:prod`: built, 256 MB old space)
// with STALL_DISPLAYS display sockets that stop reading (their TCP sockets paused, as frozen
// browsers) while 200 clerks issue, call and finish. Unguarded (the slow-consumer limits at 10^12 - 1
// and OVERLOAD_PROTECTION=off, as before this branch) against guarded (the defaults), alternating,
// each on a fresh copy of one seeded day: the server's peak RSS, whether it survived, the clerks'
// rate and p95, the server's CPU per clerk request, and the sockets it cut off.
//   npx tsx bench/stalled-displays.ts   (STALL_DISPLAYS 1000, STALL_SECONDS 10, STALL_ROUNDS 2)
import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Socket as NetSocket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { buildDist } from '../server/dev/build.ts';
import { PRODUCTION_NODE, startNodeProcess } from '../server/dev/process.ts';
import { printTable, type Row } from './lib.ts';
import { cpuMsOf, runClerks } from './scale/clerk-run.ts';
import { scaleHallFile, seedDay } from './scale/hall.ts';

const DISPLAYS = Number(process.env.STALL_DISPLAYS ?? 1000);
const SECONDS = Number(process.env.STALL_SECONDS ?? 10);
const ROUNDS = Number(process.env.STALL_ROUNDS ?? 2);
const UNLIMITED = '999999999999';
const ALL_MODES: { name: string; env: Record<string, string> }[] = [
  { name: 'unguarded', env: { OVERLOAD_PROTECTION: 'off', REALTIME_MAX_QUEUED_BYTES: UNLIMITED, REALTIME_MAX_QUEUED_PACKETS: UNLIMITED } },
  { name: 'guarded (defaults)', env: {} },
];
const MODES = ALL_MODES.filter((m) => !process.env.STALL_ONLY || m.name.startsWith(process.env.STALL_ONLY));
/** STALL_GUARD_ENV="NAME=value …" adds to the guarded mode's environment (to try other bounds). */
for (const pair of (process.env.STALL_GUARD_ENV ?? '').split(/\s+/).filter(Boolean)) {
  const [name, value] = pair.split('=') as [string, string];
  MODES.find((m) => m.name.startsWith('guarded'))!.env[name] = value;
}

type Command = { cmd: 'connect'; url: string; n: number } | { cmd: 'pause' } | { cmd: 'close' };

/** The display side, a process of its own: connects, then pauses every socket's TCP stream. */
function displayProcess() {
  let sockets: Socket[] = [];
  const connectOne = (url: string) =>
    new Promise<Socket | null>((resolve) => {
      const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60_000 });
      s.once('snapshot', () => resolve(s));
      s.once('connect_error', () => (s.close(), resolve(null)));
    });
  process.on('message', async (c: Command) => {
    if (c.cmd === 'connect') {
      sockets = (await Promise.all(Array.from({ length: c.n }, () => connectOne(c.url)))).filter((s): s is Socket => s !== null);
      process.send!({ connected: sockets.length });
    } else if (c.cmd === 'pause') {
      for (const s of sockets) (s.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket.pause();
      process.send!({ paused: sockets.length });
    } else {
      for (const s of sockets) s.close();
      process.send!({ closed: true });
    }
  });
}

function ask(child: ChildProcess, c: Command): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    child.once('message', (a: Record<string, number>) => resolve(a));
    child.send(c);
  });
}

/** The process's RSS in MB; 0 once it is gone. */
function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** CPU ms the process used; NaN once it is gone. */
function cpuOf(pid: number): number {
  try {
    return cpuMsOf(pid);
  } catch {
    return NaN;
  }
}

const NO_CLERKS = { requests: 0, rps: 0, p50: 0, p95: 0, errors: 0, rejected: 0, statuses: {} as Record<string, number> };

async function measure(mode: (typeof MODES)[number], config: string, seeded: string, dir: string): Promise<Row> {
  const data = join(dir, `data-${Date.now()}`);
  cpSync(seeded, data, { recursive: true });
  mkdirSync(join(dir, 'kb'), { recursive: true });
  const server = await startNodeProcess({ ...PRODUCTION_NODE.env, ...mode.env, CONFIG: config, DATA_DIR: data, KB_DIR: join(dir, 'kb'), VOICE_ENGINE: 'none', LOG_LEVEL: 'warn' }, undefined, PRODUCTION_NODE.args);
  const displays = fork(new URL(import.meta.url).pathname, ['displays'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const pid = server.child.pid!;
  let peak = 0;
  const sampler = setInterval(() => server.child.exitCode === null && (peak = Math.max(peak, rssMb(pid))), 200);
  try {
    const { connected } = await ask(displays, { cmd: 'connect', url: server.url, n: DISPLAYS });
    const before = rssMb(pid);
    // STALL_PAUSE=0: the same displays reading (the comparison: what stalling adds).
    if (process.env.STALL_PAUSE !== '0') await ask(displays, { cmd: 'pause' });
    const cpu0 = cpuOf(pid);
    // The clerks' generator fails when the server dies under it: that is the result.
    const clerks = await runClerks({ url: server.url, seconds: SECONDS, clerks: 200, tickets: 600 }).catch(() => NO_CLERKS);
    const cpu = cpuOf(pid) - cpu0;
    await new Promise((r) => setTimeout(r, 5000));
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const after = alive ? rssMb(pid) : NaN;
    const cut = (server.output().match(/slow consumer/g) ?? []).length;
    const levels = [...server.output().matchAll(/"load":"(\w+)"/g)].map((m) => m[1]).join('→');
    if (!alive) console.error(`the server died; the end of its output:\n${server.output().slice(-1500)}`);
    const crashed = alive ? '' : ` CRASHED (${/heap out of memory|JavaScript heap/.test(server.output()) ? 'heap out of memory' : `exit ${server.child.exitCode ?? server.child.signalCode}`})`;
    return {
      scenario: `${mode.name}: ${connected} stalled displays, 200 clerks ${SECONDS} s`,
      requests: clerks.requests,
      rps: Math.round(clerks.rps),
      p50ms: clerks.p50,
      p99ms: clerks.p95,
      errors: clerks.errors,
      note: `RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, ${alive ? `${after.toFixed(0)} MB 5 s after` : 'gone'}; ${(cpu / Math.max(1, clerks.requests + clerks.rejected)).toFixed(2)} ms CPU/request; ${cut} sockets cut off; load ${levels || 'ok'}; answers ${JSON.stringify(clerks.statuses)}${crashed} (p99 column: p95)`,
    };
  } finally {
    clearInterval(sampler);
    await ask(displays, { cmd: 'close' }).catch(() => undefined);
    displays.kill();
    await server.kill('SIGTERM');
  }
}

async function main() {
  await buildDist();
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-stalled-'));
  try {
    const config = scaleHallFile(dir);
    const seeded = join(dir, 'seeded');
    await seedDay(config, seeded, 4000, 1000);
    const rows: Row[] = [];
    for (let round = 0; round < ROUNDS; round++)
      for (const mode of MODES) {
        console.error(`stalled displays: ${mode.name}, round ${round + 1}`);
        const row = await measure(mode, config, seeded, dir);
        console.error(JSON.stringify(row));
        rows.push(row);
      }
    printTable('Stalled displays while clerks press (production form)', rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'displays') displayProcess();
else await main();

// Memory (issue 15: ≤ 150 MB RSS with 1,000 sockets and 20k tickets in the day): the server's RSS,
// read from /proc/<pid>/status, in each way of running it, on the scale bench's hall (20 services,
// 200 windows) with a day of tickets already in its store and DISPLAYS display sockets connected
// from a process of their own. Builds dist/ first. Runnable alone: `npx tsx bench/memory.ts`
// (MEMORY_TICKETS, SCALE_DISPLAYS, MEMORY_MODES). bench/scale.ts measures the production form under load.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist } from '../server/dev/build.ts';
import { PRODUCTION_NODE, SOURCE_NODE_ARGS, parseNodeCommand, startNodeProcess } from '../server/dev/process.ts';
import { ROOT, type Row } from './lib.ts';
import { runClerks } from './scale/clerk-run.ts';
import type { DisplayAnswer, DisplayRequest } from './scale/displays.ts';
import { scaleHallFile, seedDay } from './scale/hall.ts';

const DISPLAYS = Number(process.env.SCALE_DISPLAYS ?? 1000);
/** Seeded, then issued by the clerks: about 20k (20 services × 999 numbers a day is the most the hall can issue). */
const TICKETS = Number(process.env.MEMORY_TICKETS ?? 19_200);
const CLERK_TICKETS = 600;
const CLERKS = 200;
const CLERK_SECONDS = Number(process.env.SCALE_CLERK_SECONDS ?? 8);
/** The busy spell's backlog (requests queued, events buffered for the displays) drains in this time. */
const SETTLE_MS = 15_000;
const WAITING = 1_000;

/** MEMORY_MODES="[VAR=value …] node <args>; …" measures those instead (to try V8 flags and malloc settings). */
const MODES: { name: string; args: string[]; env?: Record<string, string> }[] = process.env.MEMORY_MODES
  ? process.env.MEMORY_MODES.split(';').map((m) => ({ name: m.trim(), ...parseNodeCommand(m) }))
  : [
      { name: '`npm start` (tsx, esbuild at start)', args: SOURCE_NODE_ARGS },
      { name: 'built, node defaults', args: ['dist/server/main.js'] },
      { name: '`npm run start:prod` (built, heap sizes, malloc settings)', args: PRODUCTION_NODE.args, env: PRODUCTION_NODE.env },
    ];

export function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function ask(child: ReturnType<typeof fork>, req: DisplayRequest): Promise<DisplayAnswer> {
  return new Promise((resolve, reject) => {
    child.once('message', (a: DisplayAnswer) => (a.error ? reject(new Error(a.error)) : resolve(a)));
    child.send(req);
  });
}

/** One mode: start it on the seeded day, read RSS idle, after every page bundle was asked for, and with the displays connected. */
async function measure(mode: (typeof MODES)[number], config: string, data: string, kb: string): Promise<Row[]> {
  const server = await startNodeProcess({ ...mode.env, CONFIG: config, DATA_DIR: data, KB_DIR: kb, VOICE_ENGINE: 'none', LOG_LEVEL: 'warn' }, undefined, mode.args);
  const displays = fork(join(ROOT, 'bench/scale/displays.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const row = (what: string, n: number, bytes: number, note = ''): Row => ({ scenario: `RSS: ${mode.name}, ${what}`, requests: n, rps: 0, p50ms: 0, p99ms: 0, errors: 0, note: `${mb(bytes)}${note}` });
  try {
    const pid = server.child.pid!;
    const idle = rssOf(pid);
    for (const path of ['/assets/app.js', '/wall', '/dashboard/app.js', '/api/state']) await (await fetch(server.url + path)).arrayBuffer();
    const connected = await ask(displays, { cmd: 'connect', url: server.url, n: DISPLAYS });
    const withDisplays = rssOf(pid);
    // A busy spell with the displays connected: 200 clerks issue, call and finish (their rate shows what the flags cost).
    const clerks = await runClerks({ url: server.url, seconds: CLERK_SECONDS, clerks: CLERKS, tickets: CLERK_TICKETS });
    const afterClerks = rssOf(pid);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const settled = rssOf(pid);
    await ask(displays, { cmd: 'close' });
    return [
      row(`${TICKETS} tickets, no displays`, 0, idle),
      row(`${TICKETS} tickets, ${DISPLAYS} displays`, DISPLAYS - connected.failed!, withDisplays),
      {
        ...row(`${DISPLAYS} displays, after ${CLERKS} clerks: ${TICKETS + clerks.issued} tickets`, clerks.requests, afterClerks, ' (aim ≤ 150 MB)'),
        rps: Math.round(clerks.rps),
        p50ms: clerks.p50,
        p99ms: clerks.p99,
        errors: clerks.errors,
      },
      row(`${DISPLAYS} displays, ${SETTLE_MS / 1000} s after the clerks`, DISPLAYS, settled, ' (aim ≤ 150 MB)'),
    ];
  } finally {
    displays.disconnect();
    await server.kill('SIGTERM');
  }
}

export async function runMemoryBench(): Promise<Row[]> {
  console.error('memory bench: npm run build (the compiled modes run dist/)');
  await buildDist();
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-memory-'));
  try {
    const config = scaleHallFile(dir);
    console.error(`memory bench: writing a day of ${TICKETS} tickets`);
    await seedDay(config, join(dir, 'data'), TICKETS, WAITING);
    mkdirSync(join(dir, 'kb'));
    const rows: Row[] = [];
    for (const mode of MODES) {
      console.error(`memory bench: ${mode.name}`);
      rows.push(...(await measure(mode, config, join(dir, 'data'), join(dir, 'kb'))));
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./lib.ts');
  printTable('Memory (issue 15): server RSS by way of running it', await runMemoryBench());
}

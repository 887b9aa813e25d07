// Scale (issue 15): a thousand display sockets, a reconnect storm, the server's memory, 200
// clerks and the hall's start, each next to a baseline measured in the same run. The server under
// test runs as its own process in the production form (`npm run start:prod`, dist/ built first) on
// a generated hall (20 services, 200 windows) with a day already in its store; the display sockets
// and the clerks run in processes of their own. Order: the displays (then closed), the clerks (each
// side after a 2 s warm-up of the same generator, the server's in a warm-up hall), the memory with
// the displays back, the hall's start.
// Runnable alone: `npx tsx bench/scale.ts` (SCALE_DISPLAYS, SCALE_CLERK_SECONDS to shrink it;
// SCALE_MEMORY_ONLY=1 for the memory rows alone; SCALE_NODE_ARGS for more server node flags, with
// --trace-gc the server's GC pauses of the clerks' run in their row, as bench/scale/clerks-alone.ts has them;
// SCALE_INSPECT=dir to keep the server's smaps and a heap snapshot at the memory row).
import { fork } from 'node:child_process';
import { io } from 'socket.io-client';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist } from '../server/dev/build.ts';
import { PRODUCTION_NODE, startNodeProcess, type NodeProcess } from '../server/dev/process.ts';
import { times, type Aim } from './aims.ts';
import { ROOT, startProcess, type Row } from './lib.ts';
import { cpuMsOf, runClerks, type ClerkFigures } from './scale/clerk-run.ts';
import { GcTrace, gcLine, type GcFigures } from './scale/gc-trace.ts';
import type { LatencySummary } from './scale/latency-log.ts';
import type { DisplayAnswer, DisplayRequest, Trigger } from './scale/displays.ts';
import { scaleHallFile, seedDay, seedWarmUpDay, WARM_UP_API, WARM_UP_DAY, WARM_UP_ISSUES, WARM_UP_TOKENS } from './scale/hall.ts';
import { measureStart } from './scale/start.ts';

const DISPLAYS = Number(process.env.SCALE_DISPLAYS ?? 1000);
/** Displays connected before the storm (in a process of their own): the call made during it is timed at these. */
const STEADY = 50;
const CALLS = 20;
const CLERKS = 200;
const CLERK_SECONDS = Number(process.env.SCALE_CLERK_SECONDS ?? 8);
/**
 * The clerks' first seconds, counted apart (their own rows): the same generator, for the bare route
 * on its route and for the server in its warm-up hall (bench/scale/hall.ts), so that neither
 * side's figure is mostly its cold start (the measured run lasts ~3 s: the day's numbers run out)
 * and the measured hall keeps its day.
 */
const CLERK_WARMUP_SECONDS = Number(process.env.SCALE_CLERK_WARMUP_SECONDS ?? 2);
/** The day before the run: tickets issued (a tenth of them still waiting); the clerks bring it to about 20k. */
const SEEDED_TICKETS = 14_000;
const SEEDED_WAITING = 1_000;
/** 999 numbers a service a day: 20 services × 999 − seeded, less some room. */
const CLERK_TICKETS = 5_800;
const START_EVENTS = 20_000;
/**
 * SCALE_MEMORY_ONLY=1: only what brings the server to its memory rows' state (its own display run, the
 * clerks, the displays back), without the bare socket.io baseline and the hall-start rows.
 */
const MEMORY_ONLY = process.env.SCALE_MEMORY_ONLY === '1';
/** More node flags for the server (e.g. SCALE_NODE_ARGS=--max-semi-space-size=4), after the production form's own so they override them. */
const NODE_ARGS = process.env.SCALE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
/** SCALE_INSPECT=dir: where the memory row goes, kept for reading (dir/smaps, dir/metrics, dir/*.heapsnapshot), taken after the row's RSS is read. */
const INSPECT_DIR = process.env.SCALE_INSPECT;

/** The display process: one request, one answer. */
class Displays {
  private readonly child = fork(join(ROOT, 'bench/scale/displays.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });

  ask(req: DisplayRequest): Promise<DisplayAnswer> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (a: DisplayAnswer) => (a.error ? reject(new Error(a.error)) : resolve(a)));
      this.child.send(req);
    });
  }

  stop() {
    this.child.disconnect();
  }
}

const quantile = (xs: number[], q: number) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const missing = (xs: number[]) => xs.filter((x) => Number.isNaN(x)).length;
/** Progress on stderr: the whole run takes minutes. */
const step = (what: string) => console.error(`scale bench: ${what}`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** The server's mappings, its /metrics (V8's heap spaces) and a heap snapshot (node's --heapsnapshot-signal) into INSPECT_DIR. */
async function inspectMemory(pid: number, url: string, dir: string) {
  writeFileSync(join(dir, 'smaps'), readFileSync(`/proc/${pid}/smaps`));
  writeFileSync(join(dir, 'metrics'), await (await fetch(`${url}/metrics`)).text());
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (let size = -1; ; ) {
    await new Promise((r) => setTimeout(r, 1000));
    const file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    const now = file ? statSync(join(dir, file)).size : -1;
    if (file && now === size) return step(`heap snapshot: ${join(dir, file)}`);
    size = now;
  }
}

function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

function latencyRow(scenario: string, latencies: number[], note: string): Row {
  return { scenario, requests: latencies.length, rps: 0, p50ms: quantile(latencies, 0.5), p99ms: quantile(latencies, 0.99), errors: missing(latencies), note };
}

interface DisplayFigures {
  fanout: number[];
  /** Crowd sockets disconnected during the calls (missed heartbeats while the machine was busy). */
  dropped: number;
  storm: DisplayAnswer;
  rss: number;
}

/** The two display processes: the steady few, and the crowd that reconnects at once. */
interface DisplayProcs {
  steady: Displays;
  crowd: Displays;
}

/**
 * STEADY displays connect; DISPLAYS more connect at once, with a call made 200 ms into it and timed
 * at the steady ones; then CALLS calls timed at the crowd, with every display connected.
 */
async function displayRun({ steady, crowd }: DisplayProcs, url: string, trigger: Trigger, rss: () => Promise<number>): Promise<DisplayFigures> {
  await steady.ask({ cmd: 'connect', url, n: STEADY });
  const storming = crowd.ask({ cmd: 'connect', url, n: DISPLAYS });
  await new Promise((r) => setTimeout(r, 200));
  const { latencies: during } = await steady.ask({ cmd: 'call', trigger, event: 'ticket:called', times: 1 });
  const storm = { ...(await storming), latencies: during };
  const { latencies, dropped } = await crowd.ask({ cmd: 'call', trigger, event: 'ticket:called', times: CALLS });
  const figures = { fanout: latencies!, dropped: dropped ?? 0, storm, rss: await rss() };
  await steady.ask({ cmd: 'close' });
  await crowd.ask({ cmd: 'close' });
  return figures;
}

/** The live events (names and payloads) a display of the real server gets for one press of next. */
async function liveEventsOfOneCall(server: NodeProcess): Promise<{ name: string; payload: unknown }[]> {
  const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
  const events: { name: string; payload: unknown }[] = [];
  try {
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const called = new Promise((resolve) => socket.on('ticket:called', resolve));
    socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
    await (await fetch(`${server.url}/api/windows/200/next`, { method: 'POST', headers: { authorization: 'Bearer bench-clerk-200' } })).arrayBuffer();
    await called;
    return events;
  } finally {
    socket.close();
  }
}

/** A bare socket.io server serving the real snapshot and broadcasting the real call's events: the display baseline. */
async function bareDisplays(displays: DisplayProcs, dir: string, server: NodeProcess): Promise<DisplayFigures> {
  const snapshotFile = join(dir, 'snapshot.json');
  writeFileSync(snapshotFile, await (await fetch(`${server.url}/api/state`)).text());
  const events = await liveEventsOfOneCall(server);
  const bare = await startProcess('bench/scale/bare-io.ts', { SNAPSHOT_FILE: snapshotFile, EVENTS_JSON: JSON.stringify(events) }, '/');
  try {
    return await displayRun(displays, bare.url, { url: `${bare.url}/emit`, method: 'POST' }, async () => (await (await fetch(bare.url)).json()).rss);
  } finally {
    await bare.stop();
  }
}

/** Deliveries are counted at the crowd sockets that got their snapshot and stayed connected. */
const dropNote = (f: DisplayFigures) => (f.storm.failed || f.dropped ? `; ${f.storm.failed} never served, ${f.dropped} dropped` : '');

function displayRows(bare: DisplayFigures, real: DisplayFigures, snapshotBytes: number): Row[] {
  const n = DISPLAYS + STEADY;
  const ratio = quantile(real.fanout, 0.99) / quantile(bare.fanout, 0.99);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    latencyRow(`bare socket.io: a call's events → ${DISPLAYS} of ${n} sockets (baseline)`, bare.fanout, `${CALLS} broadcasts of the real call's 2 events${dropNote(bare)}`),
    latencyRow(`call (next) → ticket:called at ${DISPLAYS} of ${n} displays`, real.fanout, `p99 ${ratio.toFixed(2)}× bare (aim ≤ 1.5×)${dropNote(real)}`),
    latencyRow(`bare socket.io: ${DISPLAYS} connect at once (baseline)`, bare.storm.latencies!, `all served in ${s(bare.storm.servedMs!)}, ${bare.storm.failed} failed; p50/p99: a broadcast during it, at ${STEADY}`),
    latencyRow(
      `${DISPLAYS} displays reconnect at once, ${(snapshotBytes / 1024).toFixed(0)} KB snapshot`,
      real.storm.latencies!,
      `all served in ${s(real.storm.servedMs!)} (aim ≤ 5 s), ${real.storm.failed} failed; p50/p99: a call during it, at ${STEADY}`,
    ),
    { scenario: `RSS: bare socket.io, ${n} sockets (baseline)`, requests: n, rps: 0, p50ms: 0, p99ms: 0, errors: 0, note: mb(bare.rss) },
  ];
}

function displayAims(bare: DisplayFigures, real: DisplayFigures): Aim[] {
  const ratio = quantile(real.fanout, 0.99) / quantile(bare.fanout, 0.99);
  const stall = quantile(real.storm.latencies!, 0.99);
  return [
    { aim: `call → ticket:called at ${DISPLAYS} displays, p99`, measured: `${quantile(real.fanout, 0.99).toFixed(1)} ms = ${times(ratio)}`, baseline: `bare socket.io ${quantile(bare.fanout, 0.99).toFixed(1)} ms`, target: '≤ 1.5×', met: ratio <= 1.5 },
    {
      aim: `${DISPLAYS} displays reconnecting at once: all served; a call during it, p99`,
      measured: `${(real.storm.servedMs! / 1000).toFixed(2)} s, ${real.storm.failed} failed; call ${stall.toFixed(0)} ms`,
      baseline: `bare socket.io ${(bare.storm.servedMs! / 1000).toFixed(2)} s`,
      target: '≤ 5 s, none failed, calls go out (p99 < 1 s)',
      met: real.storm.servedMs! <= 5000 && real.storm.failed === 0 && stall < 1000,
    },
  ];
}

interface ClerkRun {
  bare: ClerkFigures;
  real: ClerkFigures;
  /** Server CPU ms a request of the measured run (the warm-up's left out). */
  cpuPerRequest: number;
  /** The server's GC pauses in the measured run (SCALE_NODE_ARGS=--trace-gc). */
  gc?: GcFigures;
}

/** The bare route's clerks, then the server's, each after its own warm-up. */
async function clerkRun(live: NodeProcess): Promise<ClerkRun> {
  // The server's stdout carries --trace-gc's lines (startNodeProcess also keeps them in its output).
  const gc = NODE_ARGS.includes('--trace-gc') ? new GcTrace(live.child.stdout!) : undefined;
  const bare = await runClerks({ bare: true, seconds: CLERK_SECONDS, clerks: CLERKS, warmUp: { seconds: CLERK_WARMUP_SECONDS } });
  let cpuBefore = 0;
  const warmUp = { seconds: CLERK_WARMUP_SECONDS, api: WARM_UP_API, tokens: WARM_UP_TOKENS, tickets: WARM_UP_ISSUES };
  const onMeasuring = () => {
    cpuBefore = cpuMsOf(live.child.pid!);
    if (gc) gc.phase = 'clerks';
  };
  const real = await runClerks({ url: live.url, seconds: CLERK_SECONDS, clerks: CLERKS, tickets: CLERK_TICKETS, warmUp, onMeasuring });
  const cpuPerRequest = (cpuMsOf(live.child.pid!) - cpuBefore) / real.requests;
  if (gc) gc.phase = 'after clerks';
  return { bare, real, cpuPerRequest, gc: gc?.of('clerks') };
}

function clerkRow(scenario: string, f: LatencySummary, note: string): Row {
  return { scenario, requests: f.requests, rps: Math.round(f.rps), p50ms: f.p50, p99ms: f.p99, errors: f.errors, note: `p95 ${f.p95.toFixed(1)} ms${note}` };
}

function clerkRows({ bare, real, cpuPerRequest, gc }: ClerkRun): Row[] {
  const warm = `, after ${CLERK_WARMUP_SECONDS} s of the same clerks (the row above)`;
  const steps = Object.entries(real.bySteps).map(([step, s]) => `${step} ${s.p95.toFixed(0)}`).join(', ');
  return [
    clerkRow(`bare Koa, ${CLERKS} clients × 3 POSTs, first ${CLERK_WARMUP_SECONDS} s after start (not counted)`, bare.warmUp!, ''),
    clerkRow(`bare Koa, ${CLERKS} clients × 3 POSTs, same generator (baseline)`, bare, warm),
    clerkRow(`${CLERKS} clerks, first ${CLERK_WARMUP_SECONDS} s (warm-up hall, not counted)`, real.warmUp!, `; ${real.warmUp!.issued} issued there`),
    clerkRow(
      `${CLERKS} clerks: issue → next → finish`,
      real,
      ` (aim ≤ 50 ms)${warm}, ${(real.p95 / bare.p95).toFixed(1)}× bare; p95 by step ${steps}; server CPU ${cpuPerRequest.toFixed(2)} ms a request${gc ? ` (${gcLine(gc, real.requests)})` : ''}; ${real.issued} issued; ${generatorNote(real)}`,
    ),
  ];
}

/** What the clerks ran with and against what. */
function generatorNote({ setup }: ClerkFigures): string {
  const budget = setup.ticketBudget === null ? '' : ` or ${setup.ticketBudget} tickets`;
  return `generator in its own process, ${setup.clerks} clerks closed-loop on ${setup.connections} kept-alive connections, think time ${setup.thinkMs} ms, ${setup.seconds} s${budget} (took ${setup.elapsed.toFixed(1)} s); server: npm run start:prod, no displays connected (the display rows run before, the memory row after)`;
}

function clerkAim({ bare, real }: ClerkRun): Aim {
  return {
    aim: `${CLERKS} clerks issue → next → finish, p95 (after ${CLERK_WARMUP_SECONDS} s warm-up)`,
    measured: `${real.p95.toFixed(1)} ms (first ${CLERK_WARMUP_SECONDS} s: ${real.warmUp!.p95.toFixed(1)} ms)`,
    baseline: `bare Koa p95 ${bare.p95.toFixed(1)} ms`,
    target: '≤ 50 ms',
    met: real.p95 <= 50,
  };
}

function startRows(t: Awaited<ReturnType<typeof measureStart>>): Row[] {
  const row = (scenario: string, ms: number[], note: string): Row => ({ scenario, requests: t.events, rps: Math.round(t.events / (quantile(ms, 0.5) / 1000)), p50ms: quantile(ms, 0.5), p99ms: Math.max(...ms), errors: 0, note });
  return [
    row(`read + parse ${t.events} hall events, no fold (baseline)`, t.readMs, 'the floor of any replay'),
    row(`hall start after ${t.events} events, clean stop (snapshot at the head)`, t.cleanMs, 'aim ≤ 1 s'),
    row(`hall start after ${t.events} events, crash (snapshot + ${t.tail}-event tail)`, t.crashMs, 'aim ≤ 1 s'),
    row(`hall start after ${t.events} events, no snapshot`, t.noSnapshotMs, 'aim ≤ 1 s'),
  ];
}

/** The measured hall's day and the warm-up hall's, both read back from the store when the server starts. */
async function writeDays(config: string, dataDir: string): Promise<void> {
  step(`writing a day of ${SEEDED_TICKETS} tickets`);
  await seedDay(config, dataDir, SEEDED_TICKETS, SEEDED_WAITING);
  step(`writing the warm-up hall's day: ${WARM_UP_DAY.tickets} tickets, ${WARM_UP_DAY.waiting} waiting`);
  await seedWarmUpDay(config, dataDir);
}

export async function runScaleBench(): Promise<{ rows: Row[]; aims: Aim[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-scale-'));
  const config = scaleHallFile(dir, { warmUpHall: true });
  const rows: Row[] = [];
  const aims: Aim[] = [];
  const displays = { steady: new Displays(), crowd: new Displays() };
  let server: NodeProcess | undefined;
  try {
    await writeDays(config, join(dir, 'data'));
    mkdirSync(join(dir, 'kb'));
    step('npm run build: the server runs as docs/deploy.md recommends (`npm run start:prod`)');
    await buildDist();
    const inspectArgs = INSPECT_DIR ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${INSPECT_DIR}`] : [];
    const args = [...PRODUCTION_NODE.args.slice(0, -1), ...NODE_ARGS, ...inspectArgs, PRODUCTION_NODE.args.at(-1)!];
    server = await startNodeProcess({ ...PRODUCTION_NODE.env, CONFIG: config, DATA_DIR: join(dir, 'data'), KB_DIR: join(dir, 'kb'), VOICE_ENGINE: 'none', LOG_LEVEL: 'warn' }, undefined, args);
    const live = server;
    const idleRss = rssOf(live.child.pid!);
    const snapshotBytes = (await (await fetch(`${live.url}/api/state`)).arrayBuffer()).byteLength;
    if (!MEMORY_ONLY) step(`${DISPLAYS} displays on bare socket.io`);
    const bare = MEMORY_ONLY ? undefined : await bareDisplays(displays, dir, live);
    step(`${DISPLAYS} displays on the server`);
    const real = await displayRun(displays, live.url, { url: `${live.url}/api/windows/1/next`, method: 'POST', headers: { authorization: 'Bearer bench-clerk-1' } }, async () => rssOf(live.child.pid!));
    if (bare) {
      rows.push(...displayRows(bare, real, snapshotBytes));
      aims.push(...displayAims(bare, real));
    }
    rows.push({ scenario: `RSS: server, no displays, ${SEEDED_TICKETS} tickets`, requests: 0, rps: 0, p50ms: 0, p99ms: 0, errors: 0, note: mb(idleRss) });
    rows.push({ scenario: `RSS: server, ${DISPLAYS + STEADY} displays, ${SEEDED_TICKETS} tickets`, requests: DISPLAYS + STEADY, rps: 0, p50ms: 0, p99ms: 0, errors: 0, note: mb(real.rss) });

    step(`${CLERKS} clerks`);
    const clerks = await clerkRun(live);
    rows.push(...clerkRows(clerks));
    aims.push(clerkAim(clerks));

    // The day now holds about 20k tickets: the displays come back and the server's memory is read.
    await displays.crowd.ask({ cmd: 'connect', url: live.url, n: DISPLAYS });
    const tickets = SEEDED_TICKETS + clerks.real.issued;
    const rss = rssOf(live.child.pid!);
    const warmUpTickets = `, and the warm-up hall's ${WARM_UP_DAY.tickets + (clerks.real.warmUp?.issued ?? 0)}`;
    rows.push({ scenario: `RSS: server, ${DISPLAYS} displays, ${tickets} tickets in the day`, requests: DISPLAYS, rps: 0, p50ms: 0, p99ms: 0, errors: 0, note: `${mb(rss)} (aim ≤ 150 MB)${warmUpTickets}` });
    if (INSPECT_DIR) await inspectMemory(live.child.pid!, live.url, INSPECT_DIR);
    aims.push({ aim: `server RSS, ${DISPLAYS} displays, ${tickets} tickets (npm run start:prod)`, measured: mb(rss), baseline: bare ? `bare socket.io ${mb(bare.rss)}` : 'not run (SCALE_MEMORY_ONLY)', target: '≤ 150 MB', met: rss <= 150 * 2 ** 20 });
    await displays.crowd.ask({ cmd: 'close' });
    await live.kill('SIGTERM');
    server = undefined;
    if (MEMORY_ONLY) return { rows, aims };
    step('hall start');
    const start = await measureStart(config, join(dir, 'start'), START_EVENTS);
    rows.push(...startRows(start));
    const slowest = Math.max(...start.cleanMs, ...start.crashMs, ...start.noSnapshotMs);
    aims.push({ aim: `hall start after ${start.events} events (slowest of clean, crash, no snapshot)`, measured: `${slowest.toFixed(0)} ms`, baseline: `read + parse only ${quantile(start.readMs, 0.5).toFixed(0)} ms`, target: '≤ 1 s', met: slowest <= 1000 });
  } finally {
    displays.steady.stop();
    displays.crowd.stop();
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, aims };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./lib.ts');
  const { printAims } = await import('./aims.ts');
  const { rows, aims } = await runScaleBench();
  printTable('Scale (issue 15): displays, reconnect storm, memory, clerks, start', rows);
  printAims('Aims', aims);
}

// The clerks rows of the scale bench alone (no displays, no start rows), for profiling the server:
// `npx tsx bench/scale/clerks-alone.ts`; SCALE_CPU_PROF=dir writes the server's CPU profile there.
// The server runs in the production form as in the scale bench (`npm run start:prod`: dist/ built
// first, its heap sizes; SCALE_BUILT=1: dist/ is already built); SCALE_SOURCE=1 runs `server/main.ts`
// through tsx instead.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { buildDist } from '../../server/dev/build.ts';
import { freePort, PRODUCTION_NODE } from '../../server/dev/process.ts';
import { ROOT } from '../lib.ts';
import { cpuSplitOf, runClerks } from './clerk-run.ts';
import { GcTrace, gcLine } from './gc-trace.ts';
import { scaleHallFile, seedDay, seedWarmUpDay, WARM_UP_API, WARM_UP_ISSUES, WARM_UP_TOKENS } from './hall.ts';
import type { LatencySummary } from './latency-log.ts';

// The hall and day are the scale bench's (bench/scale.ts): 14k tickets, 1,000 waiting, at most 5,800 more.
// The warm-up hall's day is read back from the store at start too, 1,000 waiting (hall.ts, WARM_UP_DAY):
// a warm-up on a day begun live left the measured run's first half second recompiling for the
// restored objects. A/B against that, 6 alternating pairs 06:11–06:15 UTC (load 3–5): server CPU a
// request 0.126–0.148 ms (median 0.142) against 0.145–0.163 (0.150); p95 44–108 against 46–112 ms,
// the first half second's p95 46–193 against 63–210 ms: no latency change shows through the noise.
const seconds = Number(process.env.SCALE_CLERK_SECONDS ?? 8);
/** The same clerks first run this long, counted apart: the server in the warm-up hall, the bare route on its own route. */
const warmUpSeconds = Number(process.env.SCALE_CLERK_WARMUP_SECONDS ?? 2);
const profDir = process.env.SCALE_CPU_PROF;
const fromSource = process.env.SCALE_SOURCE === '1';
/** More node flags for the server, e.g. SCALE_NODE_ARGS=--trace-gc (then the GC pauses of the warm-up and the measured run are summed: gc-trace.ts). */
const nodeArgs = process.env.SCALE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const traceGc = nodeArgs.includes('--trace-gc');
/** server/main.ts in a process of its own (with --cpu-prof when asked: not allowed in NODE_OPTIONS). */
async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const prof = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const node = fromSource ? { env: {}, args: ['--import', 'tsx', 'server/main.ts'] } : PRODUCTION_NODE;
  // SCALE_NODE_ARGS after the production form's own flags, so that it may override them (e.g. --max-semi-space-size).
  const args = [...prof, ...node.args.slice(0, -1), ...nodeArgs, node.args.at(-1)!];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...node.env, ...env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', traceGc ? 'pipe' : 'inherit', 'inherit'] });
  const gc = traceGc ? new GcTrace(child.stdout!) : undefined;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, gc, kill: async (signal: NodeJS.Signals) => (child.kill(signal), await exited) };
}

const line = (name: string, f: LatencySummary) =>
  `${name}: ${f.requests} answered 2xx in ${f.elapsed.toFixed(1)} s, ${f.rps.toFixed(0)} rps, p50 ${f.p50.toFixed(1)} p95 ${f.p95.toFixed(1)} p99 ${f.p99.toFixed(1)} ms, ${f.rejected} refused (4xx), ${f.errors} errors`;
const steps = (f: LatencySummary) => Object.entries(f.bySteps).map(([step, s]) => `${step} ${s.p50.toFixed(0)}/${s.p95.toFixed(0)} ms`).join(', ');
const slices = (f: LatencySummary) => f.bySlice.map((s) => `${s.from.toFixed(1)}s ${s.p50.toFixed(0)}/${s.p95.toFixed(0)}`).join(' | ');
function cpuLine(from: { user: number; system: number }, to: { user: number; system: number }, f: LatencySummary): string {
  const user = to.user - from.user;
  const system = to.system - from.system;
  const cpu = user + system;
  return `${cpu.toFixed(0)} ms: ${(cpu / f.requests).toFixed(3)} ms a request (user ${(user / f.requests).toFixed(3)}, system ${(system / f.requests).toFixed(3)}; ${(cpu / f.elapsed).toFixed(0)} ms a second of the run: 1000 is one core busy)`;
}

const dir = mkdtempSync(join(tmpdir(), 'onewindow-clerks-'));
try {
  const config = scaleHallFile(dir, { warmUpHall: true });
  await seedDay(config, join(dir, 'data'), 14_000, 1_000);
  await seedWarmUpDay(config, join(dir, 'data'));
  mkdirSync(join(dir, 'kb'));
  if (!fromSource && process.env.SCALE_BUILT !== '1') await buildDist();
  const server = await startServer({ CONFIG: config, DATA_DIR: join(dir, 'data'), KB_DIR: join(dir, 'kb'), VOICE_ENGINE: 'none', LOG_LEVEL: 'warn' });
  try {
    const bare = await runClerks({ bare: true, seconds, clerks: 200, warmUp: { seconds: warmUpSeconds } });
    // The server's CPU is read apart for the warm-up and the measured run.
    const cpuStart = cpuSplitOf(server.pid);
    let cpu0 = cpuStart;
    let window0 = process.hrtime.bigint() / 1000n;
    const onMeasuring = () => {
      cpu0 = cpuSplitOf(server.pid);
      window0 = process.hrtime.bigint() / 1000n;
      if (server.gc) server.gc.phase = 'measured';
    };
    if (server.gc) server.gc.phase = 'warm-up';
    const real = await runClerks({ url: server.url, seconds, clerks: 200, tickets: 5_800, warmUp: { seconds: warmUpSeconds, api: WARM_UP_API, tokens: WARM_UP_TOKENS, tickets: WARM_UP_ISSUES }, onMeasuring });
    const cpu1 = cpuSplitOf(server.pid);
    if (server.gc) server.gc.phase = 'after';
    // The profile's clock is the same monotonic one (µs): the run's window in it, for profwin-style reading.
    if (profDir) console.log(`WINDOW ${window0} ${process.hrtime.bigint() / 1000n}`);
    const { setup } = real;
    console.log(`generator: a separate process, ${setup.clerks} clerks closed-loop on ${setup.connections} kept-alive connections, ${setup.services} services, think time ${setup.thinkMs} ms, ${setup.seconds} s or ${setup.ticketBudget ?? '∞'} tickets (took ${setup.elapsed.toFixed(1)} s; the connections opened in ${setup.connectMs.toFixed(0)} ms before it, ${setup.connectFailures} failed), after a ${setup.warmUpSeconds} s warm-up of the same clerks counted apart (the server's in ${setup.warmUpApi})`);
    for (const [name, f] of [['bare Koa, warm-up', bare.warmUp!], ['bare Koa', bare], ['clerks, warm-up (first s after start)', real.warmUp!], ['clerks', real]] as const) console.log(line(name, f));
    console.log(`clerks: ${JSON.stringify(real.statuses)}, issued ${real.issued}; by step: ${steps(real)}; warm-up by step: ${steps(real.warmUp!)}`);
    console.log(`clerks by half second (p50/p95): ${slices(real)}`);
    console.log(`warm-up by half second (p50/p95): ${slices(real.warmUp!)}`);
    console.log(`slowest: ${real.slowest.map((x) => `${x.path} ${x.ms} ms sent at ${x.sentAt} s`).join('; ')}`);
    console.log(`server CPU, measured run: ${cpuLine(cpu0, cpu1, real)}`);
    console.log(`server CPU, warm-up: ${cpuLine(cpuStart, cpu0, real.warmUp!)}`);
    if (server.gc) console.log(`server GC, measured run: ${gcLine(server.gc.of('measured'), real.requests)}; warm-up: ${gcLine(server.gc.of('warm-up'), real.warmUp!.requests)}`);
    console.log(`p95 ratio ${(real.p95 / bare.p95).toFixed(1)}×; p95/p50: bare ${(bare.p95 / bare.p50).toFixed(2)}, clerks ${(real.p95 / real.p50).toFixed(2)}`);
  } finally {
    await server.kill('SIGTERM');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

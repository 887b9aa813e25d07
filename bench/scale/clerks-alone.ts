// The clerks row of the scale bench alone (no displays, no start rows), for profiling the server:
// `npx tsx bench/scale/clerks-alone.ts`; SCALE_CPU_PROF=dir writes the server's CPU profile there.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { freePort } from '../../server/dev/process.ts';
import { cpuSplitOf, runClerks } from './clerk-run.ts';
import { scaleHallFile, seedDay } from './hall.ts';

// The hall and day are the scale bench's (bench/scale.ts): 14k tickets, 1,000 waiting, at most 5,800 more.
const seconds = Number(process.env.SCALE_CLERK_SECONDS ?? 8);
const profDir = process.env.SCALE_CPU_PROF;
/** server/main.ts in a process of its own (with --cpu-prof when asked: not allowed in NODE_OPTIONS). */
async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const prof = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'server/main.ts'], { env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, kill: async (signal: NodeJS.Signals) => (child.kill(signal), await exited) };
}

const elapsedOf = (f: { setup: { elapsed: number } }) => f.setup.elapsed;

const dir = mkdtempSync(join(tmpdir(), 'onewindow-clerks-'));
try {
  const config = scaleHallFile(dir);
  await seedDay(config, join(dir, 'data'), 14_000, 1_000);
  mkdirSync(join(dir, 'kb'));
  const server = await startServer({ CONFIG: config, DATA_DIR: join(dir, 'data'), KB_DIR: join(dir, 'kb'), VOICE_ENGINE: 'none', LOG_LEVEL: 'warn' });
  try {
    const bare = await runClerks({ bare: true, seconds, clerks: 200 });
    const cpu0 = cpuSplitOf(server.pid);
    const window0 = process.hrtime.bigint() / 1000n;
    const real = await runClerks({ url: server.url, seconds, clerks: 200, tickets: 5_800 });
    const cpu1 = cpuSplitOf(server.pid);
    const user = cpu1.user - cpu0.user;
    const system = cpu1.system - cpu0.system;
    const cpu = user + system;
    // The profile's clock is the same monotonic one (µs): the run's window in it, for profwin-style reading.
    if (profDir) console.log(`WINDOW ${window0} ${process.hrtime.bigint() / 1000n}`);
    const line = (name: string, f: typeof real) =>
      `${name}: ${f.requests} answered 2xx, ${f.rps.toFixed(0)} rps, p50 ${f.p50.toFixed(1)} p95 ${f.p95.toFixed(1)} p99 ${f.p99.toFixed(1)} ms, ${f.rejected} refused (4xx), ${f.errors} errors`;
    const { setup } = real;
    console.log(`generator: a separate process, ${setup.clerks} clerks closed-loop on ${setup.connections} kept-alive connections, ${setup.services} services, think time ${setup.thinkMs} ms, ${setup.seconds} s or ${setup.ticketBudget ?? '∞'} tickets (took ${setup.elapsed.toFixed(1)} s; the connections opened in ${setup.connectMs.toFixed(0)} ms before it, ${setup.connectFailures} failed)`);
    console.log(line('bare Koa', bare));
    console.log(line('clerks  ', real), JSON.stringify(real.statuses), `issued ${real.issued}`);
    console.log(`slowest: ${real.slowest.map((x) => `${x.path} ${x.ms} ms sent at ${x.sentAt} s`).join('; ')}`);
    console.log(`server CPU ${cpu.toFixed(0)} ms: ${(cpu / real.requests).toFixed(3)} ms a request (user ${(user / real.requests).toFixed(3)}, system ${(system / real.requests).toFixed(3)}; ${(cpu / elapsedOf(real)).toFixed(0)} ms a second of the run: 1000 is one core busy)`);
    console.log(`p95 ratio ${(real.p95 / bare.p95).toFixed(1)}×`);
  } finally {
    await server.kill('SIGTERM');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

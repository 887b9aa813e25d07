// Runs the clerks (./clerks.ts) as a process of their own, against the server or, for the
// baseline, against a bare Koa route started here.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ROOT, startProcess } from '../lib.ts';
import { MEASURING, type LatencySummary } from './latency-log.ts';

export interface ClerkFigures extends LatencySummary {
  /** What the generator ran with: clerks, connections (one kept-alive connection each, opened before the clock starts: connectMs), services, think time (none), seconds asked and taken, the warm-up. */
  setup: { clerks: number; connections: number; services: number; thinkMs: number; seconds: number; ticketBudget: number | null; elapsed: number; connectMs: number; connectFailures: number; warmUpSeconds: number; warmUpApi: string | null };
  /** The same clerks' warm-up, before the measured run and counted apart (null without one). */
  warmUp: LatencySummary | null;
}

/** The warm-up before the measured run: how long, and, against the server, the hall it runs in (see ./clerks.ts). */
export interface ClerkWarmUp {
  seconds: number;
  /** The warm-up hall's API prefix and token prefix (bench/scale/hall.ts: WARM_UP_API, WARM_UP_TOKENS). */
  api?: string;
  tokens?: string;
  /** At most this many issues in the warm-up (the warm-up hall's day has 999 numbers a service). */
  tickets?: number;
}

/**
 * Runs the clerks' generator and returns what it printed. `onMeasuring` is called when the measured
 * phase starts (after the warm-up), so that a caller can read the server's CPU around it alone.
 */
export async function runClerks(o: { url?: string; bare?: boolean; seconds: number; clerks: number; tickets?: number; warmUp?: ClerkWarmUp; onMeasuring?: () => void }): Promise<ClerkFigures> {
  const bare = o.bare ? await startProcess('bench/bare-koa.ts', {}, '/') : undefined;
  try {
    const warmUp = o.warmUp;
    const env = {
      ...process.env,
      URL: bare?.url ?? o.url!,
      CLERKS: String(o.clerks),
      SECONDS: String(o.seconds),
      ...(o.tickets ? { TICKETS: String(o.tickets) } : {}),
      ...(bare ? { BARE_PATH: '/x' } : {}),
      ...(warmUp ? { WARMUP_SECONDS: String(warmUp.seconds), WARMUP_API: warmUp.api ?? '/api', WARMUP_TOKENS: warmUp.tokens ?? 'bench', ...(warmUp.tickets ? { WARMUP_TICKETS: String(warmUp.tickets) } : {}) } : {}),
    };
    const timeout = (o.seconds + (warmUp?.seconds ?? 0) + 60) * 1000;
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/scale/clerks.ts'], { cwd: ROOT, env, timeout, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => (line === MEASURING ? o.onMeasuring?.() : lines.push(line)));
    const [code] = (await once(child, 'close')) as [number | null];
    if (code !== 0) throw new Error(`the clerks' generator exited with ${code}`);
    return JSON.parse(lines.at(-1)!) as ClerkFigures;
  } finally {
    await bare?.stop();
  }
}

/** CPU time (user + system, ms) a process has used, from /proc: on a shared machine the server's CPU
 * per request says what wall-clock latency cannot (the other processes' load). */
export function cpuMsOf(pid: number): number {
  const { user, system } = cpuSplitOf(pid);
  return user + system;
}

/** cpuMsOf apart: user (the JavaScript, V8, libraries) and system (the kernel: sockets, files) ms. */
export function cpuSplitOf(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: (Number(fields[11]) * 1000) / 100, system: (Number(fields[12]) * 1000) / 100 };
}

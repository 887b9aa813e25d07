// Runs the clerks (./clerks.ts) as a process of their own, against the server or, for the
// baseline, against a bare Koa route started here.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { ROOT, startProcess } from '../lib.ts';

const run = promisify(execFile);

export interface ClerkFigures {
  /** Successful answers (2xx) only: the throughput and percentiles are theirs. */
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** 5xx answers and requests with no answer. */
  errors: number;
  /** 4xx answers (a refused command): neither in requests nor in the percentiles. */
  rejected: number;
  /** Tickets issued (201 answers). */
  issued: number;
  /** Answers by HTTP status, every one (0: no answer). */
  statuses: Record<string, number>;
  /** What the generator ran with: clerks, connections (one kept-alive connection each, opened before the clock starts: connectMs), services, think time (none), seconds asked and taken. */
  /** The five slowest answers: path, ms, and when sent (s into the run). */
  slowest: { path: string; ms: number; sentAt: number }[];
  setup: { clerks: number; connections: number; services: number; thinkMs: number; seconds: number; ticketBudget: number | null; elapsed: number; connectMs: number; connectFailures: number };
}

export async function runClerks(o: { url?: string; bare?: boolean; seconds: number; clerks: number; tickets?: number }): Promise<ClerkFigures> {
  const bare = o.bare ? await startProcess('bench/bare-koa.ts', {}, '/') : undefined;
  try {
    const env = {
      ...process.env,
      URL: bare?.url ?? o.url!,
      CLERKS: String(o.clerks),
      SECONDS: String(o.seconds),
      ...(o.tickets ? { TICKETS: String(o.tickets) } : {}),
      ...(bare ? { BARE_PATH: '/x' } : {}),
    };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/scale/clerks.ts'], { cwd: ROOT, env, timeout: (o.seconds + 60) * 1000 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as ClerkFigures;
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

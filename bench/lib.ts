// Bench plumbing: child processes for the servers under test, autocannon runs, a printed table.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/helpers/process.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Row {
  scenario: string;
  requests: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  note?: string;
}

export interface Proc {
  url: string;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry as a child process on a free port and waits for `ready` (an HTTP path). */
export async function startProcess(entry: string, env: Record<string, string>, readyPath: string): Promise<Proc> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url + readyPath)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 300 || child.exitCode !== null) throw new Error(`${entry} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface LoadOptions {
  url: string;
  title: string;
  connections?: number;
  /** Stop after this many requests (keeps runs bounded). */
  amount: number;
  requests: autocannon.Request[];
}

export async function load(o: LoadOptions): Promise<Row> {
  const result = await autocannon({
    url: o.url,
    connections: o.connections ?? 20,
    amount: o.amount,
    requests: o.requests,
    timeout: 10,
  });
  return {
    scenario: o.title,
    requests: result.requests.total,
    rps: Math.round(result.requests.total / result.duration),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export function printTable(title: string, rows: Row[], baseline?: Row) {
  console.log(`\n${title}`);
  const header = ['scenario', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors', baseline ? 'cost vs baseline' : '', 'note'];
  const lines = rows.map((r) => [
    r.scenario,
    String(r.requests),
    String(r.rps),
    r.p50ms.toFixed(1),
    r.p99ms.toFixed(1),
    String(r.errors),
    baseline && r.rps ? `${(baseline.rps / r.rps).toFixed(2)}×` : '',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

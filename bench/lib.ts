// Bench plumbing: child processes for the servers under test, load runs with wrk, a printed table.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/dev/process.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

// A bench that fails must not leave its servers running. Its children (startProcess, the dev
// helpers' nodes and redis-servers, wrk) hold its stderr: a bench that died of an error with a
// bare Koa child alive never closed the pipe, so `… | tee` or a CI step waited for it forever.
// Whatever way this process ends — done, an error, Ctrl-C, a CI timeout's SIGTERM — its children
// are told to stop (SIGTERM: a server shuts down cleanly, and a profiled one writes its profile).
process.once('exit', stopChildren);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.once(signal, () => {
    const running = childPids().length;
    if (running) console.error(`bench: ${signal}, stopping the ${running} process(es) it started`);
    process.exit(code);
  });
}

/** This process's children still running, read from /proc: whoever started them, however. */
export function childPids(parent = process.pid): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces or ")", so read from the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === parent && state !== 'Z') out.push(Number(name));
    } catch {
      // Gone since readdir.
    }
  }
  return out;
}

/** SIGTERM (and SIGCONT, for one a bench paused) to each child still running. Synchronous: runs in 'exit'. */
export function stopChildren(): void {
  for (const pid of childPids()) {
    try {
      process.kill(pid, 'SIGTERM');
      process.kill(pid, 'SIGCONT');
    } catch {
      // Exited meanwhile.
    }
  }
}

const WRK_MISSING = 'wrk not found: apt-get install wrk';
let wrkChecked = false;

/** Throws at once, with the fix in the message, when wrk is not installed: before a bench starts servers or spends minutes preparing. */
export function requireWrk(): void {
  if (wrkChecked) return;
  const probe = spawnSync('wrk', ['--version'], { stdio: 'ignore' });
  if ((probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error(WRK_MISSING);
  wrkChecked = true;
}

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
  /** The child's process id (its CPU time is in /proc/<pid>/stat). */
  pid: number;
  stop(): Promise<void>;
}

/** How a child node runs its entry: node's arguments (the entry among them) and environment added. */
export interface NodeForm {
  args: string[];
  env?: Record<string, string>;
}

/** Starts a TypeScript entry as a child process on a free port and waits for `ready` (an HTTP path).
 * `form`: another way to run it (the built JavaScript under production flags); default tsx. */
export async function startProcess(entry: string, env: Record<string, string>, readyPath: string, form?: NodeForm): Promise<Proc> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, form?.args ?? ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...form?.env, ...env, PORT: String(port) },
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
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface BenchRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  url: string;
  title: string;
  connections?: number;
  seconds: number;
  /** Sent in turn by each connection. */
  requests: BenchRequest[];
  /** Seconds of the same load first, not measured, so both sides are compared warm. */
  warmupSeconds?: number;
  /** Stop after this many answers (before `seconds` when it comes first): a run that must not exhaust a day's numbers. */
  maxRequests?: number;
}

// The load comes from wrk (Debian package `wrk`), one thread, a Lua script that cycles through the
// requests. A Node load generator (autocannon) was tried first: it shares the two cores with the
// server and, for responses of a few hundred bytes, became the bottleneck itself.
const lua = (s: string) => `[==[${s}]==]`;

function wrkScript(requests: BenchRequest[], host: string, maxRequests = 0): string {
  const items = requests.map((r) => {
    // wrk.format sends only the headers it is given: HTTP/1.1 needs Host.
    const headers = Object.entries({ host, ...r.headers }).map(([k, v]) => `[ ${lua(k)} ] = ${lua(v)}`).join(', ');
    return `wrk.format(${lua(r.method)}, ${lua(r.path)}, { ${headers} }, ${r.body === undefined ? 'nil' : lua(r.body)})`;
  });
  // A run stopped at maxRequests: wrk still reports its rate over the whole -d duration, so the script
  // times the run itself (first request to the last answer, CLOCK_MONOTONIC through LuaJIT's ffi).
  return `
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } ow_timespec; int clock_gettime(int, ow_timespec *); ]]
local function now()
  local t = ffi.new("ow_timespec")
  ffi.C.clock_gettime(1, t)
  return tonumber(t.tv_sec) + tonumber(t.tv_nsec) / 1e9
end
local requests = { ${items.join(', ')} }
local i = 0
started = 0
stopped = 0
request = function()
  if started == 0 then started = now() end
  i = i % #requests + 1
  return requests[i]
end
other = 0
local answers = 0
response = function(status)
  if status ~= 200 and status ~= 201 then other = other + 1 end
  answers = answers + 1
  if ${maxRequests} > 0 and answers >= ${maxRequests} and stopped == 0 then
    stopped = now()
    wrk.thread:stop()
  end
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function()
  local n = 0
  local longest = 0
  for _, t in ipairs(threads) do
    n = n + t:get("other")
    if t:get("stopped") > 0 then longest = math.max(longest, t:get("stopped") - t:get("started")) end
  end
  io.write("other-status " .. n .. "\\n")
  io.write("stopped-after " .. longest .. "\\n")
end
`;
}

function ms(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : m[2] === 'm' ? v * 60_000 : v;
}

/** A percentile from wrk's "Latency Distribution" lines ("     50%  635.91us"). Anchored to a line of its
 * own: the thread stats above it end in percentages too ("Latency 5.80ms 2.31ms 34.66ms 85.50%"), and an
 * unanchored /50%\s+(\S+)/ read the next line's "Req/Sec" there, a NaN p50. */
export function percentile(wrkOutput: string, p: 50 | 75 | 90 | 99): number {
  return ms(new RegExp(`^\\s*${p}%\\s+(\\S+)\\s*$`, 'm').exec(wrkOutput)?.[1] ?? '');
}

async function wrk(url: string, connections: number, seconds: number, script: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'onewindow-wrk-'));
  const file = join(dir, 'load.lua');
  await writeFile(file, script);
  try {
    requireWrk();
    const { stdout } = await run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', file, url], { timeout: (seconds + 30) * 1000 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function load(o: LoadOptions): Promise<Row> {
  const connections = o.connections ?? 20;
  const host = new URL(o.url).host;
  if (o.warmupSeconds) await wrk(o.url, connections, o.warmupSeconds, wrkScript(o.requests, host));
  const out = await wrk(o.url, connections, o.seconds, wrkScript(o.requests, host, o.maxRequests));
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const counted = /other-status (\d+)/.exec(out);
  if (!counted) throw new Error(`wrk did not run the request script:\n${out}`);
  const other = Number(counted[1]);
  // Seconds from the first request to the maxRequests-th answer; 0 when the run went the whole duration.
  const stoppedAfter = Number(/stopped-after ([\d.e+-]+)/.exec(out)?.[1] ?? 0);
  return {
    scenario: o.title,
    requests: total,
    rps: Math.round(stoppedAfter > 0 ? total / stoppedAfter : Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
    p50ms: percentile(out, 50),
    p99ms: percentile(out, 99),
    errors: errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    note: other ? `${other} not 200/201` : '',
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

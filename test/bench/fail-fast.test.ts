// A bench that cannot run fails at once with the fix in its message, and a bench that ends any way
// (an error, a SIGTERM) leaves none of the servers it started running: they held its stderr, so a
// pipe reading it (`… | tee`, a CI step) waited forever. Which processes a bench started is read
// from the kernel: every process whose environment carries a mark given to this run only.
import test from 'ava';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from '../helpers/eventually.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Processes running with `mark` in their environment (a zombie's environment reads empty). */
function marked(mark: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(`ONEWINDOW_TEST_MARK=${mark}`)) out.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return out;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').trim();
  } catch {
    return String(pid);
  }
}

/** Runs a bench entry under node (no tsx wrapper: the bench is the process we watch), marked. */
function bench(t: import('ava').ExecutionContext, entry: string, env: Record<string, string> = {}) {
  const mark = randomUUID();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: { ...process.env, ...env, ONEWINDOW_TEST_MARK: mark }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const closed = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
  t.teardown(() => {
    for (const pid of marked(mark)) process.kill(pid, 'SIGKILL');
  });
  return { child, mark, closed, output: () => out, others: () => marked(mark).filter((p) => p !== child.pid) };
}

/** A PATH holding node alone: a machine where wrk is not installed. */
function pathWithoutWrk(t: import('ava').ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-no-wrk-'));
  symlinkSync(process.execPath, join(dir, 'node'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('without wrk, a bench that has started a server fails with "wrk not found", and its server does not outlive it', async (t) => {
  const b = bench(t, 'bench/http-stack.ts', { PATH: pathWithoutWrk(t) });
  // 'close' comes only once every holder of the pipes is gone: the bare Koa child holds them too.
  const code = await Promise.race([b.closed, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 50_000))]);
  t.not(code, 'hung', `the bench's output was still open after 50 s:\n${b.output()}`);
  t.not(code, 0);
  t.regex(b.output(), /wrk not found: apt-get install wrk/);
  t.true(await eventually(() => b.others().length === 0, 5_000), `still running: ${b.others().join(', ')}`);
});

test('`npm run bench` without wrk fails at once, before it starts a server', async (t) => {
  const b = bench(t, 'bench/run.ts', { PATH: pathWithoutWrk(t) });
  // Every command line its processes ran (tsx's esbuild service among them, which is no server).
  const ran = new Set<string>();
  const watch = setInterval(() => {
    for (const pid of b.others()) ran.add(commandOf(pid));
  }, 20);
  t.teardown(() => clearInterval(watch));
  const code = await b.closed;
  t.not(code, 0);
  t.regex(b.output(), /wrk not found: apt-get install wrk/);
  t.deepEqual([...ran].filter((c) => /bare-koa|server\/main/.test(c)), [], 'no server was started');
  t.true(await eventually(() => b.others().length === 0, 5_000), `still running: ${b.others().join(', ')}`);
});

test('a bench stopped with SIGTERM mid-run stops the servers it started', async (t) => {
  const b = bench(t, 'bench/http-stack.ts');
  t.true(await eventually(() => b.others().length > 0, 30_000), `the bench started no server:\n${b.output()}`);
  b.child.kill('SIGTERM');
  const code = await Promise.race([b.closed, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
  t.not(code, 'hung', `the bench's output was still open 20 s after SIGTERM:\n${b.output()}`);
  t.true(await eventually(() => b.others().length === 0, 5_000), `still running: ${b.others().join(', ')}`);
});

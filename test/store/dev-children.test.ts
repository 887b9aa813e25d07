// The dev helpers that start real redis-servers and nodes for tests (server/dev): a server of
// another test that holds the port is never taken for ours, and a test that fails before its
// teardown leaves no child that keeps ava's worker alive or outlives it.
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { startRedisServer } from '../../server/dev/redis-server.ts';
import { eventually } from '../helpers/eventually.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Gone, or a zombie waiting for its new parent to reap it: either way no longer running. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('a redis-server of someone else on our port is not taken for ours when ours cannot bind it', async (t) => {
  const ours = await startRedisServer();
  t.teardown(() => ours.destroy());
  await ours.stop();
  // Another test's redis-server takes the port while ours is down (as one may between freePort()
  // and the bind): it answers PING, but it is not ours and has none of our data.
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-other-redis-'));
  const other = spawn('redis-server', ['--port', String(ours.port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  t.teardown(() => {
    other.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  // Commands wait in ioredis's queue until the other redis-server answers.
  const probe = new Redis(ours.url, { retryStrategy: () => 50 });
  probe.on('error', () => {});
  t.teardown(() => probe.disconnect());
  await probe.set('whose', 'other');

  await t.throwsAsync(ours.start(), { message: /exited on port/ });
  t.is(await probe.get('whose'), 'other', 'the other redis-server still holds the port');
});

test('a process that leaves its redis-server and node running still exits by itself, and they end with it', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/leave-children.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  t.teardown(() => void child.kill('SIGKILL'));
  const exited = await eventually(() => child.exitCode !== null, 45_000);
  const pids = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { redis?: number; node?: number };
  t.teardown(() => {
    for (const pid of [pids.redis, pids.node]) if (pid && running(pid)) process.kill(pid, 'SIGKILL');
  });
  t.true(exited, 'the process exited without being told to');
  t.is(child.exitCode, 0);
  t.true(Number.isInteger(pids.redis) && Number.isInteger(pids.node), out);
  t.true(await eventually(() => !running(pids.redis!), 5_000), 'its redis-server ended with it');
  t.true(await eventually(() => !running(pids.node!), 5_000), 'its node ended with it');
});

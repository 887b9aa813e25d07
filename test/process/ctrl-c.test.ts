// Ctrl+C on `npm start` stops the server while it is busy: `npm start` runs in its own process group
// (as in a terminal), socket.io clients are connected and clients keep issuing and calling tickets
// over kept-alive connections; SIGINT goes to the whole group, as a terminal's Ctrl+C does. Every
// process of the group must be gone well within the bound (generous: this checks that it stops at
// all, not how fast), and the server must say it shut down cleanly rather than being forced.
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveClient } from '../helpers/live-client.ts';
import { freePort } from '../../server/dev/process.ts';

const BOUND_MS = 30_000;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitHealthy(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) throw new Error(`npm start did not become healthy:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Issues and calls tickets in a loop until stopped; errors once the server goes away are expected. */
function busyClient(url: string, window: string, stopped: () => boolean): Promise<number> {
  return (async () => {
    let done = 0;
    while (!stopped()) {
      try {
        await fetch(`${url}/api/tickets`, {
          method: 'POST',
          headers: { authorization: 'Bearer demo-triage', 'content-type': 'application/json' },
          body: JSON.stringify({ service: 'social', lane: 'normal' }),
        });
        await fetch(`${url}/api/windows/${window}/next`, { method: 'POST', headers: { authorization: `Bearer demo-clerk-${window}` } });
        done++;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return done;
  })();
}

test('Ctrl+C (SIGINT to the process group) stops npm start under load, cleanly', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-sigint-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  let out = '';
  const npm = spawn('npm', ['start'], {
    detached: true, // its own process group, like a shell job
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, VOICE_ENGINE: 'none', LOG_LEVEL: 'info', METRICS_PREWARM_DAYS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  npm.stdout!.on('data', (d) => (out += d));
  npm.stderr!.on('data', (d) => (out += d));
  const pgid = npm.pid!;
  t.teardown(() => {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, () => out);

  const live = Array.from({ length: 40 }, () => new LiveClient(url));
  t.teardown(() => live.forEach((c) => c.close()));
  let stop = false;
  const workers = ['3', '4', '5', '6'].flatMap((w) => [busyClient(url, w, () => stop), busyClient(url, w, () => stop)]);
  // Under load: calls reach the live clients.
  await live[0]!.waitFor((r) => r.name === 'ticket:called', 20_000);

  process.kill(-pgid, 'SIGINT');
  const deadline = Date.now() + BOUND_MS;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  stop = true;
  const served = (await Promise.all(workers)).reduce((a, b) => a + b, 0);

  t.false(groupAlive(pgid), `npm start still running ${BOUND_MS / 1000} s after Ctrl+C:\n${out.slice(-2000)}`);
  t.true(served > 0, 'the clients were served before Ctrl+C');
  t.regex(out, /shutting down/);
  t.regex(out, /stopped/, 'the server finished its own shutdown (not the forced exit)');
});

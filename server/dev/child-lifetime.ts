// Children that tests and benches start (redis-server, a OneWindow node) must neither keep their
// parent alive nor outlive it. ava's worker exits only once its event loop is idle, and a child
// process (with its stdout/stderr pipes) is a handle that keeps it busy: a test that failed before
// its teardown stopped the child left the worker hanging until ava's timeout killed it, and the
// killed worker's redis-server then lived on as an orphan.
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

const live = new Set<ChildProcess>();
let hooked = false;

/** SIGKILL is synchronous to send, so it can run in an 'exit' listener. */
function killLive() {
  for (const child of live) child.kill('SIGKILL');
}

/**
 * From now on `child` does not keep this process alive, and is killed when this process exits.
 * Whoever waits for it to end calls `holdUntilExit` first.
 */
export function tieToParent(child: ChildProcess): void {
  if (!hooked) {
    process.on('exit', killLive);
    hooked = true;
  }
  if (child.exitCode !== null || child.signalCode !== null) return;
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.unref();
  // The pipes are handles of their own: unref them too, or they keep the loop alive as before.
  for (const pipe of [child.stdout, child.stderr]) (pipe as Socket | null)?.unref?.();
}

/** Keeps this process alive until `child` has exited (a stop() awaiting its exit must see it). */
export function holdUntilExit(child: ChildProcess): void {
  child.ref();
}

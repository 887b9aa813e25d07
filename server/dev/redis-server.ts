// Starts a real redis-server for tests: loopback only, a free port, its own temp dir, AOF on and
// RDB off, so restart() on the same port and dir brings the data back from the AOF alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdUntilExit, tieToParent } from './child-lifetime.ts';

export interface RedisServerOptions {
  /** 'always' makes every acknowledged write survive even a SIGKILL of redis-server. */
  appendfsync?: 'always' | 'everysec';
  /** More redis-server arguments (e.g. --cluster-enabled yes, see ./redis-cluster.ts). */
  extraArgs?: string[];
  /** More environment for redis-server (test/helpers/shifted-redis.ts sets its wall clock with it). */
  env?: Record<string, string>;
}

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** Graceful by default (SIGTERM: redis flushes the AOF); 'SIGKILL' simulates a crash. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts again on the same port and dir; resolves once it answers PING (AOF loaded). */
  start(): Promise<void>;
  restart(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** SIGSTOP / SIGCONT: Redis keeps its connections open but answers nothing (a hung host). */
  pause(): void;
  resume(): void;
  /** stop() and remove the dir. */
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * One raw PING, then INFO server, over TCP (so the helper does not depend on the client under
 * test): true once the redis-server with process id `pid` answers PONG. A port picked by freePort()
 * is free only until someone binds it, and a redis-server of another test (another ava worker) may
 * take it first: ours then fails to bind and exits, but a bare PONG would come from theirs, and the
 * test would run against a server that the other test stops, pauses or kills under it.
 */
function answersAs(port: number, pid: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = new Socket();
    let buf = '';
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(500, () => done(false));
    sock.once('error', () => done(false));
    sock.on('data', (d) => {
      buf += d.toString();
      // "-LOADING ..." while the AOF is replayed: not ready yet.
      if (buf.includes('\r\n') && !buf.startsWith('+PONG\r\n')) return done(false);
      const id = /\r\nprocess_id:(\d+)\r\n/.exec(buf);
      if (id) done(Number(id[1]) === pid);
    });
    sock.connect(port, '127.0.0.1', () => sock.write('PING\r\nINFO server\r\n'));
  });
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const redis = new RedisProcess(mkdtempSync(join(tmpdir(), 'onewindow-redis-')), options.appendfsync ?? 'everysec', options.extraArgs ?? [], options.env ?? {});
  await launchOnFreePort(redis);
  return {
    url: `redis://127.0.0.1:${redis.port}`,
    port: redis.port,
    dir: redis.dir,
    stop: (signal) => redis.stop(signal),
    start: () => redis.start(),
    restart: async (signal) => {
      await redis.stop(signal);
      await redis.start();
    },
    pause: () => void redis.child?.kill('SIGSTOP'),
    resume: () => void redis.child?.kill('SIGCONT'),
    destroy: async () => {
      redis.child?.kill('SIGCONT');
      await redis.stop('SIGKILL');
      rmSync(redis.dir, { recursive: true, force: true });
    },
  };
}

/** Another process may grab the port between freePort() and listen: try a few; remove the dir if none works. */
async function launchOnFreePort(redis: RedisProcess) {
  for (let attempt = 0; ; attempt++) {
    redis.port = await freePort();
    try {
      await redis.launch();
      return;
    } catch (err) {
      if (attempt >= 4) {
        rmSync(redis.dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
}

/** At most one redis-server child at a time, always on the same port and dir (so a restart finds its AOF). */
class RedisProcess {
  port = 0;
  child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Everything the children printed, for the error when one exits before answering. */
  private log = '';

  constructor(
    readonly dir: string,
    private readonly appendfsync: 'always' | 'everysec',
    private readonly extraArgs: string[],
    private readonly env: Record<string, string>,
  ) {}

  /** Spawns redis-server and resolves once it answers PING; kills it and throws if it does not. */
  async launch() {
    const args = [
      '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir,
      '--appendonly', 'yes', '--appendfsync', this.appendfsync,
      '--save', '', '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning',
      ...this.extraArgs,
    ];
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...this.env } });
    this.child = proc;
    proc.stdout!.on('data', (d) => (this.log += d));
    proc.stderr!.on('data', (d) => (this.log += d));
    this.exited = new Promise((r) => proc.once('exit', () => r()));
    let dead = false;
    void this.exited.then(() => (dead = true));
    try {
      await waitUntil(async () => {
        if (dead) throw new Error(`redis-server exited on port ${this.port}:\n${this.log}`);
        return answersAs(this.port, proc.pid!);
      }, `redis-server on port ${this.port}`);
      tieToParent(proc);
    } catch (err) {
      proc.kill('SIGKILL');
      await this.exited;
      this.child = undefined;
      throw err;
    }
  }

  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
    const proc = this.child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    holdUntilExit(proc);
    proc.kill(signal);
    await this.exited;
    this.child = undefined;
  }

  async start() {
    if (this.child) return;
    // The old socket may linger briefly in the kernel; retry the bind on the same port.
    let lastErr: unknown;
    for (let i = 0; i < 20; i++) {
      try {
        await this.launch();
        return;
      } catch (err) {
        lastErr = err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw lastErr;
  }
}

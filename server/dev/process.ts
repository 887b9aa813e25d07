// OneWindow nodes as real child processes (for kill -9 and multi-node tests), and free ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { holdUntilExit, tieToParent } from './child-lifetime.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface NodeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** How a node is started: `npm start`'s form (the TypeScript through tsx), the default. */
export const SOURCE_NODE_ARGS = ['--import', 'tsx', 'server/main.ts'];
/**
 * `npm run start:prod`'s form (docs/deploy.md, "Memory"): the compiled server of `npm run build`
 * under plain node with the V8 heap sizes and malloc settings that keep a busy hall's node under
 * 150 MB RSS; read from package.json, so the bench measures exactly what the script runs.
 */
export const PRODUCTION_NODE: { env: Record<string, string>; args: string[] } = productionNode();

function productionNode() {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod']!;
  return parseNodeCommand(script);
}

/** `[VAR=value …] node <args>`, as a package.json script or a shell line has it. */
export function parseNodeCommand(command: string): { env: Record<string, string>; args: string[] } {
  const words = command.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name, value] = words.shift()!.split('=') as [string, string];
    env[name] = value;
  }
  if (words.shift() !== 'node') throw new Error(`expected [VAR=value …] node …: ${command}`);
  return { env, args: words };
}

/**
 * Starts a node (`server/main.ts` through tsx unless `args` says otherwise) with the env and waits
 * until /healthz answers. Without a given port it takes a free one, and takes another when the node
 * finds it taken: between freePort() closing its probe and the node binding (1–3 s of start) another
 * test worker's process may bind the same port (seen in CI: EADDRINUSE at start).
 */
export async function startNodeProcess(env: Record<string, string>, port?: number, args: string[] = SOURCE_NODE_ARGS): Promise<NodeProcess> {
  if (port !== undefined) return startNodeOnPort(env, port, args);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startNodeOnPort(env, await freePort(), args);
    } catch (err) {
      if (attempt >= 3 || !(err as Error).message.includes('EADDRINUSE')) throw err;
    }
  }
}

async function startNodeOnPort(env: Record<string, string>, p: number, args: string[]): Promise<NodeProcess> {
  let out = '';
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env, PORT: String(p) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // A test that fails before its teardown kills the node must not leave it holding the worker open.
  tieToParent(child);
  return {
    url,
    port: p,
    child,
    output: () => out,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) {
        holdUntilExit(child);
        child.kill(signal);
      }
      await exited;
    },
  };
}

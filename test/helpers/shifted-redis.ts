// A real redis-server whose wall clock reads `shiftMs` off the real one (./clock-shift.c, built
// here with the system C compiler and loaded with LD_PRELOAD), so Redis TIME can stand just before
// a chosen local midnight while the test runs now: the store's clock is what the nodes are checked
// against, and a test can only put that near midnight by setting Redis's own clock.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedisServer, type RedisServer, type RedisServerOptions } from '../../server/dev/redis-server.ts';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'clock-shift.c');
let built: string | undefined;

/** The shim as a shared object, compiled once per test process. */
function clockShiftLibrary(): string {
  if (built && existsSync(built)) return built;
  const out = join(mkdtempSync(join(tmpdir(), 'onewindow-clock-shift-')), 'clock-shift.so');
  execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', out, SOURCE], { stdio: 'pipe' });
  return (built = out);
}

/** A redis-server whose TIME reads the real time plus shiftMs (a whole number, may be negative). */
export function startShiftedRedisServer(shiftMs: number, options: RedisServerOptions = {}): Promise<RedisServer> {
  const env = { ...options.env, LD_PRELOAD: clockShiftLibrary(), CLOCK_SHIFT_MS: String(Math.round(shiftMs)) };
  return startRedisServer({ ...options, env });
}

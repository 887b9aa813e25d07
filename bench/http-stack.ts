// What the HTTP stack costs before a route does anything (issue 15): a bare Koa JSON route next to
// the real server's cheapest answers — GET /healthz, an unknown ticket's 404 through the hall
// router, a ticket's status and the hall's description — each through the whole middleware stack
// (request id and access log, error middleware, security headers and origin check, route table).
// The server runs the demo hall with every plug-in, speech and the demo's virtual printer off.
// Each row also gives the server's CPU time per request, read from /proc: on a shared machine it
// moves less than req/s does. Aims (issue 15): /healthz ≤ 1.5×, the 404 ≤ 2× the bare route.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMsOf } from './scale/clerk-run.ts';
import { load, startProcess, type BenchRequest, type Proc, type Row } from './lib.ts';

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const HALL = 'district';
const ADMIN = { authorization: 'Bearer demo-admin' };

/** One load run with the server's CPU time per request in the note, and that time against the baseline's. */
async function measured(proc: Proc, title: string, requests: BenchRequest[], baselineCpuUs?: number): Promise<Row & { cpuUs: number }> {
  await load({ url: proc.url, title, seconds: 1, requests });
  const before = cpuMsOf(proc.pid);
  const row = await load({ url: proc.url, title, seconds: SECONDS, requests });
  const cpuUs = ((cpuMsOf(proc.pid) - before) * 1000) / Math.max(1, row.requests);
  const ratio = baselineCpuUs ? `, ${(cpuUs / baselineCpuUs).toFixed(2)}× the baseline's CPU` : '';
  return { ...row, cpuUs, note: `${cpuUs.toFixed(0)} µs server CPU a request${ratio}` };
}

const get = (path: string, headers: Record<string, string> = {}): BenchRequest[] => [{ method: 'GET', path, headers }];

async function issuedTicketId(url: string): Promise<string> {
  const res = await fetch(`${url}/api/halls/${HALL}/tickets`, { method: 'POST', headers: { ...ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ service: 'business' }) });
  if (res.status !== 201) throw new Error(`issuing the bench's ticket failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export async function runHttpStackBench(): Promise<{ rows: Row[]; baseline: Row }> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-http-stack-'));
  try {
    const bare = await startProcess('bench/bare-koa.ts', {}, '/');
    const baseline = await measured(bare, 'bare Koa JSON POST (baseline)', [{ method: 'POST', path: '/x', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'business' }) }]);
    await bare.stop();
    const rows: Row[] = [baseline];
    for (const level of ['warn', 'info']) {
      const env = { DATA_DIR: join(dir, `data-${level}`), VOICE_ENGINE: 'none', VIRTUAL_PRINTER: 'off', LOG_LEVEL: level };
      const node = await startProcess('server/main.ts', env, '/healthz');
      try {
        const log = level === 'warn' ? 'access log off' : 'access log on';
        rows.push(await measured(node, `GET /healthz (${log})`, get('/healthz'), baseline.cpuUs));
        rows.push(await measured(node, `GET unknown ticket, 404 through the hall router (${log})`, get(`/api/halls/${HALL}/tickets/nosuchticket12`), baseline.cpuUs));
        if (level === 'info') continue;
        const id = await issuedTicketId(node.url);
        rows.push(await measured(node, `GET a ticket's status (${log})`, get(`/api/halls/${HALL}/tickets/${id}`), baseline.cpuUs));
        rows.push(await measured(node, `GET the hall's description (${log})`, get(`/api/halls/${HALL}/hall`, ADMIN), baseline.cpuUs));
      } finally {
        await node.stop();
      }
    }
    return { rows, baseline };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./lib.ts');
  const { rows, baseline } = await runHttpStackBench();
  printTable('HTTP stack: the cheapest answers next to a bare Koa route (cost = bare req/s ÷ req/s; CPU in the note)', rows, baseline);
}

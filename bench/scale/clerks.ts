// The clerks of the scale bench, run as their own process (forked by bench/scale.ts): CLERKS
// concurrent loops, each issuing a ticket for its window's service, pressing next at its window
// and, when something was called, finish; for SECONDS, or until TICKETS tickets were issued.
// Prints one JSON line: every request's latency summary. With BARE_PATH set, every step is a POST
// to that path instead (the same generator against the bare Koa baseline).
import { Agent, request } from 'node:http';

const url = process.env.URL!;
const clerks = Number(process.env.CLERKS ?? 200);
const seconds = Number(process.env.SECONDS ?? 8);
const ticketBudget = Number(process.env.TICKETS ?? Infinity);
const services = Number(process.env.SERVICES ?? 20);
const bare = process.env.BARE_PATH;
// node:http over fetch: the generator shares the two cores with the server, so it spends as little as it can.
const agent = new Agent({ keepAlive: true, maxSockets: clerks });

const latencies: number[] = [];
let errors = 0;
let issued = 0;
const statuses: Record<string, number> = {};

/** One POST; its status, or 0 when the connection failed. */
function send(path: string, token: string, body?: string): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, 'content-length': body ? Buffer.byteLength(body) : 0 };
    if (body) headers['content-type'] = 'application/json';
    const req = request(url + (bare ?? path), { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function post(path: string, token: string, body?: unknown): Promise<{ status: number } | null> {
  const t0 = performance.now();
  let status = await send(path, token, body ? JSON.stringify(body) : undefined);
  // A kept-alive connection closed by the server just as it was reused: retry once (not a server error).
  if (status === 0) status = await send(path, token, body ? JSON.stringify(body) : undefined);
  if (status === 0 || status >= 500) {
    errors++;
    return null;
  }
  latencies.push(performance.now() - t0);
  statuses[status] = (statuses[status] ?? 0) + 1;
  return { status };
}

async function clerk(i: number, until: number) {
  const windowId = String(i + 1);
  const token = `bench-clerk-${windowId}`;
  while (performance.now() < until && issued < ticketBudget) {
    issued++;
    await post('/api/tickets', 'bench-triage', { service: `s${i % services}`, lane: 'normal' });
    const next = await post(`/api/windows/${windowId}/next`, token);
    if (bare || next?.status === 200) await post(`/api/windows/${windowId}/finish`, token);
  }
}

const t0 = performance.now();
await Promise.all(Array.from({ length: clerks }, (_, i) => clerk(i, t0 + seconds * 1000)));
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
console.log(JSON.stringify({ requests: latencies.length, rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors, issued, statuses }));
agent.destroy();

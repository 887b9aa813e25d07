// The clerks of the scale bench, run as their own process (forked by bench/scale.ts): CLERKS
// concurrent loops, each issuing a ticket for its window's service, pressing next at its window
// and, when something was called, finish; for SECONDS, or until TICKETS tickets were issued.
// Prints one JSON line: the latency summary of the successful answers (2xx) only, with what it ran
// with. A refusal (4xx) or a failure (5xx, no answer) is counted apart and never in the throughput
// or the percentiles. Closed loop, no think time: each clerk sends its next request when the last
// one is answered, over its own kept-alive connection (CLERKS connections in all, opened before the
// clock starts). With BARE_PATH
// set, every step is a POST to that path instead (the same generator against the bare Koa baseline).
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
let rejected = 0;
/** Issue requests sent (the TICKETS budget: the day must not run out of numbers) and answered 201. */
let issuing = 0;
let issued = 0;
const statuses: Record<string, number> = {};

/** One POST (or the warm-up's GET); its status, or 0 when the connection failed. */
function send(path: string, token: string, body?: string, method = 'POST'): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { 'content-length': body ? Buffer.byteLength(body) : 0 };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) headers['content-type'] = 'application/json';
    const req = request(url + (method === 'POST' ? (bare ?? path) : path), { method, agent, headers }, (res) => {
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
  statuses[status] = (statuses[status] ?? 0) + 1;
  if (status === 0 || status >= 500) {
    errors++;
    return null;
  }
  const ms = performance.now() - t0;
  if (status >= 300) rejected++;
  else latencies.push(ms);
  noteSlow(path, ms, t0);
  return { status };
}

/** The slowest answers (any status): which request, how long, when it was sent (s into the run). */
const slowest: { path: string; ms: number; sentAt: number }[] = [];
function noteSlow(path: string, ms: number, sentAt: number) {
  if (slowest.length === 5 && ms <= slowest[4]!.ms) return;
  slowest.push({ path, ms: Math.round(ms), sentAt: Math.round((sentAt - started) / 100) / 10 });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
}

async function clerk(i: number, until: number) {
  const windowId = String(i + 1);
  const token = `bench-clerk-${windowId}`;
  while (performance.now() < until && issuing < ticketBudget) {
    issuing++;
    const ticket = await post('/api/tickets', 'bench-triage', { service: `s${i % services}`, lane: 'normal' });
    if (ticket?.status === 201) issued++;
    const next = await post(`/api/windows/${windowId}/next`, token);
    if (bare || next?.status === 200) await post(`/api/windows/${windowId}/finish`, token);
  }
}

// Every clerk's connection is opened before the clock starts, as a console's is before the day's
// first press: 200 connects at once can overflow a busy server's accept queue (the kernel then
// drops SYNs, and the client retries after 1, 3, 7 s), which is not what a command costs. How
// long the connects took is reported apart.
const connecting = performance.now();
const warm = await Promise.all(Array.from({ length: clerks }, () => send(bare ? '/' : '/healthz', '', undefined, 'GET')));
const connectMs = performance.now() - connecting;
const connectFailures = warm.filter((status) => status !== 200).length;
const started = performance.now();
await Promise.all(Array.from({ length: clerks }, (_, i) => clerk(i, started + seconds * 1000)));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
const setup = { clerks, connections: clerks, services, thinkMs: 0, seconds, ticketBudget: Number.isFinite(ticketBudget) ? ticketBudget : null, elapsed, connectMs, connectFailures };
// requests and rps: successful answers only; rejected (4xx) and errors (5xx, no answer) apart.
console.log(JSON.stringify({ requests: latencies.length, rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors, rejected, issued, statuses, setup, slowest }));
agent.destroy();

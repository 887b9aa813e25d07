// The clerks of the scale bench, run as their own process (forked by bench/scale.ts): CLERKS
// concurrent loops, each issuing a ticket for its window's service, pressing next at its window
// and, when something was called, finish; for SECONDS, or until TICKETS tickets were issued.
// Prints one JSON line: the latency summary of the successful answers (2xx) only, with what it ran
// with. A refusal (4xx) or a failure (5xx, no answer) is counted apart and never in the throughput
// or the percentiles. Closed loop, no think time: each clerk sends its next request when the last
// one is answered, over its own kept-alive connection (CLERKS connections in all, opened before the
// clock starts). With BARE_PATH set, every step is a POST to that path instead (the same generator
// against the bare Koa baseline).
//
// Warm-up: with WARMUP_SECONDS, the same clerks first run the same loop for that long, counted
// apart (`warmUp` in the output: the first seconds after the server started, on cold JIT code), and
// the measured phase starts when every clerk has finished its warm-up loop. So that the warm-up does
// not eat the measured hall's day (999 numbers a service), it runs in another hall of the same
// server: paths under WARMUP_API (e.g. /api/halls/warm-up) and tokens WARMUP_TOKENS-triage,
// WARMUP_TOKENS-clerk-N (the bench's hall file: bench/scale/hall.ts, warmUpHall).
import { Agent, request } from 'node:http';
import { LatencyLog, MEASURING } from './latency-log.ts';

const url = process.env.URL!;
const clerks = Number(process.env.CLERKS ?? 200);
const seconds = Number(process.env.SECONDS ?? 8);
const ticketBudget = Number(process.env.TICKETS ?? Infinity);
const services = Number(process.env.SERVICES ?? 20);
const bare = process.env.BARE_PATH;
const warmUpSeconds = Number(process.env.WARMUP_SECONDS ?? 0);
// node:http over fetch: the generator shares the two cores with the server, so it spends as little as it can.
const agent = new Agent({ keepAlive: true, maxSockets: clerks });

/** One phase of the run: where its clerks send, with which tokens, until when, and what they got. */
interface Phase {
  api: string;
  tokens: string;
  until: number;
  ticketBudget: number;
  /** Issue requests sent (the ticket budget: the day must not run out of numbers). */
  issuing: number;
  log: LatencyLog;
}

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

async function post(log: LatencyLog, step: string, path: string, token: string, body?: unknown): Promise<number> {
  const t0 = performance.now();
  let status = await send(path, token, body ? JSON.stringify(body) : undefined);
  // A kept-alive connection closed by the server just as it was reused: retry once (not a server error).
  if (status === 0) status = await send(path, token, body ? JSON.stringify(body) : undefined);
  log.add(step, path, status, t0, performance.now() - t0);
  return status;
}

async function clerk(i: number, phase: Phase) {
  const windowId = String(i + 1);
  const token = `${phase.tokens}-clerk-${windowId}`;
  const { api, log } = phase;
  while (performance.now() < phase.until && phase.issuing < phase.ticketBudget) {
    phase.issuing++;
    await post(log, 'issue', `${api}/tickets`, `${phase.tokens}-triage`, { service: `s${i % services}`, lane: 'normal' });
    const next = await post(log, 'next', `${api}/windows/${windowId}/next`, token);
    if (bare || next === 200) await post(log, 'finish', `${api}/windows/${windowId}/finish`, token);
  }
}

async function runPhase(api: string, tokens: string, phaseSeconds: number, budget: number) {
  const log = new LatencyLog(performance.now());
  const phase: Phase = { api, tokens, until: log.started + phaseSeconds * 1000, ticketBudget: budget, issuing: 0, log };
  await Promise.all(Array.from({ length: clerks }, (_, i) => clerk(i, phase)));
  return log.summary((performance.now() - log.started) / 1000);
}

// Every clerk's connection is opened before the clock starts, as a console's is before the day's
// first press: 200 connects at once can overflow a busy server's accept queue (the kernel then
// drops SYNs, and the client retries after 1, 3, 7 s), which is not what a command costs. How
// long the connects took is reported apart.
const connecting = performance.now();
const warm = await Promise.all(Array.from({ length: clerks }, () => send(bare ? '/' : '/healthz', '', undefined, 'GET')));
const connectMs = performance.now() - connecting;
const connectFailures = warm.filter((status) => status !== 200).length;
const warmUp = warmUpSeconds > 0 ? await runPhase(process.env.WARMUP_API ?? '/api', process.env.WARMUP_TOKENS ?? 'bench', warmUpSeconds, Number(process.env.WARMUP_TICKETS ?? Infinity)) : null;
console.log(MEASURING);
const measured = await runPhase('/api', 'bench', seconds, ticketBudget);
const setup = {
  clerks,
  connections: clerks,
  services,
  thinkMs: 0,
  seconds,
  ticketBudget: Number.isFinite(ticketBudget) ? ticketBudget : null,
  elapsed: measured.elapsed,
  connectMs,
  connectFailures,
  warmUpSeconds,
  warmUpApi: warmUp ? (process.env.WARMUP_API ?? '/api') : null,
};
// requests and rps: successful answers only; rejected (4xx) and errors (5xx, no answer) apart.
console.log(JSON.stringify({ ...measured, setup, warmUp }));
agent.destroy();

// Admission control: when the process is in trouble (load-monitor.ts), new requests are answered
// at once with 503 `overloaded` and Retry-After, before anything else runs for them (no body read,
// no auth, no store), so what is admitted is served and the node degrades instead of dying.
//
// What is shed first (level `shedding`): deferrable reads, i.e. every GET except the few a clerk's
// console needs: reports, exports, records, /metrics, public snapshots (/api/state, /api/queue),
// ticket status pages, the knowledge base, pages and assets. They are the dearest requests or the
// easiest to repeat, and a person loses nothing by retrying in a few seconds; wall displays keep
// their live events (socket.io, not here). Kept until `critical`: everything that changes state
// (issuing, clerks' keys, check-in, sign-in: a person is standing at a counter, and it is what the
// event log records), the clerk console's own reads, and Prometheus' /metrics scrape (cheap, and how
// an operator watches the overload). Never shed: /healthz, /readyz, /api/health,
// so a load balancer learns the node is overloaded (/readyz answers 503) rather than that it is dead.
// A refused request ran no handler: it appended nothing, so nothing unacknowledged is recorded.
// At `critical` new socket.io connections are refused too (the gateway asks admitsNewSocket), so a
// reconnect storm does not pile onto a node past its limit; connected sockets stay.
// What is refused is counted and logged without a line per refusal (shed-log.ts).
import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import type { Logger } from '../log.ts';
import { LoadMonitor, type LoadLevel, type LoadReading, type LoadThresholds } from './load-monitor.ts';
import { requestIdFor } from './request-log.ts';
import { ShedLog, type RefusedClass, type Refusal } from './shed-log.ts';

export type RequestClass = 'health' | 'essential' | 'deferrable';

const HEALTH = new Set(['/healthz', '/readyz', '/api/health']);
/** Prometheus' scrape: cheap, and how an operator sees the overload while it lasts. */
const ESSENTIAL_ROOT = new Set(['/metrics']);
/** Reads a clerk's console or a device needs to work, after the hall prefix (/api or /api/halls/:hall). */
const ESSENTIAL_READS = [/^\/whoami$/, /^\/session$/, /^\/halls?$/, /^\/windows\/[^/]+$/];
const HALL_PREFIX = /^\/api(?:\/halls\/[^/]+)?(?=\/)/;

/** Which class a request is in, from its method and path alone (nothing else is read yet). */
export function classify(method: string, path: string): RequestClass {
  if (HEALTH.has(path)) return 'health';
  if (method !== 'GET' && method !== 'HEAD') return 'essential';
  if (ESSENTIAL_ROOT.has(path)) return 'essential';
  const prefix = HALL_PREFIX.exec(path);
  if (prefix) {
    const rest = path.slice(prefix[0].length);
    if (ESSENTIAL_READS.some((r) => r.test(rest))) return 'essential';
  }
  return 'deferrable';
}

/** Which classes a level refuses. */
export function refuses(level: LoadLevel, kind: RequestClass): boolean {
  if (kind === 'health') return false;
  if (level === 'critical') return true;
  return level === 'shedding' && kind === 'deferrable';
}

export const DEFAULT_THRESHOLDS: LoadThresholds = { lagMs: 500, criticalLagMs: 2000, heapRatio: 0.85, criticalHeapRatio: 0.95, holdMs: 3000, sampleMs: 500 };

/** The thresholds from OVERLOAD_* (docs/deploy.md), or undefined when OVERLOAD_PROTECTION=off. */
export function admissionFromEnv(env: Record<string, string | undefined>): LoadThresholds | undefined {
  const switched = env.OVERLOAD_PROTECTION?.trim();
  if (switched === 'off') return undefined;
  if (switched && switched !== 'on') throw new Error(`OVERLOAD_PROTECTION: "${switched}" is neither on nor off`);
  const d = DEFAULT_THRESHOLDS;
  const t: LoadThresholds = {
    lagMs: number(env, 'OVERLOAD_LAG_MS', d.lagMs),
    criticalLagMs: number(env, 'OVERLOAD_CRITICAL_LAG_MS', d.criticalLagMs),
    heapRatio: number(env, 'OVERLOAD_HEAP_RATIO', d.heapRatio),
    criticalHeapRatio: number(env, 'OVERLOAD_CRITICAL_HEAP_RATIO', d.criticalHeapRatio),
    holdMs: number(env, 'OVERLOAD_HOLD_MS', d.holdMs),
    sampleMs: number(env, 'OVERLOAD_SAMPLE_MS', d.sampleMs),
  };
  if (t.criticalLagMs < t.lagMs) throw new Error('OVERLOAD_CRITICAL_LAG_MS must be at least OVERLOAD_LAG_MS');
  if (t.criticalHeapRatio < t.heapRatio) throw new Error('OVERLOAD_CRITICAL_HEAP_RATIO must be at least OVERLOAD_HEAP_RATIO');
  if (t.sampleMs < 10) throw new Error('OVERLOAD_SAMPLE_MS must be at least 10');
  return t;
}

function number(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(n)) throw new Error(`${name}: "${text}" is not a non-negative number`);
  return n;
}

export class Admission {
  /** Requests refused since start, per class, new socket.io connections as `handshake` (for /api/health and /metrics). */
  readonly refused: Record<RefusedClass, number> = { essential: 0, deferrable: 0, handshake: 0 };
  private readonly monitor: LoadMonitor;
  private readonly shed: ShedLog;

  constructor(thresholds: LoadThresholds, log: Logger) {
    const own = log.child({ component: 'admission' });
    this.monitor = new LoadMonitor(thresholds, own);
    // The one-by-one lines are access lines (request-log.ts): method, path, status, request id; nothing to redact.
    this.shed = new ShedLog({ access: log.child({}, { redact: [] }), summary: own }, () => this.monitor.current);
  }

  get load(): LoadReading {
    return this.monitor.current;
  }

  /** The live heap at or over the shedding ratio (the displays' queues then get less: slow-consumers.ts). */
  get heapShort(): boolean {
    return this.monitor.current.heapRatio >= this.monitor.thresholds.heapRatio;
  }

  /** Seconds a refused client should wait: as long as a level is held. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.monitor.thresholds.holdMs / 1000));
  }

  /** Starts watching the process (server.ts, once it listens). */
  start(): void {
    this.monitor.start();
  }

  stop(): void {
    this.monitor.stop();
    this.shed.flush();
  }

  /**
   * Whether the request is refused at the current level, then answered 503 `overloaded` here. The
   * app asks it first of all, before anything else runs for the request (app.ts).
   */
  turnedAway(ctx: Context): boolean {
    const level = this.monitor.current.level;
    if (level === 'ok') return false;
    const kind = classify(ctx.method, ctx.path);
    if (!refuses(level, kind)) return false;
    const reqId = requestIdFor(ctx.req.headers['x-request-id']);
    this.refuse({ method: ctx.method, path: ctx.path, kind: kind as Exclude<RequestClass, 'health'>, reqId, status: 503 });
    ctx.set('X-Request-Id', reqId);
    this.answerOverloaded(ctx);
    return true;
  }

  /**
   * Whether a new socket.io connection may be made now (the gateway's allowRequest, for a handshake
   * only): not at `critical`, where a reconnect storm would push the node further past its limit.
   * The displays retry with backoff and come back once the level is down.
   */
  admitsNewSocket(req: IncomingMessage): boolean {
    if (this.monitor.current.level !== 'critical') return true;
    const path = req.url?.split('?')[0] ?? '/socket.io/';
    // engine.io answers a refused handshake itself: 403 to long-polling, 400 to a WebSocket upgrade.
    const status = req.headers.upgrade ? 400 : 403;
    this.refuse({ method: req.method ?? 'GET', path, kind: 'handshake', reqId: requestIdFor(req.headers['x-request-id']), status });
    return false;
  }

  private refuse(r: Refusal): void {
    this.refused[r.kind]++;
    this.shed.refused(r);
  }

  /** 503 `overloaded` with Retry-After (also /readyz's answer while the node sheds). */
  answerOverloaded(ctx: Context): void {
    ctx.status = 503;
    ctx.set('Retry-After', String(this.retryAfterSeconds));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { error: { code: 'overloaded', message: `the server is overloaded; try again in ${this.retryAfterSeconds} s` } };
  }
}

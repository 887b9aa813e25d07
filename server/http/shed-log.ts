// What admission control refused, in the log, at a cost that does not grow with the flood it sheds.
//
// Refusing is the node's cheapest answer, and it refuses because it is short of time: a line per
// refusal would write the most exactly when the node can least afford it (thousands a second from a
// reconnecting hall, each a synchronous write to stdout). So each refusal only counts (a few map
// increments), and once a second while requests are refused one summary line (a warning) says how
// many were refused, by class and by route, at which level and load. The first few refusals of each
// second are also logged one by one, as access lines with their request id (the X-Request-Id the
// 503 carries), so a person's report of a refused press meets the log; the count of those not
// written one by one is in the summary. No refusal, no timer and no line.
import type { Logger } from '../log.ts';
import type { LoadReading } from './load-monitor.ts';

/** What was refused: an HTTP request of a class (admission.ts), or a new socket.io connection. */
export type RefusedClass = 'deferrable' | 'essential' | 'handshake';

export interface Refusal {
  method: string;
  /** The path without its query (a query may name a person, and paths group into routes better without one). */
  path: string;
  kind: RefusedClass;
  reqId: string;
  /** The status answered: 503 for a request; a refused socket.io handshake is engine.io's 403 (polling) or 400 (WebSocket). */
  status: number;
}

export interface ShedLogOptions {
  /** Refusals logged one by one in each summary period (default 5). */
  detailed?: number;
  /** Distinct routes counted by name in a summary; the rest are counted as "other" (default 20). */
  routes?: number;
  /** Length of a summary period, ms (default 1000). */
  periodMs?: number;
}

interface Period {
  startedAt: number;
  total: number;
  byClass: Record<RefusedClass, number>;
  byRoute: Map<string, number>;
}

export class ShedLog {
  private period: Period | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly detailed: number;
  private readonly routes: number;
  private readonly periodMs: number;

  constructor(
    /** Where the one-by-one lines go (the access log's logger) and the summaries (component `admission`). */
    private readonly log: { access: Logger; summary: Logger },
    /** The load now, for the lines (the monitor's reading when a line is written). */
    private readonly load: () => LoadReading,
    options: ShedLogOptions = {},
  ) {
    this.detailed = options.detailed ?? 5;
    this.routes = options.routes ?? 20;
    this.periodMs = options.periodMs ?? 1000;
  }

  /** Counts a refusal (and logs it by itself if it is among the period's first few). */
  refused(r: Refusal): void {
    const p = (this.period ??= this.open());
    p.total++;
    p.byClass[r.kind]++;
    const route = `${r.method} ${r.path}`;
    const known = p.byRoute.get(route);
    if (known !== undefined) p.byRoute.set(route, known + 1);
    else if (p.byRoute.size < this.routes) p.byRoute.set(route, 1);
    else p.byRoute.set('other', (p.byRoute.get('other') ?? 0) + 1);
    if (p.total <= this.detailed) {
      const line = { reqId: r.reqId, req: { method: r.method, url: r.path }, res: { statusCode: r.status }, reason: 'overloaded', refused: r.kind, load: this.load().level };
      this.log.access.info(line, r.kind === 'handshake' ? 'socket.io connection refused: overloaded' : 'request refused: overloaded');
    }
  }

  /** Writes the summary of the period under way now (at the period's end, or when the node stops). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const p = this.period;
    this.period = undefined;
    if (!p) return;
    const { level, lagMs, heapRatio } = this.load();
    const periodMs = Date.now() - p.startedAt;
    const fields = { refused: p.total, byClass: p.byClass, byRoute: Object.fromEntries(p.byRoute), notLoggedOneByOne: Math.max(0, p.total - this.detailed), periodMs, load: level, lagMs, heapRatio };
    this.log.summary.warn(fields, `overload: refused ${p.total} request(s) in the last ${(periodMs / 1000).toFixed(1)} s`);
  }

  private open(): Period {
    // unref: a summary due never keeps a stopping process alive (stop() flushes it).
    this.timer = setTimeout(() => this.flush(), this.periodMs);
    this.timer.unref();
    return { startedAt: Date.now(), total: 0, byClass: { deferrable: 0, essential: 0, handshake: 0 }, byRoute: new Map() };
  }
}

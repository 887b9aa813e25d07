// How much trouble the process is in, sampled a few times a second: the event loop's delay (how
// late timers run, i.e. how long every request waits in line) and the heap against V8's limit
// (--max-old-space-size). admission.ts sheds requests by it.
//
// The delay is the larger of perf_hooks.monitorEventLoopDelay's p99 since the last sample (its
// intervals, less its resolution) and how late the sampling timer itself ran: resetting the
// histogram drops the interval in progress, so a single long block that ends just before a sample
// is seen only by the second.
//
// The heap is judged by what a full (mark-sweep) collection left: between collections V8 lets the
// heap fill with garbage up to its next limit, close to heap_size_limit on a small heap, so the
// heap in use at a random moment says little. Until the first full collection, the heap now.
import { constants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { Logger } from '../log.ts';

/** ok: serve everything; shedding: refuse deferrable requests; critical: refuse all but health. */
export type LoadLevel = 'ok' | 'shedding' | 'critical';

export interface LoadThresholds {
  /** Event-loop delay (p99 over a sample, ms) from which deferrable requests are refused. */
  lagMs: number;
  /** Event-loop delay from which every request but health is refused. */
  criticalLagMs: number;
  /** Live heap / heap limit from which deferrable requests are refused. */
  heapRatio: number;
  criticalHeapRatio: number;
  /** How long a level is kept after the last sample that called for it (no flapping); the Retry-After. */
  holdMs: number;
  /** How often the process is sampled. */
  sampleMs: number;
}

export interface LoadReading {
  level: LoadLevel;
  lagMs: number;
  heapRatio: number;
}

const RANK: Record<LoadLevel, number> = { ok: 0, shedding: 1, critical: 2 };
const RESOLUTION_MS = 10;

export class LoadMonitor {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private lastSampleAt = 0;
  private readonly gc = new PerformanceObserver((list) => this.afterGc(list.getEntries()));
  private timer: NodeJS.Timeout | undefined;
  private liveHeap: number | undefined;
  private reading: LoadReading = { level: 'ok', lagMs: 0, heapRatio: 0 };
  /** Until when each level is held since a sample last called for it. */
  private readonly heldUntil: Record<LoadLevel, number> = { ok: 0, shedding: 0, critical: 0 };

  constructor(
    readonly thresholds: LoadThresholds,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts sampling; called once the server listens, so a long start-up does not count as overload. */
  start(): void {
    if (this.timer) return;
    this.delay.enable();
    this.gc.observe({ entryTypes: ['gc'] });
    this.lastSampleAt = performance.now();
    this.timer = setInterval(() => this.sample(), this.thresholds.sampleMs);
    this.timer.unref();
  }

  get current(): LoadReading {
    return this.reading;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.delay.disable();
    this.gc.disconnect();
  }

  /** Reads the delay since the last sample and the heap, and moves the level (up at once, down after holdMs). */
  sample(): void {
    const t = this.thresholds;
    const at = performance.now();
    const timerLate = at - this.lastSampleAt - t.sampleMs;
    this.lastSampleAt = at;
    const histogram = this.delay.count ? this.delay.percentile(99) / 1e6 - RESOLUTION_MS : 0;
    this.delay.reset();
    const lagMs = Math.max(0, timerLate, histogram);
    const stats = v8.getHeapStatistics();
    const heapRatio = (this.liveHeap ?? stats.used_heap_size) / stats.heap_size_limit;
    const called: LoadLevel = lagMs >= t.criticalLagMs || heapRatio >= t.criticalHeapRatio ? 'critical' : lagMs >= t.lagMs || heapRatio >= t.heapRatio ? 'shedding' : 'ok';
    const now = this.now();
    if (called !== 'ok') for (const level of ['shedding', 'critical'] as const) if (RANK[level] <= RANK[called]) this.heldUntil[level] = now + t.holdMs;
    const level: LoadLevel = now < this.heldUntil.critical ? 'critical' : now < this.heldUntil.shedding ? 'shedding' : 'ok';
    if (level !== this.reading.level) this.logChange(this.reading.level, level, lagMs, heapRatio);
    this.reading = { level, lagMs: Math.round(lagMs), heapRatio: Math.round(heapRatio * 1000) / 1000 };
  }

  private afterGc(entries: PerformanceEntry[]) {
    const full = entries.some((e) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (full) this.liveHeap = v8.getHeapStatistics().used_heap_size;
  }

  private logChange(from: LoadLevel, to: LoadLevel, lagMs: number, heapRatio: number) {
    const fields = { load: to, from, lagMs: Math.round(lagMs), heapRatio: Math.round(heapRatio * 1000) / 1000 };
    if (to === 'ok') this.log.info(fields, 'overload: back to normal, serving every request');
    else this.log.warn(fields, to === 'critical' ? 'overload (critical): refusing every request but health checks' : 'overload: refusing deferrable requests (reports, exports, snapshots, pages)');
  }
}

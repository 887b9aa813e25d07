// How far this node's clock is from the shared store's (Redis TIME), measured at start and then
// periodically, so operators see a wrong clock on /healthz, /api/health, /metrics and in the log
// before clerks see refused presses. The store itself refuses events too far ahead of its clock
// (append-n.lua); this only reports. A node does not correct its clock by the offset: see
// docs/scale-out.md, "Clocks".
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log.ts';

/** What the monitor reads: the store's clock and the bound its append checks against. */
export interface StoreClock {
  storeTime(): Promise<number>;
  readonly maxClockAheadMs: number;
}

export interface ClockReading {
  /** This node's clock minus the store's, ms (positive: the node runs ahead), give or take rttMs / 2. */
  offsetMs: number;
  /** Round trip of the TIME command, ms: the reading's uncertainty is half of it. */
  rttMs: number;
  /** The store's bound on event times ahead of its clock, ms. */
  maxAheadMs: number;
  /** 'ahead': surely beyond the bound, this node's writes are refused; 'behind': surely beyond it the other way. */
  status: 'ok' | 'ahead' | 'behind';
  /** When it was measured, by the store's clock (epoch ms). */
  measuredAt: number;
}

export interface ClockOffsetOptions {
  /** How often to measure again, ms (default 30 s). */
  intervalMs?: number;
  log: Logger;
}

const DEFAULT_INTERVAL_MS = 30_000;

export class ClockOffsetMonitor {
  private latest: ClockReading | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: StoreClock,
    /** The clock the engines stamp events with (HallEngineOptions.clock). */
    private readonly clock: () => number,
    private readonly options: ClockOffsetOptions,
  ) {}

  /** The last reading; undefined before the first one succeeded. */
  reading(): ClockReading | undefined {
    return this.latest;
  }

  /** Measures now (a failure is logged and keeps the last reading), then every intervalMs. */
  async start(): Promise<void> {
    await this.measureAndReport();
    this.timer = setInterval(() => void this.measureAndReport(), this.options.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One TIME round trip: the node's clock at its midpoint against the store's answer. */
  async measure(): Promise<ClockReading> {
    const sent = performance.now();
    const storeNow = await this.store.storeTime();
    const rttMs = performance.now() - sent;
    const offsetMs = this.clock() - rttMs / 2 - storeNow;
    const bound = this.store.maxClockAheadMs;
    // Only a reading beyond the bound by more than its own uncertainty counts.
    const status = offsetMs - rttMs / 2 > bound ? 'ahead' : offsetMs + rttMs / 2 < -bound ? 'behind' : 'ok';
    return { offsetMs: Math.round(offsetMs), rttMs: Math.round(rttMs * 10) / 10, maxAheadMs: bound, status, measuredAt: storeNow };
  }

  private async measureAndReport(): Promise<void> {
    let reading: ClockReading;
    try {
      reading = await this.measure();
    } catch (err) {
      this.options.log.warn({ err }, 'measuring the clock offset to the store failed; keeping the last reading');
      return;
    }
    const before = this.latest?.status;
    this.latest = reading;
    const fields = { offsetMs: reading.offsetMs, rttMs: reading.rttMs, maxAheadMs: reading.maxAheadMs };
    // Every reading beyond the bound is logged: it is the operator's cue, every intervalMs until fixed.
    if (reading.status === 'ahead') this.options.log.error(fields, "this node's clock is ahead of the store's beyond the bound: its changes are refused (503 clock_skew) until its time is fixed");
    else if (reading.status === 'behind') this.options.log.warn(fields, "this node's clock is behind the store's beyond the bound: it stamps events with the newest event's time; fix its time");
    else if (before === undefined || before !== 'ok') this.options.log.info(fields, "clock offset to the store's is within the bound");
  }
}

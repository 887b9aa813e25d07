// How far this node's clock is from the shared store's (Redis TIME), measured at start and then
// periodically, so operators see a wrong clock on /healthz, /api/health, /metrics and in the log
// before clerks see refused presses. The store itself refuses events too far ahead of its clock
// (append-n.lua); this only reports. A node does not correct its clock by the offset: see
// docs/scale-out.md, "Clocks".
// A clock can jump between two measurements (a wrong NTP step): the first append the store refuses
// for it marks the node ahead at once (a refusal proves it) and measures again, so /healthz and
// /readyz follow the refusals rather than lag them by up to intervalMs.
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log.ts';
import type { ClockAhead } from '../store/port.ts';

/** What the monitor reads: the store's clock and the bound its append checks against. */
export interface StoreClock {
  storeTime(): Promise<number>;
  readonly maxClockAheadMs: number;
  /** Tells of each append refused for this node's clock; returns how to stop. */
  onClockAhead?(listener: (refusal: ClockAhead) => void): () => void;
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
  /**
   * `time`: a TIME round trip; `refused_append`: the store refused an append for this node's clock
   * (offsetMs is then the refused event's time minus the store's clock: at least that far ahead,
   * rttMs 0), until the measurement that refusal started is in.
   */
  basis: 'time' | 'refused_append';
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
  private stopRefusals: (() => void) | undefined;
  /** Refusals noted so far: a measurement begun before the latest one does not clear its mark. */
  private refusals = 0;
  private measuring = false;
  private measureAgain = false;

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
    this.stopRefusals = this.store.onClockAhead?.((refusal) => this.refused(refusal));
    await this.measureAndReport();
    this.timer = setInterval(() => void this.measureAndReport(), this.options.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.stopRefusals?.();
  }

  /** The store refused an append for this node's clock: ahead now, whatever the last reading said; measure again. */
  private refused(refusal: ClockAhead): void {
    this.refusals++;
    // Known already: every press on this node is refused now, and one measurement per refusal would be a storm.
    if (this.latest?.status === 'ahead') return;
    const offsetMs = refusal.eventAt - refusal.storeNow;
    this.latest = { offsetMs, rttMs: 0, maxAheadMs: refusal.maxAheadMs, status: 'ahead', measuredAt: refusal.storeNow, basis: 'refused_append' };
    this.options.log.error({ offsetMs, maxAheadMs: refusal.maxAheadMs }, "the store refused a change for this node's clock, which is ahead of the store's beyond the bound: marked ahead (503 clock_skew) until a measurement says otherwise");
    void this.measureAndReport();
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
    return { offsetMs: Math.round(offsetMs), rttMs: Math.round(rttMs * 10) / 10, maxAheadMs: bound, status, measuredAt: storeNow, basis: 'time' };
  }

  /** One measurement at a time: one asked for meanwhile (a refusal's) runs right after. */
  private async measureAndReport(): Promise<void> {
    if (this.measuring) {
      this.measureAgain = true;
      return;
    }
    this.measuring = true;
    try {
      await this.measureOnce();
    } finally {
      this.measuring = false;
    }
    if (this.measureAgain) {
      this.measureAgain = false;
      await this.measureAndReport();
    }
  }

  private async measureOnce(): Promise<void> {
    const refusalsBefore = this.refusals;
    let reading: ClockReading;
    try {
      reading = await this.measure();
    } catch (err) {
      this.options.log.warn({ err }, 'measuring the clock offset to the store failed; keeping the last reading');
      return;
    }
    // A refusal while this was under way is newer evidence than a reading that says not ahead.
    if (this.refusals !== refusalsBefore && reading.status !== 'ahead') return;
    const before = this.latest?.status;
    this.latest = reading;
    const fields = { offsetMs: reading.offsetMs, rttMs: reading.rttMs, maxAheadMs: reading.maxAheadMs };
    // Every reading beyond the bound is logged: it is the operator's cue, every intervalMs until fixed.
    if (reading.status === 'ahead') this.options.log.error(fields, "this node's clock is ahead of the store's beyond the bound: its changes are refused (503 clock_skew) until its time is fixed");
    else if (reading.status === 'behind') this.options.log.warn(fields, "this node's clock is behind the store's beyond the bound: it stamps events with the newest event's time; fix its time");
    else if (before === undefined || before !== 'ok') this.options.log.info(fields, "clock offset to the store's is within the bound");
  }
}

// One print queue per printer: jobs print in the order they were queued, one at a time; while the
// printer is offline or out of paper the head job is retried with a growing delay, and nothing is
// lost or reordered. Issuing a ticket never waits for paper: enqueue returns at once.
import { fallbackLogger, type Logger } from '../server/log.ts';
import { PrinterNotReady, type PrinterTransport } from './tcp-transport.ts';

export type PrinterState = 'online' | 'offline' | 'error';

export interface PrintJob {
  id: string;
  ticketId: string;
  data: Buffer;
  queuedAt: number;
  attempts: number;
}

export interface PrinterStatus {
  id: string;
  desk: string;
  url?: string;
  state: PrinterState;
  jobsWaiting: number;
  lastError?: string;
  lastPrintedAt?: number;
  printed: number;
}

export interface PrintQueueOptions {
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Re-check an idle printer this often so the console sees it go offline. 0 turns it off. */
  probeEveryMs?: number;
  /** The first probe waits this long (the pool spreads its printers' first probes, see printers.ts). */
  firstProbeAfterMs?: number;
  now?: () => number;
  /** Where a printer going offline and coming back is logged (once per change, not per retry). */
  log?: Logger;
}

export class PrintQueue {
  private readonly jobs: PrintJob[] = [];
  /** Jobs queued so far; with the printer id it names a job uniquely on this server. */
  private jobSeq = 0;
  private state: PrinterState = 'offline';
  private lastError?: string = 'not contacted yet';
  private lastPrintedAt?: number;
  private printed = 0;
  private running = false;
  private closed = false;
  private retryTimer?: NodeJS.Timeout;
  private probeTimer?: NodeJS.Timeout;
  private wakeRetry?: () => void;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(
    readonly id: string,
    readonly desk: string,
    private readonly transport: PrinterTransport | undefined,
    readonly url: string | undefined,
    private readonly opts: PrintQueueOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.log = (opts.log ?? fallbackLogger()).child({ printer: id, desk });
    if (!transport) this.lastError = 'no printer url configured';
    const every = opts.probeEveryMs ?? 30_000;
    if (transport && every > 0) {
      const startProbing = () => {
        if (this.closed) return;
        void this.probe();
        this.probeTimer = setInterval(() => void this.probe(), every);
        this.probeTimer.unref();
      };
      const after = opts.firstProbeAfterMs ?? 0;
      if (after > 0) {
        this.probeTimer = setTimeout(startProbing, after);
        this.probeTimer.unref();
      } else startProbing();
    }
  }

  enqueue(ticketId: string, data: Buffer): PrintJob {
    const job: PrintJob = { id: `job-${this.id}-${++this.jobSeq}`, ticketId, data, queuedAt: this.now(), attempts: 0 };
    this.jobs.push(job);
    void this.run();
    return job;
  }

  status(): PrinterStatus {
    const s: PrinterStatus = { id: this.id, desk: this.desk, state: this.state, jobsWaiting: this.jobs.length, printed: this.printed };
    if (this.url) s.url = this.url;
    if (this.lastError) s.lastError = this.lastError;
    if (this.lastPrintedAt !== undefined) s.lastPrintedAt = this.lastPrintedAt;
    return s;
  }

  /** Resolves when no job waits (tests, shutdown). */
  idle(): Promise<void> {
    if (this.jobs.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Retry now instead of after the back-off (the console's "retry" button, or a probe that found it back). */
  retryNow(): void {
    this.wakeRetry?.();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.probeTimer); // the first probe's timeout or the interval (node clears either)
    this.wakeRetry?.();
  }

  async probe(): Promise<void> {
    if (!this.transport || this.running || this.closed) return;
    try {
      await this.transport.probe();
      this.markOk();
      this.retryNow();
    } catch (err) {
      this.markFailed(err as Error);
    }
  }

  private markOk() {
    if (this.state !== 'online' && this.lastError !== 'not contacted yet') this.log.info({ jobsWaiting: this.jobs.length }, 'printer is back online');
    this.state = 'online';
    this.lastError = undefined;
  }

  private markFailed(err: Error) {
    const state = err instanceof PrinterNotReady ? 'error' : 'offline';
    // Logged when the state or the reason changes; the retries in between say nothing new.
    if (state !== this.state || err.message !== this.lastError) this.log.warn({ state, reason: err.message, jobsWaiting: this.jobs.length }, 'printer not printing; jobs wait and are retried');
    this.state = state;
    this.lastError = err.message;
  }

  private async run(): Promise<void> {
    if (this.running || !this.transport) return;
    this.running = true;
    let delay = this.opts.retryMinMs ?? 1000;
    try {
      while (this.jobs.length && !this.closed) {
        const job = this.jobs[0]!;
        job.attempts++;
        try {
          await this.transport.send(job.data);
          this.jobs.shift();
          this.printed++;
          this.lastPrintedAt = this.now();
          this.markOk();
          delay = this.opts.retryMinMs ?? 1000;
        } catch (err) {
          this.markFailed(err as Error);
          await new Promise<void>((resolve) => {
            this.wakeRetry = resolve;
            this.retryTimer = setTimeout(resolve, delay);
          });
          this.wakeRetry = undefined;
          delay = Math.min(delay * 2, this.opts.retryMaxMs ?? 15_000);
        }
      }
    } finally {
      this.running = false;
      if (this.jobs.length === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}

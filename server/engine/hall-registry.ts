// Every hall this deployment serves, each with its engine, and the timer that starts each new
// service day at local midnight even when nobody presses anything.
import type { DeploymentConfig } from '../config/schema.ts';
import { nextLocalMidnight, serviceDayOf } from '../domain/service-day.ts';
import { fallbackLogger, type Logger } from '../log.ts';
import type { EventStore } from '../store/port.ts';
import { HallEngine, type HallEngineOptions } from './hall-engine.ts';

export interface HallRegistryOptions extends HallEngineOptions {
  /** A day start that failed (store down at midnight) is retried after firstMs, doubling up to maxMs. */
  dayStartRetry?: { firstMs: number; maxMs: number };
}

const DEFAULT_RETRY = { firstMs: 1000, maxMs: 60_000 };

export class HallRegistry {
  private readonly engines = new Map<string, HallEngine>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly retry: { firstMs: number; maxMs: number };
  private stopped = false;
  readonly defaultHallId: string;
  private readonly log: Logger;

  constructor(
    readonly deployment: DeploymentConfig,
    readonly store: EventStore,
    options: HallRegistryOptions = {},
  ) {
    const { dayStartRetry, ...engineOptions } = options;
    this.retry = dayStartRetry ?? DEFAULT_RETRY;
    this.log = options.log ?? fallbackLogger();
    // Each hall's engine logs with { hall }, and its stream with { stream } (stream-engine.ts).
    for (const hall of deployment.halls) this.engines.set(hall.id, new HallEngine(hall, store, { ...engineOptions, log: this.log.child({ hall: hall.id }) }));
    this.defaultHallId = deployment.halls[0]!.id;
  }

  get(hallId: string): HallEngine | undefined {
    return this.engines.get(hallId);
  }

  all(): HallEngine[] {
    return [...this.engines.values()];
  }

  async start(): Promise<void> {
    for (const engine of this.engines.values()) {
      await engine.start();
      this.scheduleDayStart(engine, untilNextDay(engine));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const engine of this.engines.values()) await engine.stop();
  }

  /** Starts the day after `delay`; until it has started (the store may be down), retries with backoff. */
  private scheduleDayStart(engine: HallEngine, delay: number, failures = 0) {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      engine.execute({ type: 'rollDay' }, { role: 'system', name: 'day-timer' }).then(
        () => this.scheduleDayStart(engine, untilNextDay(engine)),
        (err) => {
          const backoff = Math.min(this.retry.firstMs * 2 ** failures, this.retry.maxMs);
          this.log.error({ hall: engine.hallId, err, retryInMs: backoff }, 'starting the service day failed; retrying');
          this.scheduleDayStart(engine, backoff, failures + 1);
        },
      );
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}

/** Until a second after the next local midnight; at once when today has not started yet. */
function untilNextDay(engine: HallEngine): number {
  const now = engine.now();
  if (engine.current.serviceDay !== null && engine.current.serviceDay !== serviceDayOf(now, engine.hall.timeZone)) return 0;
  return Math.min(nextLocalMidnight(now, engine.hall.timeZone) - now + 1000, 2 ** 31 - 1);
}

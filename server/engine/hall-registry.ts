// Every hall this deployment serves, each with its engine, and the timer that starts each new
// service day at local midnight even when nobody presses anything.
import type { DeploymentConfig } from '../config/schema.ts';
import { nextLocalMidnight } from '../domain/service-day.ts';
import { fallbackLogger, type Logger } from '../log.ts';
import type { EventStore } from '../store/port.ts';
import { HallEngine, type HallEngineOptions } from './hall-engine.ts';

export class HallRegistry {
  private readonly engines = new Map<string, HallEngine>();
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly defaultHallId: string;
  private readonly log: Logger;

  constructor(
    readonly deployment: DeploymentConfig,
    readonly store: EventStore,
    options: HallEngineOptions = {},
  ) {
    this.log = options.log ?? fallbackLogger();
    // Each hall's engine logs with { hall }, and its stream with { stream } (stream-engine.ts).
    for (const hall of deployment.halls) this.engines.set(hall.id, new HallEngine(hall, store, { ...options, log: this.log.child({ hall: hall.id }) }));
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
      this.scheduleDayStart(engine);
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const engine of this.engines.values()) await engine.stop();
  }

  private scheduleDayStart(engine: HallEngine) {
    const now = engine.now();
    const delay = Math.min(nextLocalMidnight(now, engine.hall.timeZone) - now + 1000, 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      engine
        .execute({ type: 'rollDay' }, { role: 'system', name: 'day-timer' })
        .catch((err) => this.log.error({ hall: engine.hallId, err }, 'starting the service day failed'))
        .finally(() => this.scheduleDayStart(engine));
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}

// One hall's engine on this node: the stream engine over the hall's own log, with the hall's pure
// decide/evolve and snapshots of its state.
import type { Command } from '../domain/commands.ts';
import { decide } from '../domain/decide.ts';
import type { DomainEvent } from '../domain/events.ts';
import { evolve, initialState } from '../domain/evolve.ts';
import type { Forecast } from '../domain/forecast.ts';
import { Forecasts } from '../domain/forecasts.ts';
import { rebuildQueues } from '../domain/queues.ts';
import type { HallConfig, HallState } from '../domain/types.ts';
import type { EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import { StreamEngine, type StreamEngineOptions } from './stream-engine.ts';

export interface HallEngineOptions extends Omit<StreamEngineOptions<HallState>, 'snapshots'> {
  /** Save a snapshot at least this many events apart (plus the day's ticket count). */
  snapshotEvery?: number;
}

export class HallEngine extends StreamEngine<HallState, Command, DomainEvent> {
  /** People ahead and call times of the waiting tickets: one replay of the lane policy per state version. */
  readonly forecasts: Forecasts;

  constructor(
    readonly hall: HallConfig,
    store: EventStore,
    options: HallEngineOptions = {},
  ) {
    super(
      streams.hall(hall.id),
      store,
      {
        initial: () => initialState(hall.id),
        decide: (state, command, ctx) => decide(state, command, { hall, ...ctx }),
        evolve,
        clockFloor: (state) => state.lastEventAt ?? 0,
      },
      {
        ...options,
        snapshots: {
          every: options.snapshotEvery ?? 500,
          size: (state) => Object.keys(state.tickets).length,
          // A snapshot written before the queues were kept in the state gets them rebuilt.
          restore: (saved) => (saved.queues ? saved : rebuildQueues(saved)),
        },
      },
    );
    this.forecasts = new Forecasts(hall);
  }

  /** The forecast of the current state, now. */
  forecast(): Forecast {
    return this.forecasts.of(this.current, this.now());
  }
}

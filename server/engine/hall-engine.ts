// One hall's engine on this node: the stream engine over the hall's own log, with the hall's pure
// decide/evolve, the day roll run before any command that finds the day due, and snapshots.
import type { Command, CommandResult, ResultOf } from '../domain/commands.ts';
import { dayDue, decide } from '../domain/decide.ts';
import type { DomainEvent } from '../domain/events.ts';
import { evolve, initialState } from '../domain/evolve.ts';
import type { Forecast } from '../domain/forecast.ts';
import { Forecasts } from '../domain/forecasts.ts';
import { resultFromEvents } from '../domain/recorded-result.ts';
import { HALL_SNAPSHOT_FORMAT, restoreState } from '../domain/restore.ts';
import type { Actor, HallConfig, HallState } from '../domain/types.ts';
import { UNVERSIONED_SNAPSHOT, type EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import type { IdempotencyRequest } from './idempotency.ts';
import { StreamEngine, type ExecuteResult, type StreamEngineOptions } from './stream-engine.ts';

export interface HallEngineOptions extends Omit<StreamEngineOptions<HallState>, 'snapshots'> {
  /** Save a snapshot at least this many events apart (plus twice the day's ticket count). */
  snapshotEvery?: number;
}

export class HallEngine extends StreamEngine<HallState, Command, DomainEvent, CommandResult> {
  /** People ahead and call times of the waiting tickets: one run of the lane policy, kept as tickets are issued. */
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
        decide: (state, command, ctx) => decide(hall, state, command, ctx),
        evolve,
        // evolve leaves the state it is given as it was (persistent ticket table): group commit.
        persistent: true,
        clockFloor: (state) => state.lastEventAt ?? 0,
        // Past local midnight, the first command of the day (or the day timer's rollDay) starts it.
        dueFirst: (state, now) => (dayDue(hall, state, now) ? { type: 'rollDay' } : undefined),
        // A key recorded before results were (an upgrade less than a day ago): read it from the events.
        recordedResult: resultFromEvents,
      },
      {
        ...options,
        snapshots: {
          every: options.snapshotEvery ?? 500,
          // Twice the ticket count apart: a snapshot costs ~4.4 µs a ticket to encode, so this halves
          // its share of each event (~2% of issuing's CPU); a restart may fold up to that many more
          // events (~18 µs each: +0.25 s for a 14k-ticket day), next to the metrics plug-in's fold
          // of the whole day, which every start does anyway.
          size: (state) => 2 * state.tickets.size,
          format: HALL_SNAPSHOT_FORMAT,
          older: [UNVERSIONED_SNAPSHOT],
          restore: restoreState,
        },
      },
    );
    this.forecasts = new Forecasts(hall);
    // The kept forecast follows each event (forecasts.ts says which it can follow without running again).
    this.onEach((event) => this.forecasts.observe(event));
  }

  /** As StreamEngine.execute, with the result typed by the command (decide gives each command's
   * ResultOf; not an async wrapper: that was a second promise and await per command). */
  override execute<C extends Command>(command: C, actor?: Actor, idempotency?: IdempotencyRequest): Promise<ExecuteResult<HallState, DomainEvent, ResultOf<C>>> {
    return super.execute(command, actor, idempotency) as Promise<ExecuteResult<HallState, DomainEvent, ResultOf<C>>>;
  }

  /** The forecast of the current state, now. */
  forecast(): Forecast {
    return this.forecasts.of(this.current, this.now());
  }
}

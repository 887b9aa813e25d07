// One hall's engine on this node: holds the state folded from the log, runs commands one at a
// time (decide → append with expected seq → evolve), and tells listeners about every event in
// log order exactly once — its own and those other nodes appended.
import { randomBytes } from 'node:crypto';
import type { Command } from '../domain/commands.ts';
import { decide } from '../domain/decide.ts';
import type { StoredEvent } from '../domain/events.ts';
import { evolve, initialState } from '../domain/evolve.ts';
import { rebuildQueues } from '../domain/queues.ts';
import type { Actor, HallConfig, HallState } from '../domain/types.ts';
import { VersionConflict, type EventStore } from '../store/port.ts';

export type Clock = () => number;
export type EventListener = (events: StoredEvent[], state: HallState) => void;

export interface HallEngineOptions {
  clock?: Clock;
  newId?: () => string;
  /** Save a snapshot every this many events, so a restart folds only the tail. */
  snapshotEvery?: number;
  maxRetries?: number;
}

export interface CommandResult {
  events: StoredEvent[];
  state: HallState;
}

export function randomId(): string {
  // 12 url-safe chars: unguessable enough for a ticket's status link, short enough for a QR code.
  return randomBytes(9).toString('base64url');
}

export class HallEngine {
  private state: HallState;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<EventListener>();
  private unwatch?: () => void;
  private lastSnapshotSeq = 0;
  private lastSnapshotSize = 0;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly snapshotEvery: number;
  private readonly maxRetries: number;

  constructor(
    readonly hall: HallConfig,
    private readonly store: EventStore,
    options: HallEngineOptions = {},
  ) {
    this.state = initialState(hall.id);
    this.clock = options.clock ?? Date.now;
    this.newId = options.newId ?? randomId;
    this.snapshotEvery = options.snapshotEvery ?? 500;
    this.maxRetries = options.maxRetries ?? 50;
  }

  get hallId(): string {
    return this.hall.id;
  }

  /** The current state. Read-only for callers. */
  get current(): HallState {
    return this.state;
  }

  now(): number {
    return this.clock();
  }

  async start(): Promise<void> {
    const snap = await this.store.loadSnapshot(this.hall.id);
    if (snap) {
      // A snapshot written before the queues were kept in the state gets them rebuilt.
      this.state = snap.state.queues ? snap.state : rebuildQueues(snap.state);
      this.lastSnapshotSeq = snap.seq;
    }
    await this.catchUp(false);
    this.unwatch = this.store.watch(this.hall.id, (seq) => {
      if (seq > this.state.seq) void this.serialize(() => this.catchUp(true)).catch(() => {});
    });
  }

  async stop(): Promise<void> {
    this.unwatch?.();
    await this.queue.catch(() => {});
    await this.snapshot().catch(() => {});
  }

  onEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Decides and appends a command; resolves once its events are durable and folded in. */
  execute(command: Command, actor?: Actor): Promise<CommandResult> {
    return this.serialize(async () => {
      for (let attempt = 0; ; attempt++) {
        const events = decide(this.state, command, { hall: this.hall, now: this.clock(), newId: this.newId, actor });
        if (events.length === 0) return { events: [], state: this.state };
        try {
          const stored = await this.store.append(this.hall.id, this.state.seq, events);
          this.fold(stored);
          return { events: stored, state: this.state };
        } catch (err) {
          if (!(err instanceof VersionConflict) || attempt >= this.maxRetries) throw err;
          await this.catchUp(true);
        }
      }
    });
  }

  /** Reads what this node has not folded yet (other nodes' appends). */
  async refresh(): Promise<void> {
    await this.serialize(() => this.catchUp(true));
  }

  private async catchUp(announce: boolean): Promise<void> {
    for (;;) {
      const events = await this.store.read(this.hall.id, this.state.seq, 5000);
      if (events.length === 0) return;
      if (announce) this.fold(events);
      else for (const e of events) this.state = evolve(this.state, e);
      if (events.length < 5000) return;
    }
  }

  private fold(events: StoredEvent[]) {
    for (const e of events) this.state = evolve(this.state, e);
    for (const fn of this.listeners) {
      try {
        fn(events, this.state);
      } catch (err) {
        console.error('event listener failed', err);
      }
    }
    // A snapshot costs time in proportion to the day's tickets: taking one every snapshotEvery
    // events plus that many keeps its cost per event constant on a busy day.
    if (this.state.seq - this.lastSnapshotSeq >= this.snapshotEvery + this.lastSnapshotSize) void this.snapshot().catch(() => {});
  }

  private async snapshot(): Promise<void> {
    if (this.state.seq === this.lastSnapshotSeq) return;
    const seq = this.state.seq;
    this.lastSnapshotSeq = seq;
    const state = structuredClone(this.state);
    this.lastSnapshotSize = Object.keys(state.tickets).length;
    await this.store.saveSnapshot(this.hall.id, { seq, state });
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}

// The engine of one event stream on this node: the hall's own (HallEngine) and each feature's
// (bookings, assist requests, cases). It holds the state folded from the stream, runs commands one
// at a time — decide on the newest state, append with the expected seq, evolve — and tells
// listeners about every event in log order exactly once, its own and those other nodes appended.
// Commands that arrive while an append is under way, or in the same turn of the event loop, are
// decided one after another and appended together (group commit, ./group-commit.ts) when the
// decider's evolve is persistent; each caller still gets its own result or refusal.
// On SQLite and Redis alike, two nodes deciding on a stale state cannot both append: the loser
// re-reads and decides again.
import type { Stored } from '../domain/envelope.ts';
import type { Actor } from '../domain/types.ts';
import { fallbackLogger, type Logger } from '../log.ts';
import { VersionConflict, type EventStore, type Stream } from '../store/port.ts';
import { planBatch, type BatchItem, type Plan } from './group-commit.ts';
import { deleteOlderSnapshots, loadReadableSnapshot } from './snapshot-formats.ts';
import { encodeInSlices } from './sliced-json.ts';
import { shortId } from './short-id.ts';
import type { Clock, Decider, EventListener, ExecuteResult, StreamEngineOptions, StreamEvent, StreamListener } from './stream-contract.ts';
import { fingerprintOf, IDEMPOTENCY_TTL_MS, IdempotencyIndex, IdempotencyKeyReused, scoped, type IdempotencyRequest } from './idempotency.ts';

// The contract (decider, options, results, listeners) and the ids live in files of their own;
// importers of the engine read them from here as before.
export type { Clock, Decider, EventListener, ExecuteResult, SnapshotPolicy, StreamEngineOptions, StreamEvent, StreamListener } from './stream-contract.ts';
export type { Stored };
export { noResult, type DecideContext, type Decision } from '../domain/decision.ts';
export { shortId } from './short-id.ts';

/** A command waiting for its batch, with its caller's callbacks (methods: a StreamEngine<S, C, E, void>
 * stays assignable to one with another result type, as the features' desk types rely on). */
interface Pending<C, Out> extends BatchItem<C> {
  resolve(out: Out): void;
  reject(err: unknown): void;
}

export class StreamEngine<S, C, E extends StreamEvent, R = unknown> {
  private state: S;
  /** Commands waiting for the next batch, in arrival order. */
  private pending: Pending<C, ExecuteResult<S, E, R>>[] = [];
  /** A batch is scheduled (setImmediate, then the serialize queue) and will take what is pending. */
  private batchScheduled?: Promise<void>;
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<StreamListener<S, E>>();
  private readonly eachListeners = new Set<EventListener<S, E>>();
  private unwatch?: () => void;
  private lastSnapshotSeq = 0;
  private lastSnapshotSize = 0;
  /** The snapshot being encoded or saved (settled: none). */
  private snapshotQueue: Promise<void> = Promise.resolve();
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly log: Logger;
  /** Idempotency keys seen in this stream (./idempotency.ts); loaded at the first keyed command. */
  private readonly keys = new IdempotencyIndex<Stored<E>>();

  constructor(
    /** The stream this engine folds and appends to, named in ../store/streams.ts. */
    readonly stream: Stream<E, S>,
    private readonly store: EventStore,
    private readonly decider: Decider<S, C, E, R>,
    private readonly options: StreamEngineOptions<S> = {},
  ) {
    this.state = decider.initial();
    this.clock = options.clock ?? Date.now;
    this.newId = options.newId ?? shortId;
    this.log = (options.log ?? fallbackLogger()).child({ stream: stream.id });
  }

  get hallId(): string {
    return this.stream.hallId;
  }

  get streamId(): string {
    return this.stream.id;
  }

  get current(): S {
    return this.state;
  }

  /** Seq of the last event folded in (0 for none): live events resume after it. */
  get position(): number {
    return this.seq;
  }

  /** The node's clock, but never earlier than the newest event folded in. */
  now(): number {
    return Math.max(this.clock(), this.decider.clockFloor?.(this.state) ?? -Infinity);
  }

  async start(): Promise<void> {
    const snap = this.options.snapshots ? await loadReadableSnapshot(this.store, this.stream, this.options.snapshots, this.log) : null;
    if (snap) {
      const saved = snap.state;
      this.state = this.options.snapshots!.restore?.(saved) ?? saved;
      this.seq = this.lastSnapshotSeq = snap.seq;
      // Spaced from the restored snapshot as from one this node saved: the first save after a
      // restart must not come early (a big hall's snapshot stalls the event loop while it is taken).
      this.lastSnapshotSize = this.options.snapshots!.size(this.state);
    }
    await this.catchUp(false);
    // A log folded far past its snapshot (a crash left none, or the last one is old) is snapshotted
    // now, before the node serves: at the first append it ran between the first burst's commands
    // (10k tickets: ~15 ms of CPU spread over 45–80 ms of 2 ms slices; ~1.8 µs an issue of the issue
    // bench's 8,000, whose big hall starts from a log its fill left without a snapshot).
    if (this.snapshotDue())
      await this.snapshot().catch((err) => this.log.warn({ err, seq: this.seq }, 'saving the snapshot at start failed; the next one covers it'));
    this.unwatch = this.store.watch(this.stream, (seq) => {
      if (seq > this.seq)
        void this.serialize(() => this.catchUp(true)).catch((err) =>
          this.log.warn({ err, seq: this.seq, notified: seq }, 'catching up with the store failed; the next append or refresh retries'),
        );
    });
  }

  async stop(): Promise<void> {
    this.unwatch?.();
    while (this.batchScheduled) await this.batchScheduled;
    await this.queue; // never rejects: serialize() hands each task's failure to its caller
    await this.snapshot().catch((err) => this.log.warn({ err, seq: this.seq }, 'saving the snapshot at stop failed; the next start folds the tail'));
  }

  onEvents(listener: StreamListener<S, E>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Per event, with the state right after it: what live views of single events are built from. */
  onEach(listener: EventListener<S, E>): () => void {
    this.eachListeners.add(listener);
    return () => this.eachListeners.delete(listener);
  }

  /**
   * Decides on the newest state and appends; resolves once durable and folded in. With an
   * idempotency key, a command already recorded under it (by this actor, in the last day, on any
   * node) is not decided again: the events its first run appended come back with replayed: true.
   * Commands waiting together go in one append (group commit); a refused one fails alone.
   */
  execute(command: C, actor?: Actor, idempotency?: IdempotencyRequest): Promise<ExecuteResult<S, E, R>> {
    const keyed = idempotency && { key: idempotency.key, fingerprint: idempotency.fingerprint ?? fingerprintOf(command) };
    return new Promise((resolve, reject) => {
      this.pending.push({ command, actor, keyed, resolve, reject });
      this.scheduleBatch();
    });
  }

  /** The next batch runs after this turn of the event loop (so the commands it brings come along),
   * behind whatever the engine is doing (an append under way: its commands wait for the next). */
  private scheduleBatch() {
    if (this.batchScheduled || this.pending.length === 0) return;
    this.batchScheduled = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.serialize(async () => {
        this.batchScheduled = undefined;
        const batch = this.takeBatch();
        try {
          await this.runBatch(batch);
        } catch (err) {
          // runBatch answers every caller itself; this is a bug, and the callers must not hang.
          this.log.error({ err, seq: this.seq }, 'running a batch of commands failed');
          for (const p of batch) p.reject(err);
        } finally {
          this.scheduleBatch(); // what was left out (the batch was full, a key came twice)
        }
      }),
    );
  }

  /** The waiting commands for one append: all of them, up to maxBatch, and one command of a key. */
  private takeBatch(): Pending<C, ExecuteResult<S, E, R>>[] {
    const max = this.decider.persistent ? (this.options.maxBatch ?? 200) : 1;
    let keys: Set<string> | undefined; // made at the first keyed command (most carry no key)
    let n = 0;
    for (; n < this.pending.length && n < max; n++) {
      const { keyed, actor } = this.pending[n]!;
      if (!keyed) continue;
      // A retry of a command in this batch waits for the next one, which finds the first run's answer.
      const id = scoped(actor, keyed.key);
      if (keys?.has(id)) break;
      (keys ??= new Set()).add(id);
    }
    return this.pending.splice(0, n);
  }

  /**
   * Decides the batch on the newest state and appends its events in one step; on a VersionConflict
   * reads what other nodes appended and decides the batch again. Every caller gets its answer once
   * the append is durable and folded in; a failed append rejects them all and folds nothing.
   */
  private async runBatch(batch: Pending<C, ExecuteResult<S, E, R>>[]): Promise<void> {
    let live = batch;
    try {
      // A retry may follow another node's append of the first attempt: read the log before deciding.
      if (live.some((p) => p.keyed)) await this.catchUp(true);
      for (let attempt = 0; ; attempt++) {
        if (live.some((p) => p.keyed)) live = await this.answerReplays(live);
        const plan = planBatch(this.planInput(), live);
        try {
          if (plan.events.length) await this.store.append(this.stream, this.seq, plan.events);
        } catch (err) {
          if (!(err instanceof VersionConflict) || attempt >= (this.options.maxRetries ?? 50)) throw err;
          await this.catchUp(true);
          continue;
        }
        this.settle(live, plan);
        return;
      }
    } catch (err) {
      for (const p of live) p.reject(err);
    }
  }

  /** What a batch is decided on: the state and seq as this node has folded them. */
  private planInput() {
    return { decider: this.decider, state: this.state, seq: this.seq, clock: this.clock, newId: this.newId, envelope: this.stamp };
  }

  /** envelope() bound once (not a closure per batch). */
  private readonly stamp = (body: Pick<E, 'type' | 'data'>, at: number, actor: Actor | undefined, seq: number) => this.envelope(body, at, actor, seq);

  /** Answers the keyed commands already recorded (a retry); returns the ones still to decide. */
  private async answerReplays(batch: Pending<C, ExecuteResult<S, E, R>>[]): Promise<Pending<C, ExecuteResult<S, E, R>>[]> {
    const rest: Pending<C, ExecuteResult<S, E, R>>[] = [];
    for (const p of batch) {
      const first = p.keyed && (await this.firstAnswer(p.keyed.key, p.actor));
      if (!first) rest.push(p);
      else if (first.fingerprint !== p.keyed!.fingerprint) p.reject(new IdempotencyKeyReused(p.keyed!.key));
      else {
        const result = first.result === undefined && this.decider.recordedResult ? this.decider.recordedResult(p.command, first.events) : (first.result as R);
        p.resolve({ events: first.events, state: this.state, result, replayed: true });
      }
    }
    return rest;
  }

  /** Folds the appended batch and gives each caller its own result (or refusal). */
  private settle(batch: Pending<C, ExecuteResult<S, E, R>>[], plan: Plan<S, E, R>) {
    if (plan.events.length) {
      this.fold(plan.events, plan.states);
      this.keys.feed(plan.events);
    }
    batch.forEach((p, i) => {
      const o = plan.outcomes[i]!;
      if (!o.ok) return p.reject(o.error);
      const events = o.count === plan.events.length ? plan.events : plan.events.slice(o.from, o.from + o.count);
      p.resolve({ events, state: plan.states ? o.state : this.state, result: o.result });
    });
  }

  /** The first run of a key, from the marks in the log up to what this node has folded. */
  private async firstAnswer(key: string, actor: Actor | undefined) {
    const index = this.keys;
    if (index.upTo === undefined) {
      // First keyed command since start: the marks of the last day, however old the snapshot is.
      const recent = await this.store.readRange(this.stream, this.clock() - IDEMPOTENCY_TTL_MS, Number.MAX_SAFE_INTEGER);
      index.begin(recent.length ? recent[0]!.seq - 1 : this.seq);
      index.feed(recent);
    }
    while (index.upTo! < this.seq) {
      const gap = await this.store.read(this.stream, index.upTo!, 5000);
      if (gap.length === 0) break;
      index.feed(gap);
    }
    return index.find(actor, key, this.clock());
  }

  /** Folds what other nodes appended. */
  refresh(): Promise<void> {
    return this.serialize(() => this.catchUp(true));
  }

  private async catchUp(announce: boolean): Promise<void> {
    for (;;) {
      const events = await this.store.read(this.stream, this.seq, 5000);
      if (events.length === 0) return;
      if (announce) this.fold(events);
      else for (const e of events) this.apply(e);
      if (events.length < 5000) return;
    }
  }

  private apply(e: Stored<E>) {
    this.state = this.decider.evolve(this.state, e);
    this.seq = e.seq;
  }

  /** `states`: the state after each event, when the batch was planned on a persistent evolve. */
  private fold(events: Stored<E>[], states?: S[]) {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (states) {
        this.state = states[i]!;
        this.seq = e.seq;
      } else this.apply(e);
      for (const fn of this.eachListeners) {
        try {
          fn(e, this.state);
        } catch (err) {
          this.log.error({ err, seq: e.seq, type: e.type }, 'event listener failed');
        }
      }
    }
    for (const fn of this.listeners) {
      try {
        fn(events, this.state);
      } catch (err) {
        this.log.error({ err, seq: this.seq, events: events.length }, 'event listener failed');
      }
    }
    if (this.snapshotDue())
      void this.snapshot().catch((err) => this.log.warn({ err, seq: this.seq }, 'saving a snapshot failed; the next one covers it'));
  }

  /** The events folded since the last snapshot reach the policy's spacing (every + the state's size then). */
  private snapshotDue(): boolean {
    const policy = this.options.snapshots;
    return policy !== undefined && this.seq - this.lastSnapshotSeq >= policy.every + this.lastSnapshotSize;
  }

  /** Saves a snapshot of the state now and deletes those of older formats (the visitor-data purge: no
   * snapshot may keep what it masked); resolves after any snapshot under way has been saved too. */
  async saveSnapshotNow(): Promise<void> {
    await this.snapshot();
    await this.deleteOlderSnapshots();
  }

  /** Deletes this stream's snapshots of formats before its own (./snapshot-formats.ts). */
  async deleteOlderSnapshots(): Promise<void> {
    if (this.options.snapshots) await deleteOlderSnapshots(this.store, this.stream, this.options.snapshots.format);
  }

  /** One snapshot at a time, in order: one still being encoded is saved before the next starts. */
  private snapshot(): Promise<void> {
    const run = this.snapshotQueue.then(() => this.saveSnapshot());
    this.snapshotQueue = run.catch(() => {}); // the caller gets the failure from `run`
    return run;
  }

  private async saveSnapshot(): Promise<void> {
    const policy = this.options.snapshots;
    if (!policy || this.seq === this.lastSnapshotSeq) return;
    const seq = this.seq;
    this.lastSnapshotSeq = seq;
    if (!this.decider.persistent) {
      // Copied before the (maybe async) save: evolve changes this state in place.
      const state = structuredClone(this.state);
      this.lastSnapshotSize = policy.size(state);
      return this.store.saveSnapshot(this.stream, { seq, state }, undefined, policy.format);
    }
    // A persistent state never changes under a reader, so it is encoded a slice at a time while
    // commands go on (a big hall's is megabytes: in one piece, a stall of tens of ms).
    const state = this.state;
    this.lastSnapshotSize = policy.size(state);
    await this.store.saveSnapshot(this.stream, { seq, state }, await encodeInSlices(state), policy.format);
  }

  /**
   * The decider returns an event's body (type + data); the engine adds where, when, who and its
   * place in the stream. The assertion is the one place that equates the two: E is an envelope
   * (../domain/envelope.ts), and a body of E plus the envelope's fields is an E.
   */
  private envelope(body: Pick<E, 'type' | 'data'>, at: number, actor: Actor | undefined, seq: number): Stored<E> {
    // One literal (no spread: its map is known, one allocation an event), in the order the log has
    // always written; a body is its type and data (the decider's type says so).
    const { type, data } = body;
    return (actor ? { type, data, hallId: this.hallId, at, actor, seq } : { type, data, hallId: this.hallId, at, seq }) as Stored<E>;
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    // The caller gets the task's failure from `run`; the queue only orders tasks, so it never rejects.
    this.queue = run.catch(() => {});
    return run;
  }
}

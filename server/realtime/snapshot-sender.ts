// Serves the public snapshot to displays that connect (or need to start over). When a server
// restarts, every display of the hall reconnects at once: building, and encoding, a snapshot per
// socket made a thousand of them wait seconds and stalled the calls behind them. Here the sockets
// that connect in the same turn of the event loop join their room and get one snapshot, encoded
// once for all of them; the snapshot itself is built once per state version.
import type { Server, Socket } from 'socket.io';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { HallSnapshot } from '../domain/public-view.ts';
import { hallSnapshot } from '../domain/public-view.ts';

/** A snapshot of an unchanged state is reused this long: its estimates are relative to now. */
const SNAPSHOT_MAX_AGE_MS = 1000;

interface Waiting {
  socket: Socket;
  room: string;
}

export class SnapshotSender {
  private readonly pending = new Map<HallEngine, Waiting[]>();
  private readonly built = new Map<HallEngine, { seq: number; at: number; snapshot: HallSnapshot }>();
  private flushing: NodeJS.Immediate | undefined;

  constructor(private readonly io: Server) {}

  /** Joins `room` and gets the snapshot, with the other sockets that connect in this turn. */
  send(engine: HallEngine, socket: Socket, room: string): void {
    const waiting = this.pending.get(engine) ?? [];
    waiting.push({ socket, room });
    this.pending.set(engine, waiting);
    this.flushing ??= setImmediate(() => this.flush());
  }

  /** The hall's snapshot now: built again only when the state moved on or the estimates aged. */
  snapshotOf(engine: HallEngine): HallSnapshot {
    const seq = engine.current.seq;
    const now = engine.now();
    const cached = this.built.get(engine);
    if (cached && cached.seq === seq && now - cached.at < SNAPSHOT_MAX_AGE_MS) return cached.snapshot;
    const snapshot = hallSnapshot(engine.current, engine.hall, now, engine.forecast());
    this.built.set(engine, { seq, at: now, snapshot });
    return snapshot;
  }

  /** Sockets waiting for this turn's snapshot. */
  get waitingSockets(): number {
    let n = 0;
    for (const waiting of this.pending.values()) n += waiting.length;
    return n;
  }

  cancel(): void {
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = undefined;
    this.pending.clear();
  }

  private flush() {
    this.flushing = undefined;
    for (const [engine, waiting] of this.pending) {
      const live = waiting.filter((w) => w.socket.connected);
      // Joining and sending in the same synchronous step: no live event can reach a socket
      // between its snapshot and its room, nor before its snapshot.
      for (const w of live) void w.socket.join(w.room);
      if (live.length) this.io.to(live.map((w) => w.socket.id)).emit('snapshot', this.snapshotOf(engine));
    }
    this.pending.clear();
  }
}

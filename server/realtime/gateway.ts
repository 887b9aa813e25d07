// The socket.io gateway: rooms per hall and per window; pushes live events, never mutates.
// A client that reconnects with its last event id gets what it missed from a ring buffer,
// or a fresh snapshot when that is too old.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { HallRegistry } from '../engine/hall-registry.ts';
import { fallbackLogger, type Logger } from '../log.ts';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from './contract.ts';
import { originAllowed } from '../http/origins.ts';
import { decorateLive, toLiveEvent, type LiveEvent, type TicketEventDecorator } from './live-events.ts';
import { SnapshotSender } from './snapshot-sender.ts';
import { emitInOneWrite, type RoomEmit } from './one-write.ts';
import { DEFAULT_SLOW_CONSUMER_LIMITS, SlowConsumerGuard, type SlowConsumerLimits } from './slow-consumers.ts';
import type { StoredEvent } from '../domain/events.ts';
import type { Forecast } from '../domain/forecast.ts';
import type { HallState } from '../domain/types.ts';

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Live events kept per hall for resuming clients. A hall display resumes at most MAX_RESUME_EVENTS
 * behind, so only a window display (which resumes from the events of its own window) reaches
 * further back; 500 keeps a few minutes of a busy hall (200 windows: ~2 events a second at peak)
 * for ~0.4 MB a hall (~850 B an event). 2,000 held 3.3 MB of the scale bench's 150 MB for window
 * displays that could as well take the snapshot (docs/deploy.md, "Memory").
 */
const DEFAULT_BUFFER_SIZE = 500;
/** Events a hall's resume buffer may hold beyond bufferSize before it is trimmed back to bufferSize. */
const BUFFER_SLACK = 64;
/**
 * A client that missed more events than this gets a snapshot instead: it is bounded and shared by
 * the sockets that connect together, where each missed event is encoded for that socket alone, and
 * a resume must stay well inside the slow-consumer bound (slow-consumers.ts: 64 packets), or a
 * display on a slow link would be cut off by its own resume, again and again.
 */
const MAX_RESUME_EVENTS = 24;

const hallRoom = (hallId: string) => `hall:${hallId}`;
const windowRoom = (hallId: string, windowId: string) => `hall:${hallId}:window:${windowId}`;

export interface GatewayOptions {
  /** Live events kept per hall for resuming clients (at least; up to 64 more between trims). */
  bufferSize?: number;
  decorate?: TicketEventDecorator;
  log?: Logger;
  /** Browser origins besides this server's own that may connect (ALLOWED_ORIGINS); none by default. */
  allowedOrigins?: readonly string[];
  /** How much one socket may have queued before it is cut off (slow-consumers.ts). */
  slowConsumers?: SlowConsumerLimits;
  /** Whether a new connection may be made now (admission control: not while the node is critical). */
  admitsNewSocket?: (req: IncomingMessage) => boolean;
}

/** Per-socket state a node holds (RealtimeGateway.socketState): all zero with no socket connected. */
export interface SocketState {
  /** engine.io connections (a socket.io client is one, whatever namespaces it joins). */
  engineClients: number;
  /** socket.io sockets in all namespaces. */
  sockets: number;
  /** Rooms in all namespaces' adapters (a socket's own room included). */
  rooms: number;
  /** Socket-in-room entries in all namespaces' adapters. */
  roomMemberships: number;
  /** Sockets the slow-consumer guard holds an entry for. */
  slowConsumerEntries: number;
  /** Sockets waiting for this turn's snapshot. */
  awaitingSnapshot: number;
}

export class RealtimeGateway {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private readonly buffers = new Map<string, LiveEvent[]>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly bufferSize: number;
  private readonly log: Logger;
  private readonly snapshots: SnapshotSender;
  readonly slowConsumers: SlowConsumerGuard;
  decorate?: TicketEventDecorator;

  constructor(
    httpServer: HttpServer,
    private readonly registry: HallRegistry,
    options: GatewayOptions = {},
  ) {
    this.bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
    this.decorate = options.decorate;
    this.log = options.log ?? fallbackLogger();
    const allowedOrigins = options.allowedOrigins ?? [];
    this.io = new Server(httpServer, {
      // CORS headers only for the listed origins; same-origin pages need none.
      ...(allowedOrigins.length ? { cors: { origin: [...allowedOrigins] } } : {}),
      // A browser on another site is refused at the handshake (also for WebSocket, which CORS does
      // not cover); clients without an Origin (devices, the voice agent, tests) are not browsers.
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        const host = (req.headers['x-forwarded-host'] as string | undefined)?.split(',')[0]?.trim() || req.headers.host;
        const ok = !origin || originAllowed(origin, host, allowedOrigins);
        if (!ok) return callback('origin_not_allowed', false);
        // Only new sessions come here (engine.io checks a known session's requests by its id), so a
        // connected display keeps its connection; a refused one retries with backoff.
        const admitted = options.admitsNewSocket?.(req) ?? true;
        callback(admitted ? null : 'overloaded', admitted);
      },
      serveClient: false,
      pingInterval: 10_000,
      pingTimeout: 8_000,
    });
    this.snapshots = new SnapshotSender(this.io);
    this.slowConsumers = new SlowConsumerGuard(this.io, options.slowConsumers ?? DEFAULT_SLOW_CONSUMER_LIMITS, this.log);
    this.io.use((socket, next) => {
      const auth = (socket.handshake.auth ?? {}) as HandshakeAuth;
      const engine = registry.get(auth.hall ?? registry.defaultHallId);
      if (!engine) return next(new Error('unknown_hall'));
      if (auth.window !== undefined && !engine.hall.windows.some((w) => w.id === auth.window)) return next(new Error('unknown_window'));
      next();
    });
    this.io.on('connection', (socket) => void this.onConnection(socket));
    for (const engine of registry.all()) this.follow(engine);
  }

  /**
   * Publishes each append (a group commit of many commands, or a catch-up from other nodes) once:
   * every ticket shown as it was at its own event (the hall's states are persistent, so each is
   * kept until the append is folded), and the people ahead from one forecast of the state after
   * the append, the moment it is published (a forecast per event ran the queue again after every
   * call in the batch).
   */
  private follow(engine: HallEngine) {
    this.buffers.set(engine.hallId, []);
    const folded: { event: StoredEvent; state: HallState }[] = [];
    // The append being published and its forecast, made at most once. One function for every
    // append, not a closure made per append: the server runs through tsx, whose esbuild names each
    // such closure with a defineProperty call (0.4% of an issue's CPU in the issue-cost bench).
    const append: { after: HallState | undefined; forecast: Forecast | undefined } = { after: undefined, forecast: undefined };
    const forecastAfter = () => (append.forecast ??= engine.forecasts.of(append.after!, engine.now()));
    this.unsubscribe.push(
      engine.onEach((event, state) => void folded.push({ event, state })),
      engine.onEvents((_events, after) => {
        append.after = after;
        const live: LiveEvent[] = [];
        try {
          for (const { event, state } of folded) {
            const e = toLiveEvent(event, state, engine.hall, forecastAfter);
            if (e) live.push(e);
          }
        } finally {
          // Nothing of this append is kept for the next one (nor its state held until then).
          append.after = undefined;
          append.forecast = undefined;
          folded.length = 0;
        }
        this.publish(engine, live);
      }),
    );
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.snapshots.cancel();
    this.io.disconnectSockets(true);
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }

  /**
   * What this node holds per connected socket, counted where it is held (engine.io's clients,
   * socket.io's namespaces and rooms, the slow-consumer guard, the snapshot sender): a display that
   * left must leave nothing behind, as displays reconnect all day (test/realtime/socket-release.test.ts).
   */
  socketState(): SocketState {
    let sockets = 0;
    let roomMemberships = 0;
    let rooms = 0;
    for (const nsp of this.io._nsps.values()) {
      sockets += nsp.sockets.size;
      rooms += nsp.adapter.rooms.size;
      for (const members of nsp.adapter.sids.values()) roomMemberships += members.size;
    }
    return { engineClients: this.io.engine.clientsCount, sockets, rooms, roomMemberships, slowConsumerEntries: this.slowConsumers.trackedSockets, awaitingSnapshot: this.snapshots.waitingSockets };
  }

  /**
   * Sends a feature's live event to the hall's room and to the rooms of the given windows. Not kept
   * for resuming clients: features publish state (who is at a window), and a client that connects
   * reads the current state from the feature's API.
   */
  publishToHall<K extends keyof ServerToClientEvents>(hallId: string, name: K, payload: Parameters<ServerToClientEvents[K]>[0], windowIds: string[] = []): void {
    let target = this.io.to(hallRoom(hallId));
    for (const w of windowIds) target = target.to(windowRoom(hallId, w));
    target.emit(name, ...([payload] as Parameters<ServerToClientEvents[K]>));
  }

  private async onConnection(socket: LiveSocket) {
    const auth = (socket.handshake.auth ?? {}) as HandshakeAuth;
    const engine = this.registry.get(auth.hall ?? this.registry.defaultHallId)!;
    // A display that moved here from another node may have seen events this node has not read yet.
    // On failure the client gets what this node has (a snapshot, as its lastEventId is ahead) and catches up live.
    if (typeof auth.lastEventId === 'number' && auth.lastEventId > engine.current.seq)
      await engine.refresh().catch((err) => this.log.warn({ err, hall: engine.hallId, lastEventId: auth.lastEventId, seq: engine.current.seq }, 'reading ahead for a resuming client failed'));
    const room = auth.window !== undefined ? windowRoom(engine.hallId, auth.window) : hallRoom(engine.hallId);
    const missed = this.missedSince(engine, auth.lastEventId, auth.window);
    if (!missed) return this.snapshots.send(engine, socket, room);
    void socket.join(room);
    for (const e of missed) {
      decorateLive(e, engine.hall, this.decorate);
      socket.emit(e.name, e.payload as never);
    }
  }

  /** Events after lastEventId for this client, or null when a snapshot is needed. */
  private missedSince(engine: HallEngine, lastEventId: number | undefined, windowId?: string): LiveEvent[] | null {
    if (typeof lastEventId !== 'number' || !Number.isInteger(lastEventId)) return null;
    const current = engine.current.seq;
    if (lastEventId === current) return [];
    if (lastEventId > current) return null;
    const buffer = this.buffers.get(engine.hallId) ?? [];
    const oldest = buffer[0]?.eventId;
    if (oldest === undefined || oldest > lastEventId + 1) return null;
    const missed = buffer.filter((e) => e.eventId > lastEventId && (windowId === undefined || e.windowIds.includes(windowId)));
    // A new service day in between changes everything: start over from a snapshot.
    return missed.length > MAX_RESUME_EVENTS || missed.some((e) => e.name === 'day:started') ? null : missed;
  }

  private anyoneIn(rooms: string | string[]): boolean {
    const members = this.io.sockets.adapter.rooms;
    if (typeof rooms === 'string') return !!members.get(rooms)?.size;
    for (const room of rooms) if (members.get(room)?.size) return true;
    return false;
  }

  private publish(engine: HallEngine, events: LiveEvent[]) {
    const buffer = this.buffers.get(engine.hallId)!;
    // The append's events go out together: each socket gets all it is owed in one write (one-write.ts).
    const emits: RoomEmit[] = [];
    for (const e of events) {
      buffer.push(e);
      if (e.name === 'day:started') {
        emits.push({ rooms: hallRoom(engine.hallId), name: 'day:started', payload: e.payload });
        // One emit to every room of the hall: encoded once, and a socket in two rooms gets it once.
        const everyRoom = [hallRoom(engine.hallId), ...engine.hall.windows.map((w) => windowRoom(engine.hallId, w.id))];
        emits.push({ rooms: everyRoom, name: 'snapshot', payload: this.snapshots.snapshotOf(engine) });
        continue;
      }
      // No socket.io adapter spans nodes (each node's gateway serves its own sockets), so a room with
      // no socket here has no listener anywhere: skip the announcement and the encode. The event is
      // in the buffer above for a client that connects or resumes later (decorated then).
      const rooms = e.windowIds.length ? [hallRoom(engine.hallId), ...e.windowIds.map((w) => windowRoom(engine.hallId, w))] : hallRoom(engine.hallId);
      if (!this.anyoneIn(rooms)) continue;
      decorateLive(e, engine.hall, this.decorate);
      emits.push({ rooms, name: e.name, payload: e.payload });
    }
    emitInOneWrite(this.io, emits);
    // Trimmed a slice at a time: moving 2,000 entries up for each append cost more than the rest of publishing.
    if (buffer.length > this.bufferSize + BUFFER_SLACK) buffer.splice(0, buffer.length - this.bufferSize);
  }
}

// A socket that does not read (a wall display on bad Wi-Fi, a frozen browser, a paused tab) must
// not make the server buffer for it without bound. engine.io queues every packet for a socket in
// its writeBuffer while the transport is busy (a WebSocket stays busy until the kernel took the
// last write, which never happens when the peer stops reading), and ws holds what the kernel did
// not take (bufferedAmount). Neither has a limit. Here a socket that got packets is checked once the
// turn of the event loop is over; past the bound it is cut off at once (the TCP connection
// destroyed, so its buffers are freed now, not after ws's 30 s closing handshake), logged and
// counted. The page reconnects by itself ("transport close") with its last event id and resumes,
// or gets a snapshot.
import type { Server } from 'socket.io';
import type { Logger } from '../log.ts';

export interface SlowConsumerLimits {
  /** Bytes one socket may have queued (engine.io's write buffer plus the WebSocket's unsent bytes). */
  maxQueuedBytes: number;
  /** Packets one socket may have waiting in engine.io's write buffer. */
  maxQueuedPackets: number;
}

/**
 * A display that reads is never near these between turns; a resume (at most 24 missed events,
 * else a bounded snapshot ≤ 50 KB: gateway.ts) fits well inside both. 64 events behind is seconds
 * behind in a busy hall: such a display shows stale calls, and a reconnect's snapshot brings it up
 * to date. The events of one append are one packet (one-write.ts): the byte bound is what cuts off a
 * display in a busy hall.
 */
export const DEFAULT_SLOW_CONSUMER_LIMITS: SlowConsumerLimits = { maxQueuedBytes: 256 * 1024, maxQueuedPackets: 64 };

/** The limits from REALTIME_MAX_QUEUED_BYTES and REALTIME_MAX_QUEUED_PACKETS, or the defaults. */
export function slowConsumerLimitsFromEnv(env: Record<string, string | undefined>): SlowConsumerLimits {
  return {
    maxQueuedBytes: positiveInteger(env, 'REALTIME_MAX_QUEUED_BYTES', DEFAULT_SLOW_CONSUMER_LIMITS.maxQueuedBytes),
    maxQueuedPackets: positiveInteger(env, 'REALTIME_MAX_QUEUED_PACKETS', DEFAULT_SLOW_CONSUMER_LIMITS.maxQueuedPackets),
  };
}

function positiveInteger(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d{1,12}$/.test(text) || Number(text) === 0) throw new Error(`${name}: "${text}" is not a positive whole number`);
  return Number(text);
}

/** The parts of engine.io's socket (engine.io 6) this reads; not in its public typings. */
interface EngineSocket {
  id: string;
  writeBuffer: { data?: unknown }[];
  transport: { name: string; socket?: { bufferedAmount?: number; terminate?: () => void } };
  readyState: string;
  on(event: 'packetCreate', listener: () => void): void;
  close(discard?: boolean): void;
}

export class SlowConsumerGuard {
  /** Sockets cut off since start (for /api/health and /metrics). */
  dropped = 0;
  /** Sockets that got a packet in this turn of the event loop, checked once it is over. */
  private readonly touched = new Set<EngineSocket>();
  private checking: NodeJS.Immediate | undefined;

  constructor(
    io: Server,
    private readonly limits: SlowConsumerLimits,
    private readonly log: Logger,
  ) {
    io.engine.on('connection', (conn: EngineSocket) => conn.on('packetCreate', () => this.touch(conn)));
  }

  /**
   * Checked after the turn, not at each packet: one append (a group commit of many presses, a
   * resume) emits its events in one synchronous loop, and every socket's buffer holds them all
   * until the WebSocket's write callback, a tick later. By the check a socket that reads has
   * handed them to the kernel; one that does not still holds them.
   */
  private touch(conn: EngineSocket) {
    this.touched.add(conn);
    this.checking ??= setImmediate(() => this.check());
  }

  private check() {
    this.checking = undefined;
    for (const conn of this.touched) {
      if (conn.readyState === 'closed') continue;
      const queued = queuedOf(conn);
      if (queued.bytes <= this.limits.maxQueuedBytes && queued.packets <= this.limits.maxQueuedPackets) continue;
      this.dropped++;
      this.log.warn({ socket: conn.id, transport: conn.transport.name, queuedBytes: queued.bytes, queuedPackets: queued.packets, dropped: this.dropped }, 'slow consumer: a socket that does not read was disconnected');
      cutOff(conn);
    }
    this.touched.clear();
  }
}

/** What the server holds for a socket: engine.io's write buffer and the WebSocket's unsent bytes. */
function queuedOf(conn: EngineSocket): { bytes: number; packets: number } {
  let bytes = conn.transport.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer) bytes += sizeOf(packet.data);
  return { bytes, packets: conn.writeBuffer.length };
}

/** Destroys a WebSocket's TCP connection (frees its buffers now); a polling transport is just closed. */
function cutOff(conn: EngineSocket) {
  const ws = conn.transport.socket;
  if (conn.transport.name === 'websocket' && ws?.terminate) ws.terminate();
  else conn.close(true);
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data && typeof (data as ArrayBufferLike).byteLength === 'number') return (data as ArrayBufferLike).byteLength;
  return 0;
}

// A socket that does not read (a wall display on bad Wi-Fi, a frozen browser, a paused tab) must
// not make the server buffer for it without bound. engine.io queues every packet for a socket in
// its writeBuffer while the transport is busy (a WebSocket stays busy until the kernel took the
// last write, which never happens when the peer stops reading), and ws holds what the kernel did
// not take (bufferedAmount). Neither has a limit. Here each packet queued for a socket is counted
// as it is created; past the bound the socket is cut off at once (the TCP connection destroyed, so
// its buffers are freed now, not after ws's 30 s closing handshake), logged and counted. The page
// reconnects by itself ("transport close") with its last event id and resumes or gets a snapshot.
import type { Server } from 'socket.io';
import type { Logger } from '../log.ts';

export interface SlowConsumerLimits {
  /** Bytes one socket may have queued (engine.io's write buffer plus the WebSocket's unsent bytes). */
  maxQueuedBytes: number;
  /** Packets one socket may have waiting in engine.io's write buffer. */
  maxQueuedPackets: number;
}

/**
 * Above what a resuming display is sent at once (at most 500 missed events, ~0.5 MB, else a bounded
 * snapshot: gateway.ts), so a reconnect is never itself cut off; a socket that reads gets below it
 * in a moment. A broadcast's payload is shared by the sockets, each queued packet costs ~100 bytes
 * of heap of its own: 1,000 stalled displays hold at most ~100 MB, and that only until they are cut.
 */
export const DEFAULT_SLOW_CONSUMER_LIMITS: SlowConsumerLimits = { maxQueuedBytes: 1024 * 1024, maxQueuedPackets: 1000 };

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
  on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): void;
  close(discard?: boolean): void;
}

export class SlowConsumerGuard {
  /** Sockets cut off since start (for /api/health and /metrics). */
  dropped = 0;

  constructor(
    io: Server,
    private readonly limits: SlowConsumerLimits,
    private readonly log: Logger,
  ) {
    io.engine.on('connection', (conn: EngineSocket) => this.watch(conn));
  }

  private watch(conn: EngineSocket) {
    // Bytes of the packets in writeBuffer, kept as they are added: flush() empties the buffer, so a
    // packet created into an empty buffer starts the count again.
    let queuedBytes = 0;
    let cut = false;
    conn.on('packetCreate', (packet) => {
      if (cut) return;
      if (conn.writeBuffer.length === 0) queuedBytes = 0;
      queuedBytes += sizeOf(packet.data);
      const unsent = conn.transport.socket?.bufferedAmount ?? 0;
      const packets = conn.writeBuffer.length + 1;
      if (queuedBytes + unsent <= this.limits.maxQueuedBytes && packets <= this.limits.maxQueuedPackets) return;
      cut = true;
      this.dropped++;
      this.log.warn({ socket: conn.id, transport: conn.transport.name, queuedBytes: queuedBytes + unsent, queuedPackets: packets, dropped: this.dropped }, 'slow consumer: a socket that does not read was disconnected');
      // After this packet is pushed (sendPacket pushes it once the listeners return).
      queueMicrotask(() => cutOff(conn));
    });
  }
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

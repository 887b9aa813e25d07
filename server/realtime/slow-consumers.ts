// A socket that does not read (a wall display on bad Wi-Fi, a frozen browser, a paused tab) must
// not make the server buffer for it without bound. engine.io queues every packet for a socket in
// its writeBuffer while the transport is busy (a WebSocket stays busy until the kernel took the
// last write, which never happens when the peer stops reading), and ws holds what the kernel did
// not take (bufferedAmount). Neither has a limit. Here a socket that got packets is checked once the
// turn of the event loop is over; past the bound it is cut off at once (the TCP connection
// destroyed, so its buffers are freed now, not after ws's 30 s closing handshake), logged and
// counted. The page reconnects by itself ("transport close") with its last event id and resumes,
// or gets a snapshot.
//
// A bound per socket is not enough: 1,000 displays that stop reading together (the hall's Wi-Fi
// fails) each stay under it while all of them hold the heap. So the total held for all sockets has
// a budget too: past it, the sockets holding the most are cut, largest first, until the total is
// back within it. A display that reads holds next to nothing at the end of a turn, so the ones cut
// are the ones that stopped reading. While the heap is short (the load monitor at its shedding
// heap ratio) the budget in force is a quarter: memory goes to the clerks' presses, which are not
// repeatable, before the displays, which resync with one snapshot.
import type { Server } from 'socket.io';
import type { Logger } from '../log.ts';

export interface SlowConsumerLimits {
  /** Bytes one socket may have queued (engine.io's write buffer plus the WebSocket's unsent bytes). */
  maxQueuedBytes: number;
  /** Packets one socket may have waiting in engine.io's write buffer. */
  maxQueuedPackets: number;
  /** Bytes all sockets together may have queued; past it the largest holders are cut first. */
  maxQueuedTotalBytes: number;
}

/**
 * The total: 1,000 displays each a full snapshot behind (≤ 50 KB: gateway.ts), as when they all
 * reconnect at once after a restart, is 48.8 MiB; 48 MiB lets that storm through without cutting
 * it into a loop of reconnects, and stays under a fifth of the production heap (256 MB) even if
 * every byte were a two-byte string (docs/deploy.md, "Overload protection").
 */
export const DEFAULT_MAX_QUEUED_TOTAL_BYTES = 48 * 1024 * 1024;

/**
 * A display that reads is never near these between turns; a resume (at most 24 missed events,
 * else a bounded snapshot ≤ 50 KB: gateway.ts) fits well inside both. 64 events behind is seconds
 * behind in a busy hall: such a display shows stale calls, and a reconnect's snapshot brings it up
 * to date. The events of one append are one packet (one-write.ts): the byte bound is what cuts off a
 * display in a busy hall.
 */
export const DEFAULT_SLOW_CONSUMER_LIMITS: SlowConsumerLimits = { maxQueuedBytes: 256 * 1024, maxQueuedPackets: 64, maxQueuedTotalBytes: DEFAULT_MAX_QUEUED_TOTAL_BYTES };

/** The limits from REALTIME_MAX_QUEUED_BYTES, _PACKETS and _TOTAL_BYTES, or the defaults. */
export function slowConsumerLimitsFromEnv(env: Record<string, string | undefined>): SlowConsumerLimits {
  return {
    maxQueuedBytes: positiveInteger(env, 'REALTIME_MAX_QUEUED_BYTES', DEFAULT_SLOW_CONSUMER_LIMITS.maxQueuedBytes),
    maxQueuedPackets: positiveInteger(env, 'REALTIME_MAX_QUEUED_PACKETS', DEFAULT_SLOW_CONSUMER_LIMITS.maxQueuedPackets),
    maxQueuedTotalBytes: positiveInteger(env, 'REALTIME_MAX_QUEUED_TOTAL_BYTES', DEFAULT_SLOW_CONSUMER_LIMITS.maxQueuedTotalBytes),
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
  on(event: 'packetCreate' | 'drain' | 'close', listener: () => void): void;
  close(discard?: boolean): void;
}

export class SlowConsumerGuard {
  /** Sockets cut off since start (for /api/health and /metrics), over their own bound or the total's. */
  dropped = 0;
  /** Of those, cut for the total budget (largest holders first). */
  droppedForTotal = 0;
  /** Says whether the heap is short (Admission: the load monitor's heap at its shedding ratio); set by server.ts. */
  heapShort: () => boolean = () => false;
  /** Sockets that got a packet in this turn of the event loop, checked once it is over. */
  private readonly touched = new Set<EngineSocket>();
  private checking: NodeJS.Immediate | undefined;
  /** Bytes each socket held when it was last checked (sockets holding none are left out), and their sum. */
  private readonly held = new Map<EngineSocket, number>();
  private heldTotal = 0;

  constructor(
    io: Server,
    private readonly limits: SlowConsumerLimits,
    private readonly log: Logger,
  ) {
    io.engine.on('connection', (conn: EngineSocket) => {
      conn.on('packetCreate', () => this.touch(conn));
      // Its write buffer went to the transport: measured again at the end of the turn.
      conn.on('drain', () => this.touch(conn));
      conn.on('close', () => this.record(conn, 0));
    });
  }

  /** Sockets this guard holds an entry for (to be checked this turn, or holding bytes): none once they all left. */
  get trackedSockets(): number {
    return this.touched.size + this.held.size;
  }

  /** Bytes held for all sockets at the last checks (for tests and /api/health). */
  get queuedTotalBytes(): number {
    return this.heldTotal;
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
      if (queued.bytes <= this.limits.maxQueuedBytes && queued.packets <= this.limits.maxQueuedPackets) this.record(conn, queued.bytes);
      else this.cut(conn, queued, 'slow consumer: a socket that does not read was disconnected');
    }
    this.touched.clear();
    this.keepTotalWithin(this.heapShort() ? this.limits.maxQueuedTotalBytes / 4 : this.limits.maxQueuedTotalBytes);
  }

  /**
   * Cuts the sockets holding the most, largest first, until the total is within the budget. Each
   * is measured again before it is cut: what it held at its last check may since have been sent.
   */
  private keepTotalWithin(budget: number) {
    if (this.heldTotal <= budget) return;
    const largestFirst = [...this.held].sort((a, b) => b[1] - a[1]);
    for (const [conn] of largestFirst) {
      if (this.heldTotal <= budget) break;
      const queued = queuedOf(conn);
      if (queued.bytes === 0 || conn.readyState === 'closed') this.record(conn, 0);
      else {
        this.droppedForTotal++;
        this.cut(conn, queued, 'slow consumer: cut to keep the total queued for all sockets within its budget (largest first)', budget);
      }
    }
  }

  private cut(conn: EngineSocket, queued: { bytes: number; packets: number }, message: string, budget?: number) {
    this.dropped++;
    const total = budget === undefined ? {} : { queuedTotalBytes: this.heldTotal, budget };
    this.log.warn({ socket: conn.id, transport: conn.transport.name, queuedBytes: queued.bytes, queuedPackets: queued.packets, ...total, dropped: this.dropped }, message);
    this.record(conn, 0);
    cutOff(conn);
  }

  private record(conn: EngineSocket, bytes: number) {
    this.heldTotal += bytes - (this.held.get(conn) ?? 0);
    if (bytes > 0) this.held.set(conn, bytes);
    else this.held.delete(conn);
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

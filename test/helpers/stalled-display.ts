// A wall display as the pages run one, whose TCP stream a test can pause (a frozen browser, a bad
// Wi-Fi), and what the server holds for it, read from engine.io's own buffers: the oracle of the
// slow-consumer tests (test/realtime/slow-consumer, total-queue-budget), not the guard's bookkeeping.
import type { Socket as NetSocket } from 'node:net';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { TICKET_EVENTS, type ClientToServerEvents, type HandshakeAuth, type ServerToClientEvents } from '../../server/realtime/contract.ts';
import { applyTicketEvent, applyWindowEvent, fromSnapshot, type HallModel } from '../../displays/live/model.ts';
import type { TestServer } from './server.ts';

/** A display as displays/live/hall-controller.ts runs one: folds what it gets, resumes with its last event id. */
export class Display {
  model?: HallModel;
  connects = 0;
  disconnects: string[] = [];
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  /** `connection`: socket.io options over these (the pages' own, displays/live/connection.ts, to test their retries). */
  constructor(url: string, connection: Partial<ManagerOptions & SocketOptions> = {}) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      ...connection,
      auth: (cb) => cb((this.model ? { lastEventId: this.model.eventId } : {}) satisfies HandshakeAuth as Record<string, unknown>),
    });
    this.socket.on('connect', () => void this.connects++);
    this.socket.on('disconnect', (reason) => void this.disconnects.push(reason));
    this.socket.on('snapshot', (s) => void (this.model = fromSnapshot(s)));
    this.socket.on('window:updated', (e) => void (this.model &&= applyWindowEvent(this.model, e)));
    for (const name of TICKET_EVENTS) this.socket.on(name, (e) => void (this.model &&= applyTicketEvent(this.model, name, e as never)));
  }

  /** The TCP socket under the WebSocket: paused, the kernel's buffers fill and then the server must queue. */
  tcp(): NetSocket {
    return (this.socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
  }

  close() {
    this.socket.close();
  }
}

/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What a person sees on the wall: each window's current number, the waiting counts, the last calls. */
export const visible = (m: HallModel | undefined) =>
  m && {
    eventId: m.eventId,
    windows: Object.fromEntries(m.windows.map((w) => [w.id, { status: w.status, current: w.current?.number ?? null }])),
    waiting: m.waiting,
    recentCalls: m.recentCalls.map((c) => [c.number, c.windowId]),
  };

/** What the server holds for one engine.io socket: its write buffer and the WebSocket's unsent bytes; undefined once it is gone. */
export function queuedAtServer(server: TestServer, engineId: string): { bytes: number; packets: number } | undefined {
  const conn = (server.gateway.io.engine as unknown as { clients: Record<string, any> }).clients[engineId];
  if (!conn) return undefined;
  const buffered = conn.writeBuffer.reduce((n: number, p: { data?: string | Buffer }) => n + (p.data?.length ?? 0), 0);
  return { bytes: buffered + (conn.transport.socket?.bufferedAmount ?? 0), packets: conn.writeBuffer.length };
}

// A real socket.io client that records every live event, with a way to wait for one.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '../../server/realtime/contract.ts';

export interface Received {
  name: string;
  payload: any;
}

export class LiveClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly received: Received[] = [];
  private waiters: { match: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];

  constructor(url: string, auth: HandshakeAuth = {}) {
    this.socket = io(url, { auth: auth as Record<string, unknown>, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.onAny((name: string, payload: unknown) => {
      const r = { name, payload };
      this.received.push(r);
      this.waiters = this.waiters.filter((w) => (w.match(r) ? (w.resolve(r), false) : true));
    });
  }

  /** Resolves with the first event (already received or coming) that matches. */
  waitFor(match: (r: Received) => boolean, timeoutMs = 5000): Promise<Received> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching live event within ${timeoutMs} ms; got ${this.received.map((r) => r.name).join(', ')}`)), timeoutMs);
      this.waiters.push({ match, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  lastEventId(): number | undefined {
    const ids = this.received.map((r) => r.payload?.eventId).filter((x): x is number => typeof x === 'number');
    return ids.length ? Math.max(...ids) : undefined;
  }

  close() {
    this.socket.close();
  }
}

// A real socket.io client on the private consoles namespace, recording every event it gets.
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE } from '../../server/assist/contract.ts';

export interface Got {
  name: string;
  payload: any;
}

export class ConsoleClient {
  readonly socket: Socket;
  readonly received: Got[] = [];
  private waiters: { match: (g: Got) => boolean; resolve: (g: Got) => void }[] = [];
  readonly ready: Promise<void>;

  constructor(url: string, token: string | undefined) {
    this.socket = io(url + CONSOLE_NAMESPACE, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.onAny((name: string, payload: unknown) => {
      const g = { name, payload };
      this.received.push(g);
      this.waiters = this.waiters.filter((w) => (w.match(g) ? (w.resolve(g), false) : true));
    });
    // Connected and holding its snapshot: from here on it is in its rooms.
    this.ready = this.waitFor((g) => g.name === 'assist:snapshot').then(() => undefined);
  }

  /** Resolves with the connect error message of a refused console. */
  refused(): Promise<string> {
    return new Promise((resolve) => this.socket.once('connect_error', (err) => resolve(err.message)));
  }

  waitFor(match: (g: Got) => boolean, timeoutMs = 5000): Promise<Got> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching console event; got ${this.received.map((g) => g.name).join(', ')}`)), timeoutMs);
      this.waiters.push({ match, resolve: (g) => (clearTimeout(timer), resolve(g)) });
    });
  }

  /** Assist events after the snapshot, by name and request id. */
  assistEvents(): { name: string; id: string; window: string }[] {
    return this.received.filter((g) => g.name !== 'assist:snapshot').map((g) => ({ name: g.name, id: g.payload.request.id, window: g.payload.request.windowId }));
  }

  close() {
    this.socket.close();
  }
}

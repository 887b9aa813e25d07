// One TCP connection to one LED bar controller. It always knows the text the bar should show:
// after a drop it reconnects (with a growing delay) and sends that text again, so a bar that was
// power-cycled or lost its network comes back showing the right number.
import { connect, type Socket } from 'node:net';
import { parsePrinterUrl as parseTcpUrl } from '../../ticket-printer/tcp-transport.ts';
import type { BarText } from './bar-text.ts';
import { showFrame } from './frame.ts';

export type LinkState = 'connecting' | 'connected' | 'down';

export interface BarLinkOptions {
  retryMinMs?: number;
  retryMaxMs?: number;
  log?: (line: string) => void;
}

export class BarLink {
  private socket?: Socket;
  private current?: BarText;
  private timer?: NodeJS.Timeout;
  private delay: number;
  private closed = false;
  state: LinkState = 'connecting';
  /** Frames written, for the health view. */
  sent = 0;
  lastError?: string;

  constructor(
    readonly windowId: string,
    readonly url: string,
    readonly address: number,
    private readonly opts: BarLinkOptions = {},
  ) {
    this.delay = opts.retryMinMs ?? 500;
    this.open();
  }

  show(text: BarText): void {
    this.current = text;
    this.write();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.destroy();
  }

  private open() {
    if (this.closed) return;
    const { host, port } = parseTcpUrl(this.url);
    this.state = 'connecting';
    const socket = connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    // Keepalive finds a bar that vanished without closing (power cut) while nothing is being sent.
    socket.setKeepAlive(true, 5000);
    socket.on('connect', () => {
      this.state = 'connected';
      this.lastError = undefined;
      this.delay = this.opts.retryMinMs ?? 500;
      this.opts.log?.(`led bar ${this.windowId} (${this.url}): connected`);
      this.write();
    });
    socket.on('data', () => {}); // ACKs: nothing to do; reading keeps the socket flowing
    socket.on('error', (err) => (this.lastError = err.message));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.state = 'down';
      if (this.closed) return;
      this.timer = setTimeout(() => this.open(), this.delay);
      this.delay = Math.min(this.delay * 2, this.opts.retryMaxMs ?? 10_000);
    });
  }

  private write() {
    if (!this.current || !this.socket || this.state !== 'connected') return;
    this.socket.write(showFrame(this.address, this.current.lines, this.current.mode));
    this.sent++;
  }
}

// A text LED bar controller for tests: a real TCP server on loopback that decodes the bridge's
// frames (displays/led-bar/frame.ts) and keeps what each address shows. It can cut its connections
// (a network drop) and counts them, so tests see the bridge reconnect and resend.
import { createServer, type Server, type Socket } from 'node:net';
import { CMD, decodeFrame, decodeShow, encodeFrame, type LedMode } from '../../displays/led-bar/frame.ts';

export interface BarShows {
  lines: string[];
  mode: LedMode;
}

export class FakeLedController {
  /** What each address shows now. */
  readonly display = new Map<number, BarShows>();
  /** Every SHOW received, in order. */
  readonly history: (BarShows & { address: number })[] = [];
  readonly errors: string[] = [];
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private server!: Server;
  port = 0;

  static async start(): Promise<FakeLedController> {
    const c = new FakeLedController();
    c.server = createServer((s) => c.accept(s));
    await new Promise<void>((r) => c.server.listen(0, '127.0.0.1', () => r()));
    c.port = (c.server.address() as { port: number }).port;
    return c;
  }

  get url(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  text(address = 1): string | undefined {
    return this.display.get(address)?.lines.join(' ');
  }

  /** Drops every open connection, as a network cut would; the server keeps listening. */
  cutConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  /** Forgets what is shown (a bar that rebooted blank). */
  blank(): void {
    this.display.clear();
  }

  async until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    while (!cond()) {
      if (Date.now() - start > timeoutMs) throw new Error(`LED controller: condition not met; shows ${JSON.stringify([...this.display])}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.cutConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private accept(sock: Socket) {
    this.connections++;
    this.sockets.add(sock);
    sock.on('close', () => this.sockets.delete(sock));
    sock.on('error', () => {});
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const r = decodeFrame(buf);
        if (!r) break;
        buf = buf.subarray(r.used);
        if ('error' in r) {
          this.errors.push(r.error);
          continue;
        }
        const { frame } = r;
        if (frame.command === CMD.SHOW) {
          const shows = decodeShow(frame.payload);
          this.display.set(frame.address, shows);
          this.history.push({ address: frame.address, ...shows });
        } else if (frame.command === CMD.CLEAR) this.display.delete(frame.address);
        else this.errors.push(`unknown command 0x${frame.command.toString(16)}`);
        sock.write(encodeFrame({ address: frame.address, command: CMD.ACK, payload: Buffer.alloc(0) }));
      }
    });
  }
}

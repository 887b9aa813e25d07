// The virtual ESC/POS printer: a real TCP server that reads what a hall's printers would be sent,
// decodes each slip (escpos-decoder.ts) and keeps it, so the demo shows what would print without a
// printer (npm start starts one and points every desk without a printer at it; /admin/printer shows
// the slips). Tests use it as their network printer: it answers DLE EOT status queries, can run out
// of paper, and can go down and come back.
import { createServer, type Server, type Socket } from 'node:net';
import { EscPosDecoder, type PrintedTicket } from './escpos-decoder.ts';
import type { DeploymentConfig, PrinterConfig } from '../server/config/schema.ts';

/** A slip as the virtual printer keeps it: its number in arrival order and when it was cut. */
export interface ReceivedSlip extends PrintedTicket {
  seq: number;
  at: number;
}

/** How many slips the virtual printer keeps for its page (the oldest go first). */
const KEPT_SLIPS = 200;

export class VirtualPrinter {
  readonly tickets: PrintedTicket[] = [];
  readonly errors: string[] = [];
  /** Connections accepted, including status-only probes. */
  connections = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private paperOut = false;
  private waiters: { count: number; resolve: () => void }[] = [];
  port = 0;

  /** Every slip cut since start, newest last (the last KEPT_SLIPS). */
  readonly slips: ReceivedSlip[] = [];
  private seq = 0;

  /** Listens on 127.0.0.1:`port` (0: a free port). */
  static async start(port = 0): Promise<VirtualPrinter> {
    const p = new VirtualPrinter();
    await p.listen(port);
    return p;
  }

  get url(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** Stops listening and drops every connection: the printer is switched off. */
  async goDown(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    for (const sock of this.sockets) sock.destroy();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  /** Switched on again on the same port. */
  async comeBack(): Promise<void> {
    await this.listen(this.port);
  }

  setPaperOut(out: boolean): void {
    this.paperOut = out;
  }

  /** Resolves when at least `count` tickets have been cut. */
  waitForTickets(count: number, timeoutMs = 20_000): Promise<PrintedTicket[]> {
    if (this.tickets.length >= count) return Promise.resolve(this.tickets);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`printer got ${this.tickets.length} of ${count} tickets`)), timeoutMs);
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.tickets);
        },
      });
    });
  }

  async close(): Promise<void> {
    await this.goDown();
  }

  private listen(port: number): Promise<void> {
    const server = createServer((sock) => this.accept(sock));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private accept(sock: Socket) {
    this.connections++;
    this.sockets.add(sock);
    sock.on('close', () => this.sockets.delete(sock));
    sock.on('error', () => {});
    const decoder = new EscPosDecoder(
      (t) => this.received(t),
      (b) => sock.write(b),
      // DLE EOT 4: 0x12 fixed bits; 0x60 paper end.
      () => (this.paperOut ? 0x72 : 0x12),
    );
    sock.on('data', (chunk) => {
      // A printer with no paper ignores print data (it would be lost on a real one too).
      if (this.paperOut && !(chunk.length === 3 && chunk[0] === 0x10)) return;
      decoder.push(chunk);
    });
    sock.on('end', () => {
      this.errors.push(...decoder.errors);
      sock.end();
    });
  }

  /** The slips after `seq` (the page asks for what it has not shown yet). */
  slipsAfter(seq: number): ReceivedSlip[] {
    return this.slips.filter((s) => s.seq > seq);
  }

  private received(t: PrintedTicket) {
    this.tickets.push(t);
    this.slips.push({ ...t, seq: ++this.seq, at: Date.now() });
    if (this.slips.length > KEPT_SLIPS) this.slips.shift();
    if (this.tickets.length > KEPT_SLIPS * 50) this.tickets.splice(0, KEPT_SLIPS); // a long-running demo: bounded memory
    this.waiters = this.waiters.filter((w) => {
      if (this.tickets.length >= w.count) w.resolve();
      return this.tickets.length < w.count;
    });
  }
}


/**
 * The deployment with every desk that has no printer (triage, kiosk, each window) printing to the
 * virtual printer at `url`. Desks with a printer in the hall file keep it.
 */
export function withVirtualPrinters(deployment: DeploymentConfig, url: string): DeploymentConfig {
  return {
    ...deployment,
    halls: deployment.halls.map((hall) => {
      const desks = ['triage', 'kiosk', ...hall.windows.map((w) => `window-${w.id}`)].filter((d) => !hall.printers.some((p) => p.desk === d));
      const added: PrinterConfig[] = desks.map((desk) => ({ id: `virtual-${desk}`, desk, url, width: 48 }));
      return { ...hall, printers: [...hall.printers, ...added] };
    }),
  };
}

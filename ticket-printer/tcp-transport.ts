// Sends ESC/POS bytes to a network printer's raw port (tcp://host:9100). Before each job it asks the
// printer for its paper sensor status (DLE EOT 4): a printer out of paper keeps its data in the
// queue instead of swallowing tickets. A printer that does not answer the query within a moment is
// assumed ready (some cheap models ignore real-time commands over TCP).
import { connect, type Socket } from 'node:net';

export class PrinterOffline extends Error {
  override name = 'PrinterOffline';
}
/** Reachable but cannot print: out of paper, cover open. */
export class PrinterNotReady extends Error {
  override name = 'PrinterNotReady';
}

export interface PrinterTransport {
  /** Resolves once the bytes are handed to the printer; throws PrinterOffline or PrinterNotReady. */
  send(data: Buffer): Promise<void>;
  /** Connects and reads the paper status without printing. */
  probe(): Promise<void>;
}

export interface TcpTransportOptions {
  connectTimeoutMs?: number;
  statusTimeoutMs?: number;
  queryStatus?: boolean;
}

const DLE_EOT_PAPER = Buffer.from([0x10, 0x04, 0x04]);
/** DLE EOT 4 reply: bits 5 and 6 set when the paper roll is at its end. */
const PAPER_END_BITS = 0x60;

export function parsePrinterUrl(url: string): { host: string; port: number } {
  const m = /^tcp:\/\/([^/:]+)(?::(\d+))?\/?$/i.exec(url);
  if (!m) throw new Error(`printer url must be tcp://host:port, got ${url}`);
  return { host: m[1]!, port: m[2] ? Number(m[2]) : 9100 };
}

export class TcpPrinterTransport implements PrinterTransport {
  private readonly host: string;
  private readonly port: number;

  constructor(
    readonly url: string,
    private readonly opts: TcpTransportOptions = {},
  ) {
    ({ host: this.host, port: this.port } = parsePrinterUrl(url));
  }

  probe(): Promise<void> {
    return this.session(null);
  }

  send(data: Buffer): Promise<void> {
    return this.session(data);
  }

  private session(data: Buffer | null): Promise<void> {
    const { connectTimeoutMs = 3000, statusTimeoutMs = 800, queryStatus = true } = this.opts;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      let statusTimer: NodeJS.Timeout | undefined;
      const socket: Socket = connect({ host: this.host, port: this.port });
      const finish = (err?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(statusTimer);
        socket.setTimeout(0);
        if (err) {
          socket.destroy();
          reject(err);
        } else resolve();
      };
      socket.setTimeout(connectTimeoutMs, () => finish(new PrinterOffline(`${this.url}: no answer within ${connectTimeoutMs} ms`)));
      socket.on('error', (err) => finish(new PrinterOffline(`${this.url}: ${err.message}`)));
      socket.on('close', () => finish(new PrinterOffline(`${this.url}: connection closed before the job was sent`)));
      const write = () => {
        socket.removeAllListeners('data');
        if (!data) {
          socket.end();
          finish();
          return;
        }
        // end() calls back once every byte is handed to the OS; the printer then closes its side.
        socket.end(data, () => finish());
      };
      socket.on('connect', () => {
        if (!queryStatus) return write();
        socket.once('data', (reply) => {
          clearTimeout(statusTimer);
          if ((reply[0]! & PAPER_END_BITS) === PAPER_END_BITS) {
            socket.end();
            finish(new PrinterNotReady(`${this.url}: out of paper`));
          } else write();
        });
        socket.write(DLE_EOT_PAPER);
        statusTimer = setTimeout(write, statusTimeoutMs);
      });
    });
  }
}

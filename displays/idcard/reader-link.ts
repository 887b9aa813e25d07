// A page's link to the card reader's bridge on its own PC (displays/card-reader/README.md), as a lit
// controller: connects while the page is shown, reconnects after the driver service restarts.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseReaderMessage, type ReaderMessage } from '../card-reader/protocol.ts';

const RECONNECT_MS = 3000;

/** The bridge's port from the page's address (?cardReader=47810); 0: this desk has no reader. */
export const readerPortOf = (search: string) => Number(new URLSearchParams(search).get('cardReader')) || 0;

export class CardReaderLink implements ReactiveController {
  private socket?: WebSocket;
  private retry?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    private readonly port: () => number,
    private readonly onMessage: (m: ReaderMessage) => void,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.connect();
  }

  hostDisconnected() {
    clearTimeout(this.retry);
    const s = this.socket;
    this.socket = undefined;
    s?.close();
  }

  private connect() {
    const port = this.port();
    if (!port || this.socket) return;
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    this.socket = socket;
    socket.onmessage = (e) => {
      const m = parseReaderMessage(String(e.data));
      if (m) this.onMessage(m);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.onMessage({ type: 'status', reader: 'no-reader' });
      this.retry = setTimeout(() => this.connect(), RECONNECT_MS);
    };
  }
}

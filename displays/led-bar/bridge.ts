// The LED bar bridge: follows a hall's live events over socket.io (one full-hall subscription) and
// keeps each configured bar showing its window's number and state. Runs in the server process by
// default (plugin.ts) or on a PC near the bars (`npm run led-bridge`).
import { io, type Socket } from 'socket.io-client';
import type { LedBarConfig } from '../../server/config/schema.ts';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  PublicWindow,
  ServerToClientEvents,
  TicketEvent,
} from '../../server/realtime/contract.ts';
import { TICKET_EVENTS } from '../../server/realtime/contract.ts';
import { BarLink, type BarLinkOptions } from './bar-link.ts';
import { barText, sameText, type BarText } from './bar-text.ts';

export interface LedBridgeOptions extends BarLinkOptions {
  server: string;
  hall?: string;
  bars: LedBarConfig[];
}

export interface BarStatus {
  window: string;
  url: string;
  state: string;
  text?: string[];
  lastError?: string;
}

export class LedBridge {
  private readonly links = new Map<string, BarLink[]>();
  private readonly shown = new Map<string, BarText>();
  /** Each window's number, from GET /api/hall: the live state carries only what changes. */
  private numbers?: Map<string, number>;
  /** The newest live state of each bar's window, shown again once the numbers arrive. */
  private readonly latest = new Map<string, PublicWindow>();
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  constructor(private readonly opts: LedBridgeOptions) {
    for (const bar of opts.bars) {
      const list = this.links.get(bar.window) ?? [];
      list.push(new BarLink(bar.window, bar.url, bar.address, opts));
      this.links.set(bar.window, list);
    }
    const auth: HandshakeAuth = {};
    if (opts.hall) auth.hall = opts.hall;
    this.socket = io(opts.server, { auth, transports: ['websocket'] });
    this.socket.on('connect', () => void this.loadNumbers());
    // Each (re)connect brings a snapshot: the whole truth, so missed events do not matter.
    this.socket.on('snapshot', (s) => {
      for (const w of s.windows) this.update(w, false);
    });
    this.socket.on('window:updated', (e) => this.update(e.window, false));
    for (const name of TICKET_EVENTS) {
      this.socket.on(name, (e: TicketEvent) => {
        if (!e.window) return;
        // A call or recall flashes the bar, even when the text is unchanged (a recall).
        const attention = name === 'ticket:called' || name === 'ticket:recalled';
        this.update(e.window, attention);
      });
    }
    this.socket.on('connect_error', (err) => opts.log?.(`led bridge: cannot reach ${opts.server}: ${err.message}`));
  }

  statuses(): BarStatus[] {
    return [...this.links.values()].flat().map((l) => {
      const s: BarStatus = { window: l.windowId, url: l.url, state: l.state };
      const t = this.shown.get(l.windowId);
      if (t) s.text = t.lines;
      if (l.lastError) s.lastError = l.lastError;
      return s;
    });
  }

  close(): void {
    this.socket.close();
    for (const l of [...this.links.values()].flat()) l.close();
  }

  /** The windows' numbers, once; retried on the next connect when the server cannot answer. */
  private async loadNumbers() {
    if (this.numbers) return;
    const base = this.opts.hall ? `/api/halls/${encodeURIComponent(this.opts.hall)}` : '/api';
    try {
      const res = await fetch(new URL(`${base}/hall`, this.opts.server));
      if (!res.ok) throw new Error(`GET /hall answered ${res.status}`);
      const info = (await res.json()) as { windows: { id: string; number: number }[] };
      this.numbers = new Map(info.windows.map((w) => [w.id, w.number]));
      for (const w of this.latest.values()) this.update(w, false);
    } catch (err) {
      this.opts.log?.(`led bridge: cannot read the hall's windows: ${(err as Error).message}`);
    }
  }

  private update(w: PublicWindow, attention: boolean) {
    const links = this.links.get(w.id);
    if (!links) return;
    this.latest.set(w.id, w);
    const number = this.numbers?.get(w.id);
    if (number === undefined) return;
    const text = barText({ ...w, number }, { flash: attention });
    if (!attention && sameText(this.shown.get(w.id), text)) return;
    this.shown.set(w.id, text);
    for (const l of links) l.show(text);
  }
}

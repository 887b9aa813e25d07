// The one live-data controller every page uses. It connects socket.io when its element is
// connected and releases it when the element goes, folds the snapshot and events into a
// HallModel with the pure functions of model.ts, remembers the last event id so a reconnect
// resumes instead of starting over, and says whether the page is live or offline.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import {
  TICKET_EVENTS,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
  type TicketEvent,
  type TicketEventName,
} from '../../server/realtime/contract.ts';
import type { HallInfo } from '../logic/labels.ts';
import type { StaffOnDuty } from '../logic/staff.ts';
import { api } from './api.ts';
import { DISPLAY_CONNECTION } from './connection.ts';
import { applyTicketEvent, applyWindowEvent, fromSnapshot, type HallModel } from './model.ts';

export interface HallControllerOptions {
  hall?: string;
  /** Follow one window only (the window display): the server sends that window's events. */
  window?: string;
  /** Called after every event the model takes, e.g. to flash a new call. */
  onTicketEvent?: (name: TicketEventName, e: TicketEvent) => void;
  /** Called after each snapshot (a connect, a reconnect that could not resume, a new day). */
  onSnapshot?: () => void;
}

export class HallController implements ReactiveController {
  model?: HallModel;
  info?: HallInfo;
  connected = false;
  /** Since when the page has been without the server (undefined while connected). */
  offlineSince?: number;
  /** Who is signed in at each window (name and 工号), when the staff feature runs. */
  staff: Record<string, StaffOnDuty | null> = {};
  /** Milliseconds between server clock and ours, from the last snapshot. */
  clockSkew = 0;
  private socket?: Socket<ServerToClientEvents, ClientToServerEvents>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: HallControllerOptions = {},
  ) {
    host.addController(this);
  }

  get lastEventId(): number | undefined {
    return this.model?.eventId;
  }

  /** Server time now, as near as we know it (the hall clock on the wall follows the server). */
  now(): number {
    return Date.now() + this.clockSkew;
  }

  hostConnected(): void {
    this.offlineSince = Date.now();
    void this.loadInfo();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      // A function, so every reconnect sends the newest lastEventId and the server resumes from it.
      auth: (cb) => {
        const auth: HandshakeAuth = {};
        if (this.options.hall) auth.hall = this.options.hall;
        if (this.options.window) auth.window = this.options.window;
        if (this.lastEventId !== undefined) auth.lastEventId = this.lastEventId;
        cb(auth as Record<string, unknown>);
      },
      ...DISPLAY_CONNECTION,
      transports: [...DISPLAY_CONNECTION.transports],
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.offlineSince = undefined;
      // Hall info may have failed while the server was away.
      if (!this.info) void this.loadInfo();
      void this.loadStaff();
      this.host.requestUpdate();
    });
    socket.on('window:staff', (e) => {
      this.staff = { ...this.staff, [e.windowId]: e.staff };
      this.host.requestUpdate();
    });
    socket.on('disconnect', (reason) => {
      this.goOffline();
      // A server shutting down disconnects us on purpose, and socket.io does not retry that case
      // by itself; a wall display must, so it comes back when the server does.
      if (reason === 'io server disconnect') setTimeout(() => this.socket === socket && socket.connect(), 500);
    });
    socket.on('connect_error', () => this.goOffline());
    socket.on('snapshot', (s) => {
      this.model = fromSnapshot(s);
      this.clockSkew = s.at - Date.now();
      this.options.onSnapshot?.();
      this.host.requestUpdate();
    });
    socket.on('window:updated', (e) => {
      if (!this.model) return;
      this.model = applyWindowEvent(this.model, e);
      this.host.requestUpdate();
    });
    for (const name of TICKET_EVENTS) {
      socket.on(name, (e: TicketEvent) => {
        if (!this.model) return;
        const before = this.model;
        this.model = applyTicketEvent(this.model, name, e);
        if (this.model !== before) this.options.onTicketEvent?.(name, e);
        this.host.requestUpdate();
      });
    }
  }

  hostDisconnected(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = undefined;
    this.connected = false;
  }

  private goOffline() {
    if (this.connected || this.offlineSince === undefined) this.offlineSince = Date.now();
    this.connected = false;
    this.host.requestUpdate();
  }

  /** Who is at the windows now; nothing when the staff feature does not run (404). */
  private async loadStaff() {
    try {
      this.staff = (await api<{ windows: Record<string, StaffOnDuty> }>('/staff/on-duty', { hall: this.options.hall })).data.windows;
      this.host.requestUpdate();
    } catch {
      /* no staff feature, or offline: names appear with the next window:staff event */
    }
  }

  private async loadInfo() {
    try {
      this.info = (await api<HallInfo>('/hall', { hall: this.options.hall })).data;
      this.host.requestUpdate();
    } catch {
      /* retried on the next connect */
    }
  }
}

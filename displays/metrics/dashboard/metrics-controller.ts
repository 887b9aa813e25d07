// Live figures for the dashboard: fetches /api/metrics/live, then follows `metrics:updated` on
// the admin-only /metrics namespace. Connects in hostConnected, releases in hostDisconnected.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { LiveMetricsPayload, MetricsHandshakeAuth, MetricsServerToClientEvents } from '../../../server/metrics/contract.ts';
import { connectErrorLine } from '../../logic/error-text.ts';

export class MetricsController implements ReactiveController {
  data?: LiveMetricsPayload;
  connected = false;
  error = '';
  private socket?: Socket<MetricsServerToClientEvents, Record<string, never>>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: { hall: () => string; token: () => string | null; onUnauthorized: () => void },
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.start();
  }

  hostDisconnected() {
    this.stop();
  }

  restart() {
    this.stop();
    this.start();
  }

  private start() {
    const token = this.opts.token();
    if (!token) return;
    const hall = this.opts.hall();
    void fetch(`/api/halls/${encodeURIComponent(hall)}/metrics/live`, { headers: { authorization: `Bearer ${token}` } }).then(async (res) => {
      if (res.status === 401 || res.status === 403) {
        this.error = '令牌无效 / token refused';
        this.opts.onUnauthorized();
      } else if (res.ok && !this.data) this.take(await res.json());
      this.host.requestUpdate();
    });
    const auth: MetricsHandshakeAuth = { token, hall };
    this.socket = io('/metrics', { auth, transports: ['websocket', 'polling'] });
    this.socket.on('connect', () => {
      this.connected = true;
      this.host.requestUpdate();
    });
    this.socket.on('disconnect', () => {
      this.connected = false;
      this.host.requestUpdate();
    });
    this.socket.on('connect_error', (err) => {
      this.error = connectErrorLine(err.message);
      this.host.requestUpdate();
    });
    this.socket.on('metrics:updated', (m) => this.take(m));
  }

  private take(m: LiveMetricsPayload) {
    // Pushes and the first fetch may cross: keep the newest.
    if (this.data && m.eventId < this.data.eventId && m.serviceDay === this.data.serviceDay) return;
    this.data = m;
    this.error = '';
    this.host.requestUpdate();
  }

  private stop() {
    this.socket?.close();
    this.socket = undefined;
    this.connected = false;
  }
}

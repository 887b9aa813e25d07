// The metrics feature's live contract: the `/metrics` socket.io namespace, shared by the server
// and the dashboard.
import type { LiveMetricsPayload } from './live-types.ts';
export type { LiveMetricsPayload } from './live-types.ts';

/**
 * The `/metrics` namespace: the manager's dashboard. Needs an admin token in the handshake; sends
 * today's figures on connect and `metrics:updated` after events (at most every few hundred ms).
 */
export interface MetricsServerToClientEvents {
  'metrics:updated': (m: LiveMetricsPayload) => void;
}

export interface MetricsHandshakeAuth {
  token: string;
  /** Hall id; the deployment's default hall when absent. */
  hall?: string;
}

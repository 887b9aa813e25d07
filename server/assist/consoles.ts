// Who a console is and what it may see. A console authenticates with its bearer token in the
// socket.io handshake; the same rules pick the rooms it joins and filter its snapshot.
import type { DeploymentConfig, TokenConfig } from '../config/schema.ts';
import type { AssistRequest } from './types.ts';

export type ConsoleRole = 'clerk' | 'approver' | 'admin';

export interface ConsoleIdentity {
  role: ConsoleRole;
  /** The name answers and messages are signed with (as the HTTP auth names the token). */
  name: string;
  /** Halls the token may act in; null for every hall. */
  halls: string[] | null;
  windows: string[];
  /** Services an approver covers; null for all. */
  services: string[] | null;
}

/** The same name Auth gives a token, so HTTP actions and socket rooms agree on who someone is. */
export function tokenName(t: TokenConfig): string {
  return t.name ?? `${t.role}:${t.token.slice(-6)}`;
}

export function consoleIdentity(deployment: DeploymentConfig, token: unknown, defaultHallId: string): ConsoleIdentity | undefined {
  if (typeof token !== 'string') return undefined;
  const t = deployment.tokens.find((x) => x.token === token);
  if (!t || (t.role !== 'clerk' && t.role !== 'approver' && t.role !== 'admin')) return undefined;
  return {
    role: t.role,
    name: tokenName(t),
    halls: t.hall ? [t.hall] : t.role === 'admin' ? null : [defaultHallId],
    windows: t.windows ?? [],
    services: t.role === 'approver' ? (t.services ?? null) : null,
  };
}

export function covers(who: ConsoleIdentity, serviceId: string): boolean {
  return who.role === 'admin' || (who.role === 'approver' && (who.services === null || who.services.includes(serviceId)));
}

/** Whether a console may see a request at all. */
export function maySee(who: ConsoleIdentity, r: AssistRequest): boolean {
  if (who.role === 'admin') return true;
  if (who.role === 'clerk') return who.windows.includes(r.windowId);
  // Approvers see open requests of their services, and the ones they took.
  return r.acceptedBy === who.name || (covers(who, r.serviceId) && (r.status === 'open' || !r.acceptedBy));
}

export const rooms = {
  service: (hall: string, serviceId: string) => `assist:${hall}:service:${serviceId}`,
  window: (hall: string, windowId: string) => `assist:${hall}:window:${windowId}`,
  approver: (hall: string, name: string) => `assist:${hall}:approver:${name}`,
  admin: (hall: string) => `assist:${hall}:admin`,
};

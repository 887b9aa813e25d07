// Who a console is and what it may see. A console authenticates in the socket.io handshake with its
// bearer token or its staff session cookie; the same rules pick the rooms it joins and filter its snapshot.
import type { Principal } from '../http/auth.ts';
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

/**
 * A console's identity from the caller the core's Auth resolved (a hall-file token, a device token or
 * a staff session): the HTTP routes and the socket handshake name someone the same way.
 */
export function consoleIdentityOf(p: Principal | undefined): ConsoleIdentity | undefined {
  if (!p) return undefined;
  const role = CONSOLE_ROLES.find((r) => p.role === r || p.roles?.includes(r));
  if (!role) return undefined;
  return { role, name: p.name, halls: p.halls, windows: p.windows, services: role === 'approver' ? (p.services ?? null) : null };
}

/** The console roles in the order a person with several acts in (an admin who is also a clerk is an admin here). */
const CONSOLE_ROLES: readonly ConsoleRole[] = ['admin', 'approver', 'clerk'];

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

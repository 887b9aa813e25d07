// What a staff session or a device token stands for, as the core's Principal.
import type { Role } from '../config/schema.ts';
import type { Principal } from '../http/auth.ts';
import type { SessionClaims } from './session-token.ts';
import type { Account, DeviceToken } from './types.ts';

/** The role a person acts in without a window: the widest they hold. */
const PRIMARY: Role[] = ['admin', 'manager', 'triage', 'approver', 'clerk'];

export function sessionPrincipal(a: Account, c: SessionClaims): Principal {
  // Signed in at a window: the person acts as that window's clerk, and only there.
  const role: Role = c.window ? 'clerk' : PRIMARY.find((r) => a.roles.includes(r as never)) ?? a.roles[0]!;
  return {
    role,
    roles: [...a.roles],
    name: a.name,
    halls: c.window ? [c.hall] : a.halls.length ? a.halls : null,
    windows: c.window ? [c.window] : [],
    services: a.roles.includes('approver') ? (a.services ?? null) : null,
    staffId: a.id,
    staffNumber: a.staffNumber,
    ...(a.photo ? { photo: a.photo } : {}),
    sessionId: c.sid,
  };
}

export function devicePrincipal(d: DeviceToken, defaultHallId: string): Principal {
  return {
    role: d.role,
    name: d.name,
    halls: d.hall ? [d.hall] : d.role === 'admin' ? null : [defaultHallId],
    windows: d.windows ?? [],
    ...(d.desk ? { desk: d.desk } : {}),
  };
}

/** What the console and the sign-in answer show of a person: no hash, no counters. */
export function personView(a: Account) {
  return {
    id: a.id,
    staffNumber: a.staffNumber,
    name: a.name,
    ...(a.photo ? { photo: a.photo } : {}),
    roles: a.roles,
    halls: a.halls,
    ...(a.services ? { services: a.services } : {}),
  };
}

/** What the admin page lists. */
export function accountView(a: Account) {
  return { ...personView(a), disabled: a.disabled, locked: a.locked, failures: a.failures, createdAt: a.createdAt, passwordChangedAt: a.passwordChangedAt, ...(a.demo ? { demo: true } : {}) };
}

export function deviceView(d: DeviceToken) {
  const { hash: _h, ...rest } = d;
  return rest;
}

// Who is calling, and the role and window checks routes ask for. The hall file's bearer tokens are
// the built-in resolver (demo mode, simple set-ups); features add their own (the staff feature's
// sign-in sessions and device tokens) as PrincipalResolvers, tried in order after the hall file's.
import type { Context } from 'koa';
import type { Role, TokenConfig } from '../config/schema.ts';
import type { Actor } from '../domain/types.ts';
import { forbidden, unauthorized } from './errors.ts';

export interface Principal {
  /** The role the caller acts in (a person signed in at a window acts as its clerk). */
  role: Role;
  /** Every role the caller holds, when more than one (a staff account); `role` alone otherwise. */
  roles?: Role[];
  name: string;
  /** Halls this token may act in; null for every hall. */
  halls: string[] | null;
  /** Windows a clerk may drive. */
  windows: string[];
  /** For triage and kiosk devices: the desk whose printer prints their tickets; the role when absent. */
  desk?: string;
  /** For approvers: the services they answer; every service when absent or null. */
  services?: string[] | null;
  /** A person (staff account) rather than a device or a hall-file token. */
  staffId?: string;
  staffNumber?: string;
  photo?: string;
  /** The sign-in session this request came with. */
  sessionId?: string;
}

/**
 * Turns a credential into a principal. Synchronous: resolvers answer from state they keep folded in
 * memory. Returns undefined for a credential it does not know (the next resolver is asked); throws
 * an ApiError (401) for one it knows and refuses (expired, revoked, account disabled).
 */
export interface PrincipalResolver {
  /** A bearer token from the Authorization header or the socket.io handshake. */
  resolve(token: string): Principal | undefined;
  /** The name of an httpOnly cookie whose value this resolver also resolves (a browser session). */
  cookie?: string;
}

export class Auth {
  private readonly byToken = new Map<string, Principal>();
  private readonly resolvers: PrincipalResolver[] = [];

  constructor(tokens: TokenConfig[], defaultHallId: string) {
    for (const t of tokens) {
      const halls = t.hall ? [t.hall] : t.role === 'admin' ? null : [defaultHallId];
      this.byToken.set(t.token, {
        role: t.role,
        name: t.name ?? `${t.role}:${t.token.slice(-6)}`,
        halls,
        windows: t.windows ?? [],
        ...(t.role === 'approver' ? { services: t.services ?? null } : {}),
      });
    }
  }

  /** Adds a way to resolve credentials, asked after the hall file's tokens and earlier resolvers. */
  addResolver(resolver: PrincipalResolver): void {
    this.resolvers.push(resolver);
  }

  /** The caller, or undefined without credentials. An unknown token is a 401. */
  identify(ctx: Context): Principal | undefined {
    const header = ctx.req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw unauthorized('the Authorization header must be "Bearer <token>"');
      return this.principalOf(match[1]!);
    }
    for (const r of this.resolvers) {
      const value = r.cookie ? ctx.cookies.get(r.cookie) : undefined;
      if (value) return r.resolve(value);
    }
    return undefined;
  }

  /**
   * Who a credential that came another way is (a socket.io handshake: its `auth.token`, or the
   * session cookie its request carried); undefined when there is none or it is not known.
   */
  identifyCredential(token: unknown, cookieHeader: string | undefined): Principal | undefined {
    if (typeof token === 'string' && token) {
      try {
        return this.principalOf(token);
      } catch {
        return undefined;
      }
    }
    const cookies = parseCookies(cookieHeader);
    for (const r of this.resolvers) {
      const value = r.cookie ? cookies.get(r.cookie) : undefined;
      if (!value) continue;
      try {
        return r.resolve(value);
      } catch {
        // A resolver refuses a forged or ended session by throwing (a 401 over HTTP): here, nobody.
        return undefined;
      }
    }
    return undefined;
  }

  /** Requires a token with one of the roles, valid in the hall. */
  require(ctx: Context, hallId: string, roles: readonly Role[]): Principal {
    return this.authorize(this.identify(ctx), hallId, roles);
  }

  /** The same check for a token that came another way (a socket.io handshake). */
  requireToken(token: string | undefined, hallId: string, roles: readonly Role[]): Principal {
    return this.authorize(token ? this.principalOf(token) : undefined, hallId, roles);
  }

  private principalOf(token: string): Principal {
    const principal = this.byToken.get(token);
    if (principal) return principal;
    for (const r of this.resolvers) {
      const p = r.resolve(token);
      if (p) return p;
    }
    throw unauthorized('unknown token');
  }

  private authorize(p: Principal | undefined, hallId: string, roles: readonly Role[]): Principal {
    if (!p) throw unauthorized();
    if (p.halls && !p.halls.includes(hallId)) throw forbidden('wrong_hall', `this token is not for hall "${hallId}"`);
    if (!holdsRole(p, roles)) throw forbidden('wrong_role', `this needs the role ${roles.join(' or ')}; the token is ${rolesOf(p).join(', ')}`);
    return p;
  }

  /** Requires a clerk of that window (or an admin). */
  requireWindow(ctx: Context, hallId: string, windowId: string): Principal {
    const p = this.require(ctx, hallId, ['clerk', 'admin']);
    if (p.role === 'clerk' && !p.windows.includes(windowId))
      throw forbidden('wrong_window', p.windows.length ? `you act at window ${p.windows.join(', ')}, not ${windowId}` : `sign in at window ${windowId} to act there`);
    return p;
  }
}

/** Whether the caller holds one of the roles (no array made for the usual one-role caller: this runs on every request). */
function holdsRole(p: Principal, roles: readonly Role[]): boolean {
  if (!p.roles?.length) return roles.includes(p.role);
  for (const r of p.roles) if (roles.includes(r)) return true;
  return false;
}

export function rolesOf(p: Principal): Role[] {
  return p.roles?.length ? p.roles : [p.role];
}

/** Who made a command, as the log records it: the role and name, and the person when there is one. */
export function actorOf(p: Principal): Actor {
  return { role: p.role, name: p.name, ...(p.staffId ? { staffId: p.staffId, staffNumber: p.staffNumber } : {}) };
}

/** The cookies of a Cookie request header, by name (a handshake has no Koa context to read them). */
function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

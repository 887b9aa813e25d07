// Bearer tokens from the hall configuration, and the role and window checks routes ask for.
import type { Context } from 'koa';
import type { Role, TokenConfig } from '../config/schema.ts';
import type { Actor } from '../domain/types.ts';
import { forbidden, unauthorized } from './errors.ts';

export interface Principal {
  role: Role;
  name: string;
  /** Halls this token may act in; null for every hall. */
  halls: string[] | null;
  /** Windows a clerk may drive. */
  windows: string[];
}

export class Auth {
  private readonly byToken = new Map<string, Principal>();

  constructor(tokens: TokenConfig[], defaultHallId: string) {
    for (const t of tokens) {
      const halls = t.hall ? [t.hall] : t.role === 'admin' ? null : [defaultHallId];
      this.byToken.set(t.token, { role: t.role, name: t.name ?? `${t.role}:${t.token.slice(-6)}`, halls, windows: t.windows ?? [] });
    }
  }

  /** The caller, or undefined without an Authorization header. An unknown token is a 401. */
  identify(ctx: Context): Principal | undefined {
    const header = ctx.get('authorization');
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('the Authorization header must be "Bearer <token>"');
    return this.principalOf(match[1]!);
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
    if (!principal) throw unauthorized('unknown token');
    return principal;
  }

  private authorize(p: Principal | undefined, hallId: string, roles: readonly Role[]): Principal {
    if (!p) throw unauthorized();
    if (p.halls && !p.halls.includes(hallId)) throw forbidden('wrong_hall', `this token is not for hall "${hallId}"`);
    if (!roles.includes(p.role)) throw forbidden('wrong_role', `this needs the role ${roles.join(' or ')}; the token is ${p.role}`);
    return p;
  }

  /** Requires a clerk of that window (or an admin). */
  requireWindow(ctx: Context, hallId: string, windowId: string): Principal {
    const p = this.require(ctx, hallId, ['clerk', 'admin']);
    if (p.role === 'clerk' && !p.windows.includes(windowId))
      throw forbidden('wrong_window', `this clerk token is for window ${p.windows.join(', ')}, not ${windowId}`);
    return p;
  }
}

export function actorOf(p: Principal): Actor {
  return { role: p.role, name: p.name };
}

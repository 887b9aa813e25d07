// The staff feature on one server: the accounts stream engine, an attendance stream engine per
// hall, and what the core asks of them — a principal for a session token, a cookie or a device
// token — answered from the folded state, without I/O.
import type { HallRegistry } from '../engine/hall-registry.ts';
import { StreamEngine, shortId, type Clock } from '../engine/stream-engine.ts';
import type { Actor } from '../domain/types.ts';
import { own } from '../domain/own.ts';
import type { Principal, PrincipalResolver } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { accountsDecider, accountsSnapshots } from './accounts-domain.ts';
import { attendanceDecider, attendanceSnapshots } from './attendance-domain.ts';
import { DEVICE_PREFIX, hashDeviceToken } from './device-token.ts';
import { StaffError } from './errors.ts';
import { devicePrincipal, sessionPrincipal } from './principal.ts';
import { isSessionToken, readSession } from './session-token.ts';
import { deploymentStreams, streams } from '../store/streams.ts';
import { VerifiedTokens } from './verified-tokens.ts';
import type { AccountCommand, AccountEvent, AccountsState, AttendanceCommand, AttendanceEvent, AttendanceState } from './types.ts';

export type AccountsEngine = StreamEngine<AccountsState, AccountCommand, AccountEvent>;
export type AttendanceEngine = StreamEngine<AttendanceState, AttendanceCommand, AttendanceEvent>;

export const SESSION_COOKIE = 'ow_session';

export function accountsEngine(store: HallRegistry['store'], clock?: Clock): AccountsEngine {
  return new StreamEngine(deploymentStreams.staffAccounts(), store, accountsDecider, { clock, snapshots: accountsSnapshots });
}

export class Staff {
  readonly accounts: AccountsEngine;
  readonly attendance = new Map<string, AttendanceEngine>();
  /** Session tokens whose signature checked out, with their claims (verified-tokens.ts). */
  private readonly sessions = new VerifiedTokens((token) => readSession(token, this.secret));
  /** Device tokens a device was made for, with their hash: a made-up token is not kept. */
  private readonly devices = new VerifiedTokens((token) => {
    const hash = hashDeviceToken(token);
    return own(this.accounts.current.byHash, hash) ? { hash } : undefined;
  });

  constructor(
    readonly registry: HallRegistry,
    readonly secret: string,
    clock?: Clock,
  ) {
    this.accounts = accountsEngine(registry.store, clock ?? (() => registry.get(registry.defaultHallId)!.now()));
    for (const engine of registry.all())
      this.attendance.set(
        engine.hallId,
        new StreamEngine(streams.attendance(engine.hallId), registry.store, attendanceDecider, {
          clock: clock ?? (() => engine.now()),
          snapshots: attendanceSnapshots,
          newId: shortId,
        }),
      );
  }

  get streams(): string[] {
    return [this.accounts.streamId, ...[...this.attendance.values()].map((a) => a.streamId)];
  }

  async start(): Promise<void> {
    await this.accounts.start();
    for (const a of this.attendance.values()) await a.start();
  }

  async stop(): Promise<void> {
    for (const a of this.attendance.values()) await a.stop();
    await this.accounts.stop();
  }

  attendanceOf(hallId: string): AttendanceEngine {
    const a = this.attendance.get(hallId);
    if (!a) throw new ApiError(404, 'unknown_hall', `no hall "${hallId}"`);
    return a;
  }

  /** Runs an accounts command, turning the decider's refusals into API errors. */
  async account(cmd: AccountCommand, actor?: Actor) {
    return asApi(() => this.accounts.execute(cmd, actor));
  }

  async attend(hallId: string, cmd: AttendanceCommand, actor?: Actor) {
    return asApi(() => this.attendanceOf(hallId).execute(cmd, actor));
  }

  /** Ends every open session of a person in every hall (account disabled, password reset). */
  async signOutEverywhere(staffId: string, reason: 'disabled' | 'admin', actor?: Actor): Promise<void> {
    for (const hallId of this.attendance.keys()) await this.attend(hallId, { type: 'signOutPerson', staffId, reason }, actor);
  }

  /** The core's way to ask who a session or a device token is. */
  resolver(): PrincipalResolver {
    return { cookie: SESSION_COOKIE, resolve: (token) => this.resolve(token) };
  }

  resolve(token: string): Principal | undefined {
    if (token.startsWith(DEVICE_PREFIX)) {
      const known = this.devices.read(token);
      const id = known ? own(this.accounts.current.byHash, known.hash) : undefined;
      const device = id ? this.accounts.current.devices[id] : undefined;
      if (!device || device.revokedAt) throw new ApiError(401, 'unauthorized', 'unknown or revoked device token');
      return devicePrincipal(device, this.registry.defaultHallId);
    }
    if (!isSessionToken(token)) return undefined;
    const c = this.sessions.read(token);
    if (!c) throw new ApiError(401, 'unauthorized', 'this session is not valid here; sign in again');
    const hall = this.registry.get(c.hall);
    if (!hall || c.exp <= hall.now()) throw new ApiError(401, 'session_expired', 'the session ended with the day; sign in again');
    const session = this.attendance.get(c.hall)?.current.sessions[c.sid];
    if (session?.signedOutAt !== undefined) throw new ApiError(401, 'session_ended', 'signed out; sign in again');
    const a = own(this.accounts.current.accounts, c.staffId);
    if (!a || a.disabled) throw new ApiError(401, 'account_disabled', 'this account is disabled');
    if (a.passwordChangedAt > c.iat) throw new ApiError(401, 'session_ended', 'the password changed; sign in again');
    return sessionPrincipal(a, c);
  }
}

async function asApi<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StaffError) throw new ApiError(err.status, err.code, err.message);
    throw err;
  }
}

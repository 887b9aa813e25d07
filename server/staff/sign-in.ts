// Signing in: staff number and password (argon2, off the event loop), throttled per address and
// per account, locking the account after too many failures; then a signed session that ends with
// the hall's day, and an attendance event (签到) at the window or desk.
import type { Context } from 'koa';
import { serviceDayOf, nextLocalMidnight } from '../domain/service-day.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { shortId } from '../engine/stream-engine.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { accountByNumber } from './accounts-domain.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { personView } from './principal.ts';
import { signSession } from './session-token.ts';
import type { Staff } from './staff.ts';
import type { SignInThrottle } from './throttle.ts';
import type { Account } from './types.ts';

export interface SignInRequest {
  staffNumber: string;
  password: string;
  window?: string;
}

export interface SignInOptions {
  throttle: SignInThrottle;
  /** Failed sign-ins in a row that lock the account until an admin unlocks it. */
  lockAfter: number;
}

const badCredentials = () => new ApiError(401, 'bad_credentials', 'wrong staff number or password');

export async function signIn(ctx: Context, staff: Staff, engine: HallEngine, req: SignInRequest, opts: SignInOptions) {
  await opts.throttle.take(ctx, req.staffNumber);
  const a = await checkPassword(staff, req, opts);
  if (a.disabled) throw forbidden('account_disabled', 'this account is disabled; ask an administrator');
  mayWorkHere(a, engine, req.window);
  if (a.failures > 0) await staff.account({ type: 'succeedSignIn', id: a.id }, { role: 'system', name: 'sign-in' });
  await opts.throttle.succeeded(req.staffNumber);

  const now = engine.now();
  const serviceDay = serviceDayOf(now, engine.hall.timeZone);
  const session = {
    id: shortId(),
    staffId: a.id,
    staffNumber: a.staffNumber,
    name: a.name,
    ...(req.window ? { windowId: req.window } : {}),
    serviceDay,
    signedInAt: now,
    expiresAt: nextLocalMidnight(now, engine.hall.timeZone),
  };
  const actor = { role: req.window ? 'clerk' : a.roles[0]!, name: a.name, staffId: a.id, staffNumber: a.staffNumber };
  await staff.attend(engine.hallId, { type: 'signIn', session }, actor);
  const token = signSession({ sid: session.id, staffId: a.id, hall: engine.hallId, ...(req.window ? { window: req.window } : {}), exp: session.expiresAt, iat: now }, staff.secret);
  return { token, session, person: personView(a) };
}

/** The account, once the password is right; a wrong one counts towards the lock. */
async function checkPassword(staff: Staff, req: SignInRequest, opts: SignInOptions): Promise<Account> {
  let a = accountByNumber(staff.accounts.current, req.staffNumber);
  // Added a moment ago by the CLI or on another node: read the stream before saying no.
  if (!a) await staff.accounts.refresh();
  a ??= accountByNumber(staff.accounts.current, req.staffNumber);
  if (!a) {
    // The same work as a real check, so the answer's timing does not tell which numbers exist.
    await verifyPassword(await dummyHash(), req.password);
    throw badCredentials();
  }
  if (a.locked) throw forbidden('account_locked', 'too many wrong passwords: this account is locked; an administrator can unlock it');
  if (await verifyPassword(a.passwordHash, req.password)) return a;
  const { state } = await staff.account({ type: 'failSignIn', id: a.id, lockAfter: opts.lockAfter }, { role: 'system', name: 'sign-in' });
  if (state.accounts[a.id]?.locked) throw forbidden('account_locked', `${opts.lockAfter} wrong passwords in a row: this account is now locked; an administrator can unlock it`);
  throw badCredentials();
}

function mayWorkHere(a: Account, engine: HallEngine, windowId: string | undefined) {
  if (a.halls.length && !a.halls.includes(engine.hallId)) throw forbidden('wrong_hall', `this account does not work in hall "${engine.hallId}"`);
  if (windowId === undefined) return;
  if (!engine.hall.windows.some((w) => w.id === windowId)) throw notFound('unknown_window', `no window "${windowId}" in this hall`);
  if (!a.roles.includes('clerk')) throw forbidden('wrong_role', 'only a clerk signs in at a window');
}

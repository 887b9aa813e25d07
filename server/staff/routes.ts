// /api/session (sign in and out), /api/staff (accounts, by admins), /api/devices (device tokens).
import type Router from '@koa/router';
import type { Context } from 'koa';
import { own } from '../domain/own.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { actorOf, type Principal } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { badRequest, notFound, unauthorized } from '../http/errors.ts';
import { parse } from '../http/validate.ts';
import { newDeviceToken, hashDeviceToken } from './device-token.ts';
import { hashPassword } from './password.ts';
import { accountView, deviceView, personView } from './principal.ts';
import { addDeviceBody, addStaffBody, editStaffBody, passwordBody, signInBody } from './schemas.ts';
import { signIn, type SignInOptions } from './sign-in.ts';
import { SESSION_COOKIE, type Staff } from './staff.ts';

export function sessionRoutes(staff: Staff, opts: SignInOptions) {
  return (router: Router, deps: AppDeps) => {
    router.post('/session', async (ctx) => {
      const engine = hallOf(ctx, deps);
      const body = parse(signInBody, await readJson(ctx));
      const { token, session, person } = await signIn(ctx, staff, engine, body, opts);
      // httpOnly: page scripts never see it; Strict: no other site's page sends it; Secure behind TLS.
      ctx.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: ctx.secure, expires: new Date(session.expiresAt), path: '/', overwrite: true });
      ctx.status = 201;
      ctx.body = { token, expiresAt: session.expiresAt, sessionId: session.id, window: session.windowId ?? null, person };
    });

    router.get('/session', (ctx) => {
      const engine = hallOf(ctx, deps);
      const p = signedIn(ctx, deps);
      const s = staff.attendanceOf(hallOfSession(p, engine)).current.sessions[p.sessionId!];
      const a = own(staff.accounts.current.accounts, p.staffId!)!;
      ctx.body = { person: personView(a), window: p.windows[0] ?? null, role: p.role, expiresAt: s?.expiresAt ?? null, sessionId: p.sessionId };
    });

    router.delete('/session', async (ctx) => {
      const engine = hallOf(ctx, deps);
      const p = signedIn(ctx, deps);
      await staff.attend(hallOfSession(p, engine), { type: 'signOut', sessionId: p.sessionId!, reason: 'person' }, actorOf(p));
      ctx.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure: ctx.secure, expires: new Date(0), path: '/', overwrite: true });
      ctx.status = 204;
    });

    /** Public: who serves at each window (name and 工号, as halls show them), for the window displays. */
    router.get('/staff/on-duty', (ctx) => {
      const engine = hallOf(ctx, deps);
      ctx.body = { windows: onDuty(staff, engine.hallId) };
    });
  };
}

function signedIn(ctx: Context, deps: AppDeps): Principal {
  const p = deps.auth.identify(ctx);
  if (!p?.sessionId || !p.staffId) throw unauthorized('sign in first: this needs a staff session, not a device token');
  return p;
}

/** The session's hall: the one it was signed in at (a window session names it), else the request's. */
function hallOfSession(p: Principal, engine: HallEngine): string {
  return p.windows.length && p.halls?.length === 1 ? p.halls[0]! : engine.hallId;
}

export function onDuty(staff: Staff, hallId: string): Record<string, { name: string; staffNumber: string; photo?: string }> {
  const att = staff.attendanceOf(hallId).current;
  const out: Record<string, { name: string; staffNumber: string; photo?: string }> = {};
  for (const [windowId, sid] of Object.entries(att.atWindow)) {
    const s = att.sessions[sid];
    const a = s ? own(staff.accounts.current.accounts, s.staffId) : undefined;
    if (s && a) out[windowId] = { name: a.name, staffNumber: a.staffNumber, ...(a.photo ? { photo: a.photo } : {}) };
  }
  return out;
}

export function staffAdminRoutes(staff: Staff) {
  return (router: Router, deps: AppDeps) => {
    const admin = (ctx: Context) => deps.auth.require(ctx, hallOf(ctx, deps).hallId, ['admin']);
    const accountId = (ctx: Context) => {
      const a = own(staff.accounts.current.accounts, String(ctx.params.id));
      if (!a) throw notFound('unknown_staff', `no staff account "${ctx.params.id}"`);
      return a.id;
    };

    router.get('/staff', async (ctx) => {
      admin(ctx);
      await staff.accounts.refresh();
      const list = Object.values(staff.accounts.current.accounts).sort((a, b) => a.staffNumber.localeCompare(b.staffNumber));
      ctx.body = { staff: list.map(accountView) };
    });

    router.post('/staff', async (ctx) => {
      const p = admin(ctx);
      const body = parse(addStaffBody, await readJson(ctx));
      checkHalls(deps, body.halls);
      // argon2 before decide: the decider stays pure and the hash is what the log keeps.
      const { password, ...fields } = body;
      const { events, state } = await staff.account({ type: 'add', ...fields, passwordHash: await hashPassword(password) }, actorOf(p));
      ctx.status = 201;
      ctx.body = accountView(state.accounts[(events[0]!.data as { account: { id: string } }).account.id]!);
    });

    router.patch('/staff/:id', async (ctx) => {
      const p = admin(ctx);
      const id = accountId(ctx);
      const body = parse(editStaffBody, await readJson(ctx));
      if (body.halls) checkHalls(deps, body.halls);
      const { state } = await staff.account({ type: 'edit', id, changes: body }, actorOf(p));
      ctx.body = accountView(state.accounts[id]!);
    });

    const action = (name: string, run: (id: string, p: Principal, ctx: Context) => Promise<unknown>) =>
      router.post(`/staff/:id/${name}`, async (ctx) => {
        const p = admin(ctx);
        const id = accountId(ctx);
        await run(id, p, ctx);
        ctx.body = accountView(staff.accounts.current.accounts[id]!);
      });
    action('disable', async (id, p) => {
      await staff.account({ type: 'disable', id }, actorOf(p));
      await staff.signOutEverywhere(id, 'disabled', actorOf(p));
    });
    action('enable', (id, p) => staff.account({ type: 'enable', id }, actorOf(p)));
    action('unlock', (id, p) => staff.account({ type: 'unlock', id }, actorOf(p)));
    action('sign-out', (id, p) => staff.signOutEverywhere(id, 'admin', actorOf(p)));
    action('password', async (id, p, ctx) => {
      const body = parse(passwordBody, await readJson(ctx));
      await staff.account({ type: 'setPassword', id, passwordHash: await hashPassword(body.password) }, actorOf(p));
    });
  };
}

function checkHalls(deps: AppDeps, halls: string[]) {
  for (const h of halls) if (!deps.registry.get(h)) throw badRequest('unknown_hall', `no hall "${h}"`);
}

export function deviceRoutes(staff: Staff) {
  return (router: Router, deps: AppDeps) => {
    const admin = (ctx: Context) => deps.auth.require(ctx, hallOf(ctx, deps).hallId, ['admin']);

    router.get('/devices', async (ctx) => {
      admin(ctx);
      await staff.accounts.refresh();
      ctx.body = { devices: Object.values(staff.accounts.current.devices).map(deviceView) };
    });

    router.post('/devices', async (ctx) => {
      const p = admin(ctx);
      const body = parse(addDeviceBody, await readJson(ctx));
      if (body.hall) checkHalls(deps, [body.hall]);
      const token = newDeviceToken();
      const { events, state } = await staff.account({ type: 'addDevice', ...body, hash: hashDeviceToken(token) }, actorOf(p));
      const id = (events[0]!.data as { device: { id: string } }).device.id;
      ctx.status = 201;
      // The only time the token is shown: the log keeps its hash.
      ctx.body = { device: deviceView(state.devices[id]!), token };
    });

    router.post('/devices/:id/revoke', async (ctx) => {
      const p = admin(ctx);
      const { state } = await staff.account({ type: 'revokeDevice', id: String(ctx.params.id) }, actorOf(p));
      ctx.body = { device: deviceView(state.devices[String(ctx.params.id)]!) };
    });
  };
}

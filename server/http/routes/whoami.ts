// GET /whoami: who a token or sign-in session is in this hall, so a console can refuse a wrong
// token at its sign-in form (another window's clerk token at /clerk/3, a typo at /kiosk) instead of
// showing the console and failing at the first press. Answers only what the caller already holds.
import type Router from '@koa/router';
import { rolesOf } from '../auth.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { hallOf, type AppDeps } from '../context.ts';

export function whoamiRoutes(router: Router, deps: AppDeps) {
  router.get('/whoami', (ctx) => {
    const engine = hallOf(ctx, deps);
    const p = deps.auth.identify(ctx);
    if (!p) throw unauthorized('a bearer token or a sign-in session is required');
    if (p.halls && !p.halls.includes(engine.hallId)) throw forbidden('wrong_hall', `this token is not for hall "${engine.hallId}"`);
    ctx.body = {
      hall: engine.hallId,
      role: p.role,
      roles: rolesOf(p),
      name: p.name,
      windows: p.windows,
      ...(p.desk ? { desk: p.desk } : {}),
      ...(p.services !== undefined ? { services: p.services } : {}),
      ...(p.staffNumber ? { staffNumber: p.staffNumber } : {}),
      session: !!p.sessionId,
    };
  });
}

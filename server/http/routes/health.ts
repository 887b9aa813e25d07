// Health: the public answer says up or degraded, nothing else (a load balancer needs no more, and
// printer addresses, store kind and halls are a map of the hall's network). The details are for
// an admin token: GET /healthz?details or GET /api/health.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { streams } from '../../store/streams.ts';
import type { AppDeps } from '../context.ts';

export type HealthContributions = (() => Record<string, unknown>)[];

export function healthRoutes(router: Router, deps: AppDeps, contributions: HealthContributions = []) {
  const storeStatus = async (): Promise<'ok' | 'unavailable'> => {
    try {
      await deps.registry.store.lastSeq(streams.hall(deps.registry.defaultHallId));
      return 'ok';
    } catch {
      return 'unavailable';
    }
  };
  const details = async (ctx: Context) => {
    deps.auth.require(ctx, deps.registry.defaultHallId, ['admin']);
    const store = await storeStatus();
    const extra = Object.assign({}, ...contributions.map((h) => h()));
    ctx.status = store === 'ok' ? 200 : 503;
    ctx.body = {
      status: store === 'ok' ? 'ok' : 'degraded',
      store,
      storeKind: deps.registry.store.kind,
      halls: deps.registry.all().map((e) => e.hallId),
      ...(deps.admission ? { load: { ...deps.admission.load, refused: deps.admission.refused } } : {}),
      ...(deps.slowConsumers ? { slowConsumersDropped: deps.slowConsumers.dropped } : {}),
      ...extra,
    };
  };

  // Liveness: up or degraded (the store). An overloaded node is alive (restarting it would throw
  // every display into a reconnect storm): it says so in `load`, and /readyz takes it out of rotation.
  router.get('/healthz', async (ctx) => {
    if (ctx.query.details !== undefined) return details(ctx);
    const store = await storeStatus();
    const load = deps.admission?.load.level ?? 'ok';
    ctx.status = store === 'ok' ? 200 : 503;
    ctx.body = { status: store === 'ok' ? 'ok' : 'degraded', ...(load === 'ok' ? {} : { load }) };
  });
  // Readiness: should a load balancer send this node new requests? Not while it sheds load or its store is away.
  router.get('/readyz', async (ctx) => {
    if (deps.admission && deps.admission.load.level !== 'ok') return deps.admission.answerOverloaded(ctx);
    const store = await storeStatus();
    ctx.status = store === 'ok' ? 200 : 503;
    ctx.body = { status: store === 'ok' ? 'ready' : 'degraded' };
  });
  router.get('/api/health', details);
}

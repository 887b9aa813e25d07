// Health: the public answer says up or degraded, nothing else (a load balancer needs no more, and
// printer addresses, store kind and halls are a map of the hall's network). The details are for
// an admin token: GET /healthz?details or GET /api/health.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { streams } from '../../store/streams.ts';
import type { AppDeps } from '../context.ts';
import { ReadinessLog } from '../readiness.ts';

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
  // A node whose clock runs ahead of the store's beyond the bound has every change refused
  // (503 clock_skew): degraded, so a load balancer sends the hall's clerks to the other nodes.
  const clockAhead = () => deps.clockOffset?.reading()?.status === 'ahead';
  const details = async (ctx: Context) => {
    deps.auth.require(ctx, deps.registry.defaultHallId, ['admin']);
    const store = await storeStatus();
    const extra = Object.assign({}, ...contributions.map((h) => h()));
    const ok = store === 'ok' && !clockAhead();
    ctx.status = ok ? 200 : 503;
    ctx.body = {
      status: ok ? 'ok' : 'degraded',
      store,
      ...(deps.clockOffset && { clock: deps.clockOffset.reading() ?? null }),
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
    const ok = store === 'ok' && !clockAhead();
    const load = deps.admission?.load.level ?? 'ok';
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'degraded', ...(load === 'ok' ? {} : { load }) };
  });
  // Readiness: should a load balancer send this node new requests? Not while it sheds load, its
  // store is away or its clock runs ahead of the store's (its appends are refused).
  const readiness = new ReadinessLog(deps.log.child({ component: 'readiness' }));
  router.get('/readyz', async (ctx) => {
    const load = deps.admission?.load;
    if (deps.admission && load && load.level !== 'ok') {
      readiness.answered(load.level, { lagMs: load.lagMs, heapRatio: load.heapRatio });
      return deps.admission.answerOverloaded(ctx);
    }
    const store = await storeStatus();
    const clock = deps.clockOffset?.reading();
    const state = store !== 'ok' ? 'store_unavailable' : clockAhead() ? 'clock_ahead' : 'ready';
    readiness.answered(state, state === 'clock_ahead' && clock ? { offsetMs: clock.offsetMs, maxAheadMs: clock.maxAheadMs } : {});
    ctx.status = state === 'ready' ? 200 : 503;
    ctx.body = { status: state === 'ready' ? 'ready' : 'degraded' };
  });
  router.get('/api/health', details);
}

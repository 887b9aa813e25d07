// Hall information and the public state snapshot; the list of halls for an admin.
import type Router from '@koa/router';
import { hallSnapshot } from '../../domain/public-view.ts';
import type { HallConfig } from '../../domain/types.ts';
import { hallOf, type AppDeps } from '../context.ts';

export function hallInfo(hall: HallConfig) {
  return {
    id: hall.id,
    name: hall.name,
    timeZone: hall.timeZone,
    notice: hall.notice,
    lanes: hall.lanes,
    policy: hall.policy,
    services: hall.services.map((s) => ({
      id: s.id,
      prefix: s.prefix,
      name: s.name,
      targetWaitMinutes: s.targetWaitMinutes,
      materials: s.materials,
    })),
    windows: hall.windows.map((w) => ({
      id: w.id,
      number: w.number,
      name: w.name,
      services: w.services,
      lanes: w.lanes ?? hall.lanes,
      prefersLane: w.prefersLane,
    })),
  };
}

/**
 * hallInfo as sent, per hall: an engine's hall never changes while it runs, and a big hall's
 * description (200 windows) took ~0.4 ms a request to build and serialize.
 */
const hallInfoJson = new WeakMap<HallConfig, string>();

export function hallRoutes(router: Router, deps: AppDeps) {
  router.get('/hall', (ctx) => {
    const hall = hallOf(ctx, deps).hall;
    let json = hallInfoJson.get(hall);
    if (json === undefined) hallInfoJson.set(hall, (json = JSON.stringify(hallInfo(hall))));
    ctx.type = 'json';
    ctx.body = json;
  });
  router.get('/state', (ctx) => {
    const engine = hallOf(ctx, deps);
    ctx.body = hallSnapshot(engine.current, engine.hall, engine.now(), engine.forecast());
  });
}

/** `GET /api/halls`: every hall of the deployment with its live counts (admin). */
export function hallListRoutes(router: Router, deps: AppDeps) {
  router.get('/halls', (ctx) => {
    deps.auth.require(ctx, deps.registry.defaultHallId, ['admin']);
    ctx.body = {
      halls: deps.registry.all().map((e) => {
        const snap = hallSnapshot(e.current, e.hall, e.now(), e.forecast());
        return { id: e.hallId, name: e.hall.name, serviceDay: snap.serviceDay, counts: snap.counts };
      }),
    };
  });
}

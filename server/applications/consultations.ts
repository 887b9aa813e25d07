// POST /api/consultations: the triage desk logs a phone consultation (电话咨询) with one key,
// service and minutes, as an event on the hall's applications stream (the figures the hall publishes).
import type Router from '@koa/router';
import { z } from 'zod';
import { readJson } from '../http/body.ts';
import { hallOf, type AppDeps } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { parse } from '../http/validate.ts';
import { run, today, type ApplicationsContext } from './access.ts';

export const consultationBody = z.object({ service: z.string().min(1).max(32), minutes: z.number().int().min(1).max(240) });

export function consultationRoutes(app: ApplicationsContext) {
  return (router: Router, deps: AppDeps) => {
    router.post('/consultations', async (ctx) => {
      const engine = hallOf(ctx, deps);
      const p = deps.auth.require(ctx, engine.hallId, ['triage', 'admin']);
      const body = parse(consultationBody, await readJson(ctx));
      if (!engine.hall.services.some((s) => s.id === body.service)) throw new ApiError(400, 'unknown_service', `no service "${body.service}" in this hall`);
      const desk = app.deskOf(engine);
      const { events } = await run(desk, { type: 'logConsultation', serviceId: body.service, minutes: body.minutes, day: today(engine, desk), by: p.name }, p);
      const logged = events.find((e) => e.type === 'consultation:logged');
      ctx.status = 201;
      ctx.body = logged?.type === 'consultation:logged' ? logged.data.consultation : undefined;
    });
  };
}

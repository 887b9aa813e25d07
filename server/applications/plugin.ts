// The applications feature: an applications stream per hall, the window's registration with its
// printed receipt, the back office's and pickup window's routes, and the `applications` service
// whose onReady tells later features (a notification port) when a result is ready.
import type { HallEngine } from '../engine/hall-engine.ts';
import { StreamEngine, type Clock, type Stored } from '../engine/stream-engine.ts';
import type { Feature } from '../feature.ts';
import { streams } from '../store/streams.ts';
import type { EventStore } from '../store/port.ts';
import type { Logger } from '../log.ts';
import type { ApplicationDesk } from './access.ts';
import { applicationDecider, applicationSnapshots } from './domain.ts';
import { applicationsOpenApiPaths } from './openapi.ts';
import { registerRoutes } from './register-route.ts';
import { applicationRoutes } from './routes.ts';
import { consultationRoutes } from './consultations.ts';
import { periodFigures } from './figures.ts';
import { readyNotice } from './ready-notice.ts';
import type { Application, ApplicationEvent } from './types.ts';

/** A result is ready (approved, or refused and to be collected): what a notification port tells the visitor. */
export type ReadyListener = (hallId: string, application: Application) => void;

export interface ApplicationsService {
  forHall(hallId: string): ApplicationDesk | undefined;
  /** Called after each approval or refusal appended on this node; returns the unsubscribe. */
  onReady(listener: ReadyListener): () => void;
}

declare module '../feature.ts' {
  interface FeatureServices {
    applications: ApplicationsService;
  }
}

/** One hall's applications stream, started, telling the ready listeners of each approval or refusal. */
async function startDesk(engine: HallEngine, store: EventStore, hallLog: Logger, ready: Set<ReadyListener>, clock?: Clock): Promise<ApplicationDesk> {
  const desk: ApplicationDesk = new StreamEngine(streams.applications(engine.hallId), store, applicationDecider, {
    clock: clock ?? (() => engine.now()),
    snapshots: applicationSnapshots,
    log: hallLog,
  });
  await desk.start();
  desk.onEach((e: Stored<ApplicationEvent>, state) => {
    if (e.type !== 'application:approved' && e.type !== 'application:refused') return;
    const a = state.applications[e.data.applicationId];
    for (const l of ready)
      try {
        if (a) l(engine.hallId, a);
      } catch (err) {
        hallLog.error({ err, seq: e.seq }, 'an onReady listener failed');
      }
  });
  return desk;
}

export function applicationsPlugin(options: { clock?: Clock; pickupService?: string } = {}): Feature {
  return {
    name: 'applications',
    async start({ registry, services, log }) {
      const kb = services.optional('knowledgeBase');
      const printing = services.optional('printing');
      const desks = new Map<string, ApplicationDesk>();
      const ready = new Set<ReadyListener>();
      const stop = async () => {
        for (const d of desks.values()) await d.stop();
      };
      try {
        for (const engine of registry.all()) desks.set(engine.hallId, await startDesk(engine, registry.store, log.child({ hall: engine.hallId }), ready, options.clock));
      } catch (err) {
        await stop();
        throw err;
      }
      // The visitor who left a phone is told when the result can be collected (notification port).
      const notifications = services.optional('notifications');
      if (notifications) ready.add(readyNotice(notifications, registry, log));
      services.provide('applications', {
        forHall: (hallId) => desks.get(hallId),
        onReady: (l) => (ready.add(l), () => ready.delete(l)),
      });
      services.provide('applicationFigures', {
        async range(hallId, from, to) {
          const desk = desks.get(hallId);
          if (!desk) return undefined;
          await desk.refresh(); // include what another node appended
          return periodFigures(desk.current, registry.get(hallId)!.hall.timeZone, from, to);
        },
      });
      const app = { deskOf: (engine: HallEngine) => desks.get(engine.hallId)!, pickupService: options.pickupService ?? 'pickup', kb, printing };
      return {
        rootRoutes: [registerRoutes(app)],
        hallRoutes: [applicationRoutes(app), consultationRoutes(app)],
        openApiPaths: applicationsOpenApiPaths(),
        streams: [...desks.values()].map((d) => d.streamId),
        stop,
      };
    },
  };
}

// The ratings feature (好差评): a ratings stream per hall, the routes to rate from the window's
// rating device and the visitor's status page, the ratings report, the `satisfaction` figures for
// the metrics, and the follow-up case of a bad rating (the cases feature's `caseDesk`, when it runs).
import type { Case } from '../cases/types.ts';
import type { Feature, FeatureServices } from '../feature.ts';
import type { HallRegistry } from '../engine/hall-registry.ts';
import type { Logger } from '../log.ts';
import type { EventStore } from '../store/port.ts';
import { StreamEngine, type Clock } from '../engine/stream-engine.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { streams } from '../store/streams.ts';
import type { SatisfactionSource } from '../metrics/satisfaction.ts';
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import { ratingsConfigOf } from './config.ts';
import { ratingDecider, ratingSnapshots } from './domain.ts';
import { tallyRatings } from './figures.ts';
import { HallRatings } from './hall-ratings.ts';
import { ratingsOpenApiPaths } from './openapi.ts';
import { deviceRoutes, ratingRoutes } from './routes.ts';
import { ratingPageRoutes } from './pages.ts';

export interface RatingsPluginOptions {
  clock?: Clock;
}

export function ratingsPlugin(options: RatingsPluginOptions = {}): Feature {
  return {
    name: 'ratings',
    async start({ registry, log, services }) {
      const caseDesk = services.optional('caseDesk');
      // The follow-up's deadline goes to the hall's staff phones (notifications: followUpDue), when that feature runs.
      const notifications = services.optional('notifications');
      const halls = await startHalls(registry, (engine) => {
        const hallLog = log.child({ hall: engine.hallId });
        return startHallRatings(engine, registry.store, { clock: options.clock, caseDesk, notifications, log: hallLog });
      });
      services.provide('satisfaction', satisfactionOf(halls));
      const ratingsOf = (engine: HallEngine) => halls.get(engine.hallId)!;
      return {
        hallRoutes: [ratingRoutes(ratingsOf)],
        rootRoutes: [deviceRoutes(ratingsOf), ratingPageRoutes],
        openApiPaths: ratingsOpenApiPaths(),
        streams: [...halls.values()].map((h) => h.desk.streamId),
        stop: () => stopHalls(halls),
      };
    },
  };
}

async function stopHalls(halls: ReadonlyMap<string, HallRatings>): Promise<void> {
  for (const h of halls.values()) await h.desk.stop();
}

/**
 * Starts every hall's ratings in turn and sweeps its due follow-ups; when one fails, the ones already
 * started (the failing hall too, once its stream runs) are stopped.
 */
async function startHalls(registry: HallRegistry, startOne: (engine: HallEngine) => Promise<HallRatings>): Promise<Map<string, HallRatings>> {
  const halls = new Map<string, HallRatings>();
  try {
    for (const engine of registry.all()) {
      const h = await startOne(engine);
      halls.set(engine.hallId, h);
      await h.sweepFollowUps();
    }
  } catch (err) {
    await stopHalls(halls);
    throw err;
  }
  return halls;
}

interface HallRatingsParts {
  clock: Clock | undefined;
  caseDesk: FeatureServices['caseDesk'] | undefined;
  notifications: FeatureServices['notifications'] | undefined;
  log: Logger;
}

/** One hall's ratings, its stream started. */
async function startHallRatings(engine: HallEngine, store: EventStore, { clock, caseDesk, notifications, log }: HallRatingsParts): Promise<HallRatings> {
  const config = ratingsConfigOf(engine.hall);
  const desk = new StreamEngine(streams.ratings(engine.hallId), store, ratingDecider(config), {
    clock: clock ?? (() => engine.now()),
    snapshots: ratingSnapshots,
    log,
  });
  await desk.start();
  const tellManager = notifications
    ? (k: Case) =>
        notifications.notifyStaff(engine.hallId, {
          template: 'followUpDue',
          key: `followUpDue:${k.id}`,
          params: { case: `${k.number} ${k.problem}`, due: k.dueAt === undefined ? '' : localDateTime(k.dueAt, engine.hall.timeZone) },
        })
    : undefined;
  return new HallRatings(engine.hall, config, desk, store, caseDesk, log, tellManager);
}

/** The `satisfaction` figures the metrics read: today's, a date range's, and when they change. */
function satisfactionOf(halls: ReadonlyMap<string, HallRatings>): SatisfactionSource {
  return {
    today: (hallId) => {
      const h = halls.get(hallId);
      return h && tallyRatings(h.today(h.desk.now()), h.hall.timeZone);
    },
    range: async (hallId, from, to) => {
      const h = halls.get(hallId);
      if (!h) return undefined;
      const tz = h.hall.timeZone;
      return tallyRatings(await h.finishedBetween(localToEpoch(from, 0, tz), localToEpoch(addDays(to, 1), 0, tz)), tz);
    },
    onChange: (hallId, listener) => halls.get(hallId)?.desk.onEvents(() => listener()) ?? (() => {}),
    showOnWall: (hallId) => halls.get(hallId)?.config.showOnWall ?? false,
  };
}

/** "2026/11/30 24:00"-style local time of the deadline, as the manager reads it. */
function localDateTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

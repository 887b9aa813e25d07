// The visitor-data purge: a hall whose file says `privacy: { visitorDataDays: N }` keeps visitors'
// details in its log for N local days; every night (checked hourly, and at start) the events of
// earlier days are rewritten without them through the store's rewriteBefore. The hall's state holds
// the current service day only, so its snapshots never hold purged data. Bookings over by then are
// masked through their own stream (Appointments.purgePersonalData), cases opened by then through
// the case desk's (caseDesk.purgePersonalData). Owns no stream.
import { addDays, localToEpoch } from '../appointments/local-time.ts';
import { localDate } from '../domain/resident-id.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { AppointmentsService } from '../appointments/plugin.ts';
import type { CaseDeskService } from '../cases/plugin.ts';
import type { Feature } from '../feature.ts';
import type { Logger } from '../log.ts';
import type { EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import { withoutVisitor } from './scrub.ts';

const CHECK_MS = 60 * 60 * 1000;

export interface PrivacyService {
  /** Purges one hall now: the number of events rewritten (0 without a privacy setting). */
  purge(hallId: string): Promise<number>;
}

declare module '../feature.ts' {
  interface FeatureServices {
    privacy: PrivacyService;
  }
}

/** The first instant kept: local midnight `days` days before the hall's today. */
export function purgeCutoff(now: number, timeZone: string, days: number): number {
  return localToEpoch(addDays(localDate(new Date(now), timeZone), -days), 0, timeZone);
}

/** The features whose own streams keep visitor data too, when they run. */
interface PurgedFeatures {
  appointments: AppointmentsService | undefined;
  caseDesk: CaseDeskService | undefined;
}

async function purgeHall(engine: HallEngine, store: EventStore, log: Logger, features: PurgedFeatures): Promise<number> {
  const days = engine.hall.privacy?.visitorDataDays;
  if (!days) return 0;
  const cutoff = purgeCutoff(engine.now(), engine.hall.timeZone, days);
  const bookings = (await features.appointments?.forHall(engine.hallId)?.purgePersonalData(cutoff)) ?? 0;
  const cases = (await features.caseDesk?.purgePersonalData(engine.hallId, cutoff)) ?? 0;
  // A hall snapshot of an older format (saved before this node's upgrade, maybe days ago) may hold
  // visitors' details: deleted. Today's format holds the current day only.
  await engine.deleteOlderSnapshots();
  return bookings + cases + (await purgeHallStream(engine, store, log, cutoff));
}

async function purgeHallStream(engine: HallEngine, store: EventStore, log: Logger, cutoff: number): Promise<number> {
  if (!store.rewriteBefore) {
    log.warn({ hall: engine.hallId }, `the ${store.kind} store cannot rewrite events: visitor data is not purged`);
    return 0;
  }
  const changed = await store.rewriteBefore(streams.hall(engine.hallId), cutoff, withoutVisitor);
  if (changed) log.info({ hall: engine.hallId, changed, cutoff }, 'visitor data purged');
  return changed;
}

export function privacyPlugin(options: { checkMs?: number } = {}): Feature {
  return {
    name: 'privacy',
    start({ registry, log, services }) {
      const lastRun = new Map<string, string>();
      // Bookings and cases keep names and phones too: purged with the hall when their features run (they start earlier).
      const features: PurgedFeatures = { appointments: services.optional('appointments'), caseDesk: services.optional('caseDesk') };
      const purge = async (hallId: string) => {
        const engine = registry.get(hallId);
        if (!engine) throw new Error(`no hall "${hallId}"`);
        return purgeHall(engine, registry.store, log, features);
      };
      const nightly = async () => {
        for (const engine of registry.all()) {
          const today = localDate(new Date(engine.now()), engine.hall.timeZone);
          if (lastRun.get(engine.hallId) === today) continue;
          lastRun.set(engine.hallId, today);
          await purgeHall(engine, registry.store, log, features).catch((err) => log.error({ err, hall: engine.hallId }, 'visitor data purge failed; tried again tomorrow'));
        }
      };
      services.provide('privacy', { purge });
      void nightly();
      const timer = setInterval(() => void nightly(), options.checkMs ?? CHECK_MS);
      timer.unref();
      return { stop: () => clearInterval(timer) };
    },
  };
}

// The appointments feature: one Appointments per hall that has an `appointments:` block, its routes
// and OpenAPI paths, and the `appointments` service (the day's figures) for later features.
import type { Context } from 'koa';
import type { Feature } from '../feature.ts';
import { hallOf } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import type { Clock } from '../engine/stream-engine.ts';
import { Appointments } from './appointments.ts';
import { appointmentsOpenApiPaths } from './openapi.ts';
import type { BookingConfirmation } from './confirmation.ts';
import { appointmentRoutes } from './routes.ts';

/** The halls' appointment books on one server. */
export interface AppointmentsService {
  /** Undefined for a hall that takes no appointments. */
  forHall(hallId: string): Appointments | undefined;
}

declare module '../feature.ts' {
  interface FeatureServices {
    appointments: AppointmentsService;
  }
}

export interface AppointmentsPluginOptions {
  /** The clock for bookings, check-in and no-shows; the hall engine's clock when absent. */
  clock?: Clock;
  /** The confirmation step of public bookings; the hall file's `confirmation:` block when absent. */
  confirmation?: BookingConfirmation;
  /** Key of the hashes of client addresses and SMS codes; the same on every node (env CLIENT_HASH_KEY). */
  hashKey?: string;
}

export function appointmentsPlugin(options: AppointmentsPluginOptions = {}): Feature {
  return {
    name: 'appointments',
    async start({ registry, deps, services, env, log }) {
      // Check-in prints the ticket when the ticket-printer feature started before this one.
      const printing = services.optional('printing');
      // The verification code goes through the notification port when a hall enables it there.
      const notifications = services.optional('notifications');
      const halls = new Map<string, Appointments>();
      const stop = async () => {
        for (const a of halls.values()) await a.stop();
      };
      try {
        for (const engine of registry.all()) {
          const cfg = engine.hall.appointments;
          if (!cfg) continue;
          const a = new Appointments(
            engine,
            cfg,
            registry.store,
            options.clock ?? (() => engine.now()),
            { hashKey: options.hashKey ?? env.CLIENT_HASH_KEY, confirmation: options.confirmation ?? notifications?.bookingConfirmation(engine.hallId) },
            log.child({ hall: engine.hallId }),
          );
          await a.start();
          halls.set(engine.hallId, a);
        }
      } catch (err) {
        await stop();
        throw err;
      }
      services.provide('appointments', { forHall: (hallId) => halls.get(hallId) });
      const of = (ctx: Context) => {
        const engine = hallOf(ctx, deps);
        const a = halls.get(engine.hallId);
        if (!a) throw notFound('no_appointments', `hall "${engine.hallId}" takes no appointments`);
        return a;
      };
      return {
        hallRoutes: [appointmentRoutes(of, printing)],
        openApiPaths: appointmentsOpenApiPaths(),
        streams: [...halls.values()].map((a) => a.stream.streamId),
        stop,
      };
    },
  };
}

// The appointments plug-in: one Appointments per hall that has an `appointments:` block.
import type { Context } from 'koa';
import { hallOf } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import type { ServerPlugin } from '../server.ts';
import type { Clock } from '../engine/stream-engine.ts';
import { Appointments } from './appointments.ts';
import type { BookingConfirmation } from './confirmation.ts';
import { appointmentRoutes } from './routes.ts';
import { registerAppointments } from '../hall-services/figures.ts';

export interface AppointmentsPluginOptions {
  /** The clock for bookings, check-in and no-shows; the hall engine's clock when absent. */
  clock?: Clock;
  /** The confirmation step of public bookings; the hall file's `confirmation:` block when absent. */
  confirmation?: BookingConfirmation;
  /** Key of the hashes of client addresses and SMS codes; the same on every node (env CLIENT_HASH_KEY). */
  hashKey?: string;
}

export function appointmentsPlugin(options: AppointmentsPluginOptions = {}): ServerPlugin {
  return async ({ registry, deps }) => {
    const halls = new Map<string, Appointments>();
    for (const engine of registry.all()) {
      const cfg = engine.hall.appointments;
      if (!cfg) continue;
      const a = new Appointments(engine, cfg, registry.store, options.clock ?? (() => engine.now()), {
        hashKey: options.hashKey ?? process.env.CLIENT_HASH_KEY,
        confirmation: options.confirmation,
      });
      await a.start();
      halls.set(engine.hallId, a);
      registerAppointments(engine, a);
    }
    const of = (ctx: Context) => {
      const engine = hallOf(ctx, deps);
      const a = halls.get(engine.hallId);
      if (!a) throw notFound('no_appointments', `hall "${engine.hallId}" takes no appointments`);
      return a;
    };
    return {
      hallRoutes: [appointmentRoutes(of)],
      close: async () => {
        for (const a of halls.values()) {
          registerAppointments(a.hall, undefined);
          await a.stop();
        }
      },
    };
  };
}

// The staff feature: accounts and device tokens (deployment-wide stream), sign-in sessions and
// attendance (a stream per hall), the principal resolver the core's Auth asks, the window displays'
// name and 工号 line, and the attendance report.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../engine/stream-engine.ts';
import { FeatureStartError, type Feature } from '../feature.ts';
import type { RealtimeGateway } from '../realtime/gateway.ts';
import { attendanceRoutes } from './attendance-routes.ts';
import { seedDemoAccounts, sessionSecretProblem, staffProductionProblems } from './demo.ts';
import { staffOpenApiPaths } from './openapi.ts';
import { deviceRoutes, onDuty, sessionRoutes, staffAdminRoutes } from './routes.ts';
import { Staff } from './staff.ts';
import { DEFAULT_THROTTLE, SignInThrottle, type ThrottleConfig } from './throttle.ts';

export interface StaffService {
  /** Unsafe things for production (demo accounts still enabled), each saying how to fix it. */
  productionProblems(): string[];
  /** The feature itself, for tests and tools. */
  staff: Staff;
}

declare module '../feature.ts' {
  interface FeatureServices {
    staff: StaffService;
  }
}

export interface StaffOptions {
  clock?: Clock;
  /** Wrong passwords in a row that lock an account (default 5). */
  lockAfter?: number;
  throttle?: Partial<ThrottleConfig>;
}

export function staffPlugin(options: StaffOptions = {}): Feature {
  return {
    name: 'staff',
    async start({ registry, env, services, log }) {
      const problem = sessionSecretProblem(env);
      if (problem) throw new FeatureStartError(problem);
      // Without SESSION_SECRET (demo mode) sessions are signed with a per-process secret: they do not
      // survive a restart and other nodes cannot verify them.
      const secret = env.SESSION_SECRET ?? randomBytes(32).toString('base64url');
      const staff = new Staff(registry, secret, options.clock);
      const offs: (() => void)[] = [];
      const stop = async () => {
        for (const off of offs) off();
        await staff.stop();
      };
      try {
        await staff.start();
        if (env.NODE_ENV !== 'production') await seedDemoAccounts(staff, registry.all()[0]!.hall);
        else {
          // Accounts live in the store, not the hall file: production refuses what demo mode left there.
          const unsafe = staffProductionProblems(staff.accounts.current);
          if (unsafe.length) throw new FeatureStartError(unsafe.join('\n'));
        }
        for (const engine of registry.all()) {
          // Sessions end with the day: the hall's own midnight timer starts the new day.
          const endDay = (serviceDay: string) => void staff.attend(engine.hallId, { type: 'endDay', serviceDay }, { role: 'system', name: 'end of day' }).catch((err) => log.error({ err, hall: engine.hallId }, 'ending the day’s sessions failed'));
          offs.push(engine.onEach((e) => e.type === 'day:started' && endDay((e.data as { serviceDay: string }).serviceDay)));
          if (engine.current.serviceDay) endDay(engine.current.serviceDay);
        }
      } catch (err) {
        await stop();
        throw err;
      }
      services.provide('staff', { productionProblems: () => staffProductionProblems(staff.accounts.current), staff });
      const throttle = new SignInThrottle(registry.store, { ...DEFAULT_THROTTLE, ...options.throttle });
      return {
        hallRoutes: [sessionRoutes(staff, { throttle, lockAfter: options.lockAfter ?? 5 }), staffAdminRoutes(staff), deviceRoutes(staff), attendanceRoutes(staff)],
        openApiPaths: staffOpenApiPaths(),
        principalResolvers: [staff.resolver()],
        streams: staff.streams,
        attach: (gateway: RealtimeGateway) => {
          for (const [hallId, att] of staff.attendance)
            offs.push(
              att.onEach((e) => {
                const windowId = (e.data as { windowId?: string; session?: { windowId?: string } }).windowId ?? (e.data as { session?: { windowId?: string } }).session?.windowId;
                if (!windowId) return;
                gateway.publishToHall(hallId, 'window:staff', { hallId, windowId, at: e.at, staff: onDuty(staff, hallId)[windowId] ?? null }, [windowId]);
              }),
            );
        },
        stop,
      };
    },
  };
}

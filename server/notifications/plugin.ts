// The notifications feature: a notifications stream and sender per hall that has a
// `notifications:` block, GET /api/notifications (the send log), and the `notifications` service:
// other features queue messages through it (the appointments' verification code, a bad rating's
// follow-up due). Start it before appointments; `bookingNotificationsPlugin` goes after them.
import type { Clock } from '../engine/stream-engine.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { FeatureStartError, type Feature } from '../feature.ts';
import type { Logger } from '../log.ts';
import type { BookingConfirmation } from '../appointments/confirmation.ts';
import { logNotifier, smsNotifier, webhookNotifier, type Notifier } from './adapters.ts';
import { notificationConfirmation, watchBookings } from './booking-messages.ts';
import type { NotificationsConfig, TemplateId } from './config.ts';
import { HallNotifications } from './hall-notifications.ts';
import { notificationsOpenApiPaths } from './openapi.ts';
import { notificationRoutes } from './routes.ts';
import type { Message } from './types.ts';

export interface NotificationsService {
  /** Undefined for a hall that sends no notifications. */
  forHall(hallId: string): HallNotifications | undefined;
  /** Every hall that sends notifications. */
  halls(): HallNotifications[];
  /**
   * A staff message (e.g. template 'followUpDue', key `followUpDue:<caseId>`, params { case, due })
   * to each of the hall's staffPhones, once per key. [] for a hall that sends no notifications.
   */
  notifyStaff(hallId: string, input: { template: TemplateId; key: string; params: Record<string, string> }): Promise<Message[]>;
  /** The booking verification code through the notification port, when the hall enables it
   * (notifications.verificationCode and appointments.confirmation.type: sms); undefined otherwise. */
  bookingConfirmation(hallId: string): BookingConfirmation | undefined;
}

declare module '../feature.ts' {
  interface FeatureServices {
    notifications: NotificationsService;
  }
}

export interface NotificationsPluginOptions {
  /** The clock of the notifications streams; each hall engine's clock when absent. */
  clock?: Clock;
  /** Waits before retries (default 1 s, 5 s, 30 s, 2 min, 10 min). */
  backoffMs?: number[];
  /** This node's name in send claims (default: a fresh id). */
  node?: string;
}

/** The adapter a hall's block asks for, with its secrets from the environment. */
export function notifierFor(cfg: NotificationsConfig, env: Record<string, string | undefined>, log: Logger, hallId: string, clock?: Clock): Notifier {
  switch (cfg.adapter) {
    case 'log':
      return logNotifier(log);
    case 'webhook': {
      const secret = env.NOTIFY_WEBHOOK_SECRET;
      if (!secret) throw new FeatureStartError(`hall "${hallId}": the webhook notification adapter needs NOTIFY_WEBHOOK_SECRET`);
      return webhookNotifier(cfg.webhookUrl!, secret, clock);
    }
    case 'sms': {
      const accessKeyId = env.SMS_ACCESS_KEY_ID;
      const accessKeySecret = env.SMS_ACCESS_KEY_SECRET;
      if (!accessKeyId || !accessKeySecret) throw new FeatureStartError(`hall "${hallId}": the sms notification adapter needs SMS_ACCESS_KEY_ID and SMS_ACCESS_KEY_SECRET`);
      return smsNotifier({ url: cfg.smsUrl!, accessKeyId, accessKeySecret, signName: cfg.signName, templateCodes: cfg.smsTemplateCodes }, clock);
    }
  }
}

export function notificationsPlugin(options: NotificationsPluginOptions = {}): Feature {
  return {
    name: 'notifications',
    async start({ registry, env, log, services }) {
      const halls = new Map<string, HallNotifications>();
      const stop = async () => {
        for (const n of halls.values()) await n.stop();
      };
      try {
        for (const engine of registry.all()) {
          const cfg = engine.hall.notifications;
          if (!cfg) continue;
          const hallLog = log.child({ hall: engine.hallId });
          const clock = options.clock ?? (() => engine.now());
          const n = new HallNotifications({
            hall: engine,
            config: cfg,
            store: registry.store,
            notifier: notifierFor(cfg, env, hallLog, engine.hallId, clock),
            log: hallLog,
            clock,
            hashKey: env.CLIENT_HASH_KEY,
            backoffMs: options.backoffMs,
            node: options.node,
          });
          await n.start();
          halls.set(engine.hallId, n);
        }
      } catch (err) {
        await stop();
        throw err;
      }
      services.provide('notifications', {
        forHall: (hallId) => halls.get(hallId),
        halls: () => [...halls.values()],
        notifyStaff: async (hallId, input) => (await halls.get(hallId)?.notifyStaff(input)) ?? [],
        bookingConfirmation: (hallId) => {
          const n = halls.get(hallId);
          const confirmation = registry.get(hallId)?.hall.appointments?.confirmation;
          if (!n?.config.verificationCode || confirmation?.type !== 'sms') return undefined;
          return notificationConfirmation(n, confirmation.holdMinutes);
        },
      });
      return {
        hallRoutes: [notificationRoutes((engine: HallEngine) => halls.get(engine.hallId))],
        openApiPaths: notificationsOpenApiPaths(),
        streams: [...halls.values()].map((n) => n.stream.streamId),
        health: [() => ({ notifications: [...halls.values()].map((n) => ({ hall: n.hallId, adapter: n.config.adapter })) })],
        stop,
      };
    },
  };
}

/** Booking confirmed and booking reminder messages: after both notifications and appointments. */
export function bookingNotificationsPlugin(): Feature {
  return {
    name: 'booking-notifications',
    start({ services, log }) {
      const notifications = services.optional('notifications');
      const appointments = services.optional('appointments');
      const watches: ReturnType<typeof watchBookings>[] = [];
      const ticks = new Map<string, () => Promise<void>>();
      if (notifications && appointments)
        for (const n of notifications.halls()) {
          const hallId = n.hallId;
          const a = appointments.forHall(hallId);
          if (!a) continue;
          const w = watchBookings(n, a, log.child({ hall: hallId }));
          watches.push(w);
          ticks.set(hallId, w.tick);
        }
      services.provide('bookingReminders', { tick: async (hallId) => ticks.get(hallId)?.() });
      return { stop: () => watches.forEach((w) => w.stop()) };
    },
  };
}

/** Queues the reminders due now (the feature's timer does this every 30 s; tests with a fake clock call it). */
export interface BookingReminders {
  tick(hallId: string): Promise<void>;
}

declare module '../feature.ts' {
  interface FeatureServices {
    bookingReminders: BookingReminders;
  }
}

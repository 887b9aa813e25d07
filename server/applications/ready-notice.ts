// Tells a visitor who left a phone that the result can be collected (applicationReady), through
// the notification port, once per application. A result sent by free mailing is not announced
// here: the visitor gets it by post (its tracking number is on /a/<receipt>).
import type { HallRegistry } from '../engine/hall-registry.ts';
import type { Logger } from '../log.ts';
import type { NotificationsService } from '../notifications/plugin.ts';
import type { ReadyListener } from './plugin.ts';

export function readyNotice(notifications: NotificationsService, registry: HallRegistry, log: Logger): ReadyListener {
  return (hallId, a) => {
    const n = notifications.forHall(hallId);
    const phone = a.visitor?.phone;
    if (!n || !phone || a.delivery.type !== 'pickup') return;
    const service = registry.get(hallId)?.hall.services.find((s) => s.id === a.serviceId);
    const params = n.withHall({ receipt: a.receipt, service: service?.name[n.config.lang] ?? a.serviceId });
    const p = n
      .queue({ key: `applicationReady:${a.id}`, to: phone, template: 'applicationReady', params, lang: n.config.lang, audience: 'visitor' })
      .catch((err) => log.warn({ err, hall: hallId, receipt: a.receipt }, 'queueing the result-ready message failed'));
    n.track(p);
  };
}

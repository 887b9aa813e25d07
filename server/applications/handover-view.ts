// What the pickup window's clerk sees of an application (出件): enough to hand the result to the
// right person or mail it (the visitor's name and masked ID number to check, the company, the
// address for a mailing), never the phone or the ID hash.
import type { Application } from './types.ts';

export function handoverView(a: Application) {
  return {
    id: a.id,
    receipt: a.receipt,
    serviceId: a.serviceId,
    status: a.status,
    delivery: a.delivery,
    receivedDay: a.receivedDay,
    promisedDate: a.promisedDate,
    ...(a.decidedDay ? { decidedDay: a.decidedDay } : {}),
    ...(a.refusalReason ? { refusalReason: a.refusalReason } : {}),
    ...(a.company ? { company: a.company } : {}),
    ...(a.visitor?.name || a.visitor?.idNumber ? { visitor: { ...(a.visitor.name ? { name: a.visitor.name } : {}), ...(a.visitor.idNumber ? { idNumber: a.visitor.idNumber } : {}) } } : {}),
    ...(a.courier ? { courier: a.courier, trackingNumber: a.trackingNumber } : {}),
    ...(a.handedOverAt ? { handedOverAt: a.handedOverAt } : {}),
  };
}

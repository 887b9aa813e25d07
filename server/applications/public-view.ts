// What /a/<receipt> and GET /api/applications/:receipt/status show: progress without personal data
// (no visitor, company, address, materials' owner, nor who handled it).
import type { HallConfig } from '../config/schema.ts';
import type { Application } from './types.ts';

/** The visitor's four stages: received → approving → ready → picked up / mailed (or refused). */
export type Stage = 'received' | 'approving' | 'returned' | 'ready' | 'refused' | 'picked_up' | 'mailed';

export interface PublicApplication {
  receipt: string;
  service: { id: string; zh: string; en: string };
  stage: Stage;
  receivedDay: string;
  promisedDate: string;
  delivery: 'pickup' | 'mail';
  /** What to bring back when returned for correction (补正). */
  missing?: { zh: string; en: string }[];
  refusalReason?: string;
  readyDay?: string;
  courier?: string;
  trackingNumber?: string;
  steps: { type: string; at: number }[];
}

export function stageOf(a: Application): Stage {
  switch (a.status) {
    case 'received':
      return 'approving';
    case 'returned':
      return 'returned';
    case 'approved':
      return 'ready';
    default:
      return a.status;
  }
}

export function publicApplication(hall: HallConfig, a: Application): PublicApplication {
  const s = hall.services.find((x) => x.id === a.serviceId);
  return {
    receipt: a.receipt,
    service: { id: a.serviceId, zh: s?.name.zh ?? a.serviceId, en: s?.name.en ?? a.serviceId },
    stage: stageOf(a),
    receivedDay: a.receivedDay,
    promisedDate: a.promisedDate,
    delivery: a.delivery.type,
    ...(a.status === 'returned' ? { missing: (a.missing ?? []).map((m) => ({ zh: m.zh, en: m.en })) } : {}),
    ...(a.refusalReason ? { refusalReason: a.refusalReason } : {}),
    ...(a.decidedDay ? { readyDay: a.decidedDay } : {}),
    ...(a.courier ? { courier: a.courier, trackingNumber: a.trackingNumber } : {}),
    steps: a.steps.map((st) => ({ type: st.type, at: st.at })),
  };
}

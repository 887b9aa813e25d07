// Names the pages show for lanes, statuses and services, Chinese first with English.
import type { PublicTicket } from '../../server/realtime/contract.ts';

export interface Bilingual {
  zh: string;
  en: string;
}

export const LANE_LABELS: Record<string, Bilingual> = {
  normal: { zh: '普通', en: 'Normal' },
  elderly: { zh: '敬老', en: 'Elderly' },
  green: { zh: '绿色通道', en: 'Green channel' },
  appointment: { zh: '预约', en: 'Appointment' },
};

export const STATUS_LABELS: Record<PublicTicket['status'], Bilingual> = {
  waiting: { zh: '等候中', en: 'Waiting' },
  called: { zh: '正在叫号', en: 'Called' },
  serving: { zh: '正在办理', en: 'Being served' },
  done: { zh: '已办结', en: 'Done' },
  no_show: { zh: '已过号', en: 'Missed' },
  transferred: { zh: '已转办', en: 'Transferred' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  expired: { zh: '已过期', en: 'Expired' },
};

export interface ServiceInfo {
  id: string;
  prefix: string;
  name: Bilingual;
  targetWaitMinutes?: number;
  materials?: { zh: string; en: string; original?: boolean; copies?: number }[];
}

export interface WindowInfo {
  id: string;
  number: number;
  name: Bilingual;
  services: string[];
  lanes?: string[];
  prefersLane?: string;
}

/** What GET /api/hall answers. */
export interface HallInfo {
  id: string;
  name: Bilingual;
  timeZone: string;
  notice?: Bilingual;
  lanes: string[];
  services: ServiceInfo[];
  windows: WindowInfo[];
  /** The hall's policy (GET /api/hall): the kiosk reads the age that makes a card holder elderly. */
  policy?: { elderlyAge?: number };
}

export function serviceName(hall: HallInfo | undefined, id: string): Bilingual {
  return hall?.services.find((s) => s.id === id)?.name ?? { zh: id, en: id };
}

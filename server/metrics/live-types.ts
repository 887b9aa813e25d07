// What the manager's dashboard receives: today's figures so far. Shared by the server, the
// live contract and the browser (type-only imports, no runtime code).
import type { WindowStatus } from '../domain/types.ts';
import type { ClerkRow, WindowUsage } from './report.ts';
import type { Figures } from './tally.ts';
import type { SatisfactionBreakdown } from './satisfaction.ts';

export interface ServiceLive {
  id: string;
  prefix: string;
  name: { zh: string; en: string };
  targetWaitMinutes: number;
  waiting: number;
  /** Predicted wait for a normal ticket taken now; null when no open window serves it. */
  estimatedWaitMinutes: number | null;
  figures: Figures;
}

export interface HourLive {
  hour: string;
  issued: number;
  called: number;
  served: number;
  waitMean: number | null;
  zeroWaitRate: number | null;
}

export interface WindowLive extends WindowUsage {
  name: { zh: string; en: string };
  status: WindowStatus;
  /** Number of the ticket at the window now. */
  current?: string;
}

export interface LiveMetricsPayload {
  hallId: string;
  serviceDay: string | null;
  timeZone: string;
  at: number;
  /** Seq of the last event folded in. */
  eventId: number;
  total: Figures;
  waitingTotal: number;
  services: ServiceLive[];
  lanes: ({ lane: string } & Figures)[];
  hours: HourLive[];
  windows: WindowLive[];
  clerks: ClerkRow[];
  /** Waits of today's first calls by bucket: counts[i] are waits in [bounds[i], bounds[i+1]) minutes; the last is open-ended. */
  waitHistogram: { boundsMinutes: number[]; counts: number[] };
  /** Today's ratings (好差评), when the ratings feature runs. */
  satisfaction?: SatisfactionBreakdown;
}

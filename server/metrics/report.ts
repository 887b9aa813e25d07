// Reports from fold results: rows per group with totals, CSV, and the period summary a hall
// publishes. Pure: fetching and caching the days is report-source.ts.
import type { HallConfig } from '../domain/types.ts';
import type { Dimension, FoldResult } from './day-fold.ts';
import { round2 } from './stats.ts';
import { figuresOf, type Figures } from './tally.ts';
import type { SatisfactionFigures } from './satisfaction.ts';

export interface ReportRow extends Figures {
  key: string;
  label: string;
  /** Ratings (好差评) of the row's finished tickets, when the ratings feature runs. */
  satisfaction?: SatisfactionFigures;
}

export interface WindowUsage {
  windowId: string;
  number: number | null;
  calls: number;
  served: number;
  openMinutes: number;
  busyMinutes: number;
  idleMinutes: number;
  /** busy / open, 0..1; null when the window was never open. */
  utilisation: number | null;
}

export interface ClerkRow {
  /** The person's name and staff number, "张伟 (1001)", or a token's name. */
  name: string;
  /** 工号, when the commands came from a signed-in person. */
  staffNumber?: string;
  served: number;
  meanServiceMinutes: number | null;
}

/** The report groupings: the fold's dimensions, months of a hall, or the halls side by side. */
export type ReportGrouping = Dimension | 'month' | 'hall';

export interface Report {
  /** The hall, or "*" for a report across halls. */
  hallId: string;
  timeZone: string;
  from: string;
  to: string;
  groupBy: ReportGrouping;
  /** Units: durations in minutes, rates 0..1. */
  groups: ReportRow[];
  total: ReportRow;
  windows: WindowUsage[];
  clerks: ClerkRow[];
}

export function labelOf(hall: HallConfig, dim: Dimension, key: string): string {
  switch (dim) {
    case 'service': {
      const s = hall.services.find((x) => x.id === key);
      return s ? `${s.prefix} ${s.name.zh} / ${s.name.en}` : key;
    }
    case 'window': {
      const w = hall.windows.find((x) => x.id === key);
      return w ? `${w.name.zh} / ${w.name.en}` : key === '-' ? '(no window)' : key;
    }
    case 'hour':
      return `${key}:00-${key}:59`;
    default:
      return key;
  }
}

function orderKeys(hall: HallConfig, dim: Dimension, keys: string[]): string[] {
  const configured =
    dim === 'service' ? hall.services.map((s) => s.id) : dim === 'window' ? hall.windows.map((w) => w.id) : dim === 'lane' ? [...hall.lanes] : [];
  const rank = (k: string) => {
    const i = configured.indexOf(k);
    return i < 0 ? configured.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function windowUsage(hall: HallConfig, r: FoldResult): WindowUsage[] {
  const ids = orderKeys(hall, 'window', Object.keys(r.windows));
  return ids.map((id) => {
    const w = r.windows[id]!;
    const open = w.openMs / 60_000;
    const busy = w.busyMs / 60_000;
    return {
      windowId: id,
      number: hall.windows.find((x) => x.id === id)?.number ?? null,
      calls: w.calls,
      served: w.served,
      openMinutes: round2(open),
      busyMinutes: round2(busy),
      idleMinutes: round2(Math.max(0, open - busy)),
      utilisation: w.openMs > 0 ? Math.round(Math.min(1, w.busyMs / w.openMs) * 10_000) / 10_000 : null,
    };
  });
}

export function clerkRows(r: FoldResult): ClerkRow[] {
  return Object.entries(r.clerks)
    .map(([key, c]) => ({ name: c.staffNumber ? `${c.name} (${c.staffNumber})` : key, ...(c.staffNumber ? { staffNumber: c.staffNumber } : {}), served: c.served, meanServiceMinutes: c.served ? round2(c.serviceMs / c.served / 60_000) : null }))
    .sort((a, b) => b.served - a.served || (a.name < b.name ? -1 : 1));
}

export function buildReport(hall: HallConfig, r: FoldResult, groupBy: Dimension, from: string, to: string): Report {
  const groups = r.groups[groupBy];
  return {
    hallId: hall.id,
    timeZone: hall.timeZone,
    from,
    to,
    groupBy,
    groups: orderKeys(hall, groupBy, Object.keys(groups)).map((key) => ({ key, label: labelOf(hall, groupBy, key), ...figuresOf(groups[key]!) })),
    total: { key: 'TOTAL', label: 'Total', ...figuresOf(r.total) },
    windows: windowUsage(hall, r),
    clerks: clerkRows(r),
  };
}

export const CSV_COLUMNS = [
  'group',
  'label',
  'issued',
  'called',
  'served',
  'no_show',
  'transferred',
  'cancelled',
  'elderly_served',
  'green_issued',
  'appointment_issued',
  'within_target',
  'zero_wait_rate',
  'no_show_rate',
  'wait_mean_min',
  'wait_median_min',
  'wait_p90_min',
  'wait_max_min',
  'walk_mean_min',
  'walk_median_min',
  'walk_p90_min',
  'walk_max_min',
  'service_mean_min',
  'service_median_min',
  'service_p90_min',
  'service_max_min',
  'ratings',
  'satisfaction_rate',
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(r: ReportRow): string {
  const stat = (s: Figures['wait']) => [s.mean, s.median, s.p90, s.max];
  return [
    r.key,
    r.label,
    r.issued,
    r.called,
    r.served,
    r.noShow,
    r.transferred,
    r.cancelled,
    r.elderlyServed,
    r.greenIssued,
    r.appointmentIssued,
    r.withinTarget,
    r.zeroWaitRate,
    r.noShowRate,
    ...stat(r.wait),
    ...stat(r.walk),
    ...stat(r.service),
    r.satisfaction?.ratings,
    r.satisfaction?.rate === null || r.satisfaction?.rate === undefined ? null : Math.round(r.satisfaction.rate * 10000) / 10000,
  ]
    .map(csvCell)
    .join(',');
}

/** One row per group, then the TOTAL row; CRLF line ends as RFC 4180 and spreadsheets expect. */
export function reportCsv(report: Report): string {
  return [CSV_COLUMNS.join(','), ...report.groups.map(csvRow), csvRow(report.total)].join('\r\n') + '\r\n';
}

/** The period summary in the form a hall publishes (e.g. on its notice board or a half-year report). */
export interface PeriodSummary {
  hallId: string;
  hallName: { zh: string; en: string };
  from: string;
  to: string;
  /** Service days with any activity. */
  days: number;
  /** On-site tickets received (现场取号) and completed (办结). */
  received: number;
  completed: number;
  /** Average wait in minutes (平均等候时长). */
  averageWaitMinutes: number | null;
  /** 零等待率: share of first calls within the service's target wait. */
  zeroWaitRate: number | null;
  elderlyServed: number;
  greenChannelUses: number;
  appointments: number;
  noShows: number;
  transferred: number;
  /** Local hour with the most tickets received, "HH:00-HH:59"; null when none. */
  busiestHour: string | null;
  busiestHourTickets: number;
  text: { zh: string; en: string };
}

export function periodSummary(hall: HallConfig, r: FoldResult, from: string, to: string): PeriodSummary {
  const f = figuresOf(r.total);
  let busiest: string | null = null;
  let busiestN = 0;
  for (const [hour, t] of Object.entries(r.groups.hour)) {
    if (t.issued > busiestN || (t.issued === busiestN && busiest !== null && hour < busiest)) {
      busiest = hour;
      busiestN = t.issued;
    }
  }
  const busiestHour = busiest === null ? null : labelOf(hall, 'hour', busiest);
  const pct = f.zeroWaitRate === null ? '—' : `${(f.zeroWaitRate * 100).toFixed(1)}%`;
  const wait = f.wait.mean === null ? '—' : f.wait.mean.toFixed(1);
  const zhPeriod = from === to ? from : `${from}至${to}`;
  const enPeriod = from === to ? from : `${from} to ${to}`;
  return {
    hallId: hall.id,
    hallName: hall.name,
    from,
    to,
    days: r.days.filter((d) => d >= from && d <= to).length,
    received: f.issued,
    completed: f.served,
    averageWaitMinutes: f.wait.mean,
    zeroWaitRate: f.zeroWaitRate,
    elderlyServed: f.elderlyServed,
    greenChannelUses: f.greenIssued,
    appointments: f.appointmentIssued,
    noShows: f.noShow,
    transferred: f.transferred,
    busiestHour,
    busiestHourTickets: busiestN,
    text: {
      zh: `${zhPeriod}，${hall.name.zh}现场取号${f.issued}个，办结${f.served}件，平均等候${wait}分钟，零等待率${pct}；敬老服务${f.elderlyServed}人次，绿色通道${f.greenIssued}人次，过号${f.noShow}个；取号高峰${busiestHour ?? '—'}。`,
      en: `${enPeriod}: ${hall.name.en} received ${f.issued} on-site tickets and completed ${f.served}; average wait ${wait} min, zero-wait rate ${pct}; elderly served ${f.elderlyServed}, green channel ${f.greenIssued}, no-shows ${f.noShow}; busiest hour ${busiestHour ?? '—'}.`,
    },
  };
}

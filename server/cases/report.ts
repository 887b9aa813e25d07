// The desk's report: open and closed cases over a period, with counts by service. Pure.
import type { Case } from './types.ts';

export interface CaseSummary {
  id: string;
  number: string;
  problem: string;
  services: string[];
  lead?: string;
  status: Case['status'];
  followUp?: Case['followUp'];
  followUpOutcome?: Case['followUpOutcome'];
  resolution?: string;
  company?: string;
  openedAt: number;
  resolvedAt?: number;
  closedAt?: number;
  /** Opened → resolved, for cases resolved. */
  daysToResolve?: number;
}

export function summary(k: Case): CaseSummary {
  const s: CaseSummary = { id: k.id, number: k.number, problem: k.problem, services: k.services, status: k.status, openedAt: k.openedAt };
  if (k.lead) s.lead = k.lead;
  if (k.followUp) s.followUp = k.followUp;
  if (k.followUpOutcome) s.followUpOutcome = k.followUpOutcome;
  if (k.resolution) s.resolution = k.resolution;
  if (k.visitor?.company) s.company = k.visitor.company;
  if (k.resolvedAt !== undefined) {
    s.resolvedAt = k.resolvedAt;
    s.daysToResolve = Math.round(((k.resolvedAt - k.openedAt) / 86_400_000) * 10) / 10;
  }
  if (k.closedAt !== undefined) s.closedAt = k.closedAt;
  return s;
}

export interface CaseReport {
  from: number;
  to: number;
  counts: { opened: number; open: number; resolved: number; closed: number; followUpPending: number; unsatisfied: number };
  byService: Record<string, { opened: number; open: number }>;
  open: CaseSummary[];
  /** Resolved (awaiting follow-up) and closed. */
  closed: CaseSummary[];
}

/** Cases opened in [from, to), plus every case still open whenever it was opened. */
export function caseReport(cases: Case[], from: number, to: number): CaseReport {
  const inPeriod = cases.filter((k) => k.openedAt >= from && k.openedAt < to);
  const relevant = cases.filter((k) => (k.openedAt >= from && k.openedAt < to) || (k.status === 'open' && k.openedAt < to));
  const byService: CaseReport['byService'] = {};
  for (const k of inPeriod)
    for (const s of k.services) {
      byService[s] ??= { opened: 0, open: 0 };
      byService[s].opened++;
      if (k.status === 'open') byService[s].open++;
    }
  const sorted = relevant.sort((a, b) => a.openedAt - b.openedAt).map(summary);
  return {
    from,
    to,
    counts: {
      opened: inPeriod.length,
      open: relevant.filter((k) => k.status === 'open').length,
      resolved: relevant.filter((k) => k.status === 'resolved').length,
      closed: relevant.filter((k) => k.status === 'closed').length,
      followUpPending: relevant.filter((k) => k.followUp === 'pending').length,
      unsatisfied: relevant.filter((k) => k.followUpOutcome === 'unsatisfied').length,
    },
    byService,
    open: sorted.filter((k) => k.status === 'open'),
    closed: sorted.filter((k) => k.status !== 'open'),
  };
}

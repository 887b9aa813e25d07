// Time to an answer for assist requests (the hall's aim: under 5 minutes). Pure.
import type { AssistRequest } from './types.ts';

export const ANSWER_AIM_MS = 5 * 60_000;

export interface Durations {
  count: number;
  avgMs: number | null;
  medianMs: number | null;
  p90Ms: number | null;
  maxMs: number | null;
}

function durations(values: number[]): Durations {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)]! : null);
  return {
    count: v.length,
    avgMs: v.length ? Math.round(v.reduce((a, b) => a + b, 0) / v.length) : null,
    medianMs: v.length ? v[Math.floor((v.length - 1) / 2)]! : null,
    p90Ms: at(0.9),
    maxMs: v.length ? v[v.length - 1]! : null,
  };
}

export interface AssistStats {
  from: number;
  to: number;
  asked: number;
  accepted: number;
  answered: number;
  open: number;
  withdrawn: number;
  /** Asked → accepted. */
  timeToAccept: Durations;
  /** Asked → answered: the figure the hall aims to keep under 5 minutes. */
  timeToAnswer: Durations;
  aimMs: number;
  /** Share of answered requests answered within the aim. */
  withinAim: number | null;
  byService: Record<string, { asked: number; answered: number; timeToAnswer: Durations }>;
}

/** Figures over the requests asked in [from, to). */
export function assistStats(requests: AssistRequest[], from: number, to: number): AssistStats {
  const inRange = requests.filter((r) => r.askedAt >= from && r.askedAt < to);
  const answered = inRange.filter((r) => r.answeredAt !== undefined);
  const toAnswer = answered.map((r) => r.answeredAt! - r.askedAt);
  const byService: AssistStats['byService'] = {};
  for (const sid of new Set(inRange.map((r) => r.serviceId))) {
    const mine = inRange.filter((r) => r.serviceId === sid);
    const done = mine.filter((r) => r.answeredAt !== undefined);
    byService[sid] = { asked: mine.length, answered: done.length, timeToAnswer: durations(done.map((r) => r.answeredAt! - r.askedAt)) };
  }
  return {
    from,
    to,
    asked: inRange.length,
    accepted: inRange.filter((r) => r.acceptedAt !== undefined).length,
    answered: answered.length,
    open: inRange.filter((r) => r.status === 'open' || r.status === 'accepted').length,
    withdrawn: inRange.filter((r) => r.status === 'withdrawn').length,
    timeToAccept: durations(inRange.filter((r) => r.acceptedAt !== undefined).map((r) => r.acceptedAt! - r.askedAt)),
    timeToAnswer: durations(toAnswer),
    aimMs: ANSWER_AIM_MS,
    withinAim: toAnswer.length ? toAnswer.filter((d) => d <= ANSWER_AIM_MS).length / toAnswer.length : null,
    byService,
  };
}

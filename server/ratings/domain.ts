// The ratings decider: pure decide/evolve, clock passed in, the hall's rating settings closed over
// (as the hall's decider closes over its configuration). One rating per ticket is decided here, on
// the state the append is conditional on, so two nodes rating one ticket at once append one rating.
import { noResult, type Decider, type DecideContext, type SnapshotPolicy, type Stored } from '../engine/stream-engine.ts';
import { own } from '../domain/own.ts';
import type { RatingsConfig } from './config.ts';
import type { RatingCommand, RatingEvent, RatingState } from './types.ts';

export class RatingError extends Error {
  override name = 'RatingError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const HOUR = 3_600_000;
/** Kept past the rating window, so today's ratings are always in the state for the live figures. */
const KEEP_EXTRA_MS = 48 * HOUR;

type Settings = Pick<RatingsConfig, 'windowHours' | 'reasons'>;
type Body = Pick<RatingEvent, 'type' | 'data'>;

export function decideRating(cfg: Settings, s: RatingState, c: RatingCommand, ctx: DecideContext): Body[] {
  const t = c.ticket;
  if (t.status !== 'done' || t.finishedAt === undefined || !t.windowId)
    throw new RatingError(409, 'ticket_not_finished', `ticket ${t.number} is ${t.status}; only a finished ticket can be rated`);
  if (ctx.now > t.finishedAt + cfg.windowHours * HOUR)
    throw new RatingError(409, 'rating_window_closed', `ticket ${t.number} was finished more than ${cfg.windowHours} hours ago`);
  if (own(s.recent, t.id)) throw new RatingError(409, 'already_rated', `ticket ${t.number} has been rated`);
  const known = new Set(cfg.reasons.map((r) => r.id));
  for (const r of c.reasons) if (!known.has(r)) throw new RatingError(400, 'unknown_reason', `"${r}" is not one of this hall's reasons`);
  if (new Set(c.reasons).size !== c.reasons.length) throw new RatingError(400, 'duplicate_reason', 'a reason is given twice');
  const rating = {
    ticketId: t.id,
    ticketNumber: t.number,
    serviceId: t.serviceId,
    windowId: t.windowId,
    ...(t.clerk ? { clerk: t.clerk } : {}),
    level: c.level,
    reasons: c.reasons,
    ...(c.comment ? { comment: c.comment } : {}),
    via: c.via,
    finishedAt: t.finishedAt,
  };
  return [{ type: 'rating:given', data: { rating } }];
}

/** In place, as the other feature streams: the engine holds the only reference to its state. */
export function evolveRating(cfg: Settings, s: RatingState, e: Stored<RatingEvent>): RatingState {
  const r = e.data.rating;
  if (!own(s.recent, r.ticketId)) s.order.push(r.ticketId);
  s.recent[r.ticketId] = { ...r, ratedAt: e.at };
  // Event times never go back and the window is fixed: a dropped ticket could no longer be rated.
  const cutoff = e.at - cfg.windowHours * HOUR - KEEP_EXTRA_MS;
  while (s.order.length && (s.recent[s.order[0]!]?.finishedAt ?? 0) < cutoff) delete s.recent[s.order.shift()!];
  return s;
}

export const ratingSnapshots: SnapshotPolicy<RatingState> = {
  every: 500,
  size: (s) => s.order.length,
  // The encoded state's shape: bump when it changes (SnapshotPolicy.format).
  format: 1,
};

export function ratingDecider(cfg: Settings): Decider<RatingState, RatingCommand, RatingEvent, void> {
  return {
    initial: () => ({ recent: {}, order: [] }),
    decide: noResult((s: RatingState, c: RatingCommand, ctx: DecideContext) => decideRating(cfg, s, c, ctx)),
    evolve: (s, e) => evolveRating(cfg, s, e),
  };
}

// Ratings (好差评) on the ratings stream (streams.ratings, server/store/streams.ts): one per finished
// ticket, from the window's rating device or the visitor's status page.
import type { TicketStatus } from '../domain/types.ts';
import type { StreamEvent } from '../engine/stream-engine.ts';
import type { StreamTypes } from '../store/streams.ts';
import type { Level } from './levels.ts';

/** Where a rating was given: the tablet at the window, or the visitor's phone (the ticket's QR). */
export type RatingVia = 'device' | 'status';

/** What the decider needs to know of the ticket, read from the hall by the route. */
export interface RatedTicket {
  id: string;
  number: string;
  serviceId: string;
  status: TicketStatus;
  windowId?: string;
  finishedAt?: number;
  /** Who finished it (the finish event's actor): the clerk the rating is about. */
  clerk?: string;
}

export interface Rating {
  ticketId: string;
  ticketNumber: string;
  serviceId: string;
  windowId: string;
  clerk?: string;
  level: Level;
  /** Reason ids from the hall's `ratings.reasons`. */
  reasons: string[];
  /** Free text from the visitor: for the desk and the manager, never on public screens or logs. */
  comment?: string;
  via: RatingVia;
  finishedAt: number;
}

export type RatingEvent = StreamEvent<'rating:given', { rating: Rating }>;

export type RatingCommand = { type: 'rate'; ticket: RatedTicket; level: Level; reasons: string[]; comment?: string; via: RatingVia };

export interface RatingState {
  /** Ratings of tickets still inside (or just past) the rating window, by ticket id: what makes "one per
   * ticket" exact. Older ones are dropped (their tickets can no longer be rated); the log keeps them. */
  recent: Record<string, Rating & { ratedAt: number }>;
  /** Ticket ids of `recent` in the order they were rated, to drop the old ones from the front. */
  order: string[];
}

// Types this feature's stream (named in server/store/streams.ts) holds: events and snapshot state.
declare module '../store/streams.ts' {
  interface FeatureStreamTypes {
    ratings: StreamTypes<RatingEvent, RatingState>;
  }
}

// Every stream of a hall, named here and nowhere else (as ./redis/keys.ts names Redis keys). A
// stream is a typed descriptor: its id in the store plus, as phantom types, the events it holds and
// the state its snapshots hold. So `store.read(streams.bookings(hall), 0)` is a
// `Stored<BookingEvent>[]`, and an engine over a stream can only be given a decider of its types.
//
// Stream ids (the store's keys; the layout is what the log has always used):
//   <hallId>             the hall's own log: tickets, windows, service days   (DomainEvent, HallState)
//   <hallId>/bookings    appointments                                         (server/appointments)
//   <hallId>/assist      back-office help requests and one-time notices      (server/assist)
//   <hallId>/cases       the "can't get it done" desk (办不成事)               (server/cases)
//   <hallId>/notifications  messages queued, claimed, sent, failed, dropped   (server/notifications)
//   <hallId>/ratings     ratings after service (好差评)                        (server/ratings)
//   <hallId>/applications applications, 收件 → 审批 → 出件                        (server/applications)
//
// The core imports no feature, so a feature's stream is *named* here and *typed* by the feature,
// by declaration merging next to its event type (as FeatureServices in server/feature.ts):
//
//   declare module '../store/streams.ts' {
//     interface FeatureStreamTypes { bookings: StreamTypes<BookingEvent, BookingState> }
//   }
//
// A new feature stream: add its name to `streams` below and that declaration to the feature.
import type { Envelope } from '../domain/envelope.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { HallState } from '../domain/types.ts';

/** Never present at run time: only the type of the key that carries a stream's phantom types. */
declare const types: unique symbol;

/** The events of a stream and the state its snapshots hold. */
export interface StreamTypes<E, S> {
  event: E;
  state: S;
}

/**
 * A stream of one hall: its id, and the types of its events (E) and snapshots (S). Made only here
 * (the phantom key cannot be written elsewhere), so every stream a store is asked about was named
 * in this module.
 */
export interface Stream<E = Envelope, S = unknown> {
  readonly id: string;
  readonly hallId: string;
  readonly [types]: StreamTypes<E, S>;
}

/** Any stream, whatever it holds: for what does not look inside events (lastSeq, watch). */
export type AnyStream = Stream<unknown, unknown>;

/**
 * The types of each feature stream, by name. Empty in the core; each feature that owns a stream
 * adds its entry by declaration merging (see the header).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FeatureStreamTypes {}

/** What a stream named here is typed as while no feature declared its types: nothing can be read or appended. */
interface Undeclared<Name extends string> {
  undeclaredStream: Name;
}
type TypesOf<Name extends string> = Name extends keyof FeatureStreamTypes ? FeatureStreamTypes[Name] : StreamTypes<Undeclared<Name>, Undeclared<Name>>;
type EventOfStream<Name extends string> = TypesOf<Name> extends StreamTypes<infer E, unknown> ? E : never;
type StateOfStream<Name extends string> = TypesOf<Name> extends StreamTypes<unknown, infer S> ? S : never;

function stream<E, S>(hallId: string, id: string): Stream<E, S> {
  // The one place a descriptor is made: the phantom key exists in the type only.
  return { id, hallId } as Stream<E, S>;
}

/** The stream family of a feature: `<hallId>/<name>` for each hall. */
function featureStream<Name extends string>(name: Name): (hallId: string) => Stream<EventOfStream<Name>, StateOfStream<Name>> {
  return (hallId) => stream(hallId, `${hallId}/${name}`);
}

/** The hallId on the envelopes of a deployment-wide stream (':' and '*' never occur in a hall id). */
export const DEPLOYMENT_HALL = '*';

/** A deployment-wide stream of a feature (staff accounts serve every hall). */
function deploymentStream<Name extends string>(_name: Name, id: string): () => Stream<EventOfStream<Name>, StateOfStream<Name>> {
  return () => stream(DEPLOYMENT_HALL, id);
}

/** Every stream of a hall. */
export const streams = {
  hall: (hallId: string): Stream<DomainEvent, HallState> => stream(hallId, hallId),
  bookings: featureStream('bookings'),
  assist: featureStream('assist'),
  cases: featureStream('cases'),
  /** Ratings after service (好差评), per hall. */
  ratings: featureStream('ratings'),
  /** Messages to visitors and staff (near turn, bookings, follow-ups): queued, claimed, sent, per hall. */
  notifications: featureStream('notifications'),
  /** Applications from receipt (收件) to pickup or mailing (出件). */
  applications: featureStream('applications'),
  /** Sign-in and sign-out at windows and desks (attendance, 签到/签退), per hall. */
  attendance: featureStream('attendance'),
};

/** The streams that belong to no hall: the deployment's. ':' never occurs in a hall id, so their ids
 * cannot collide with a hall's streams. */
export const deploymentStreams = {
  /** Staff accounts and device tokens (every hall's people). */
  staffAccounts: deploymentStream('staffAccounts', 'staff:accounts'),
};

/** The names of the feature streams, in the order above (tools, docs). */
export type FeatureStreamName = Exclude<keyof typeof streams, 'hall'>;

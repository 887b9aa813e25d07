// The "can't get it done" desk (办不成事): cases on the cases stream (streams.cases, server/store/streams.ts).
import type { Visitor } from '../domain/types.ts';
import type { StreamEvent } from '../engine/stream-engine.ts';
import type { StreamTypes } from '../store/streams.ts';

/** open → resolved (answered or solved) → closed (followed up, or no follow-up needed). */
export type CaseStatus = 'open' | 'resolved' | 'closed';
export type FollowUpStatus = 'pending' | 'done' | 'not_needed';
export type FollowUpOutcome = 'satisfied' | 'unsatisfied' | 'unreachable';

export interface CaseNote {
  by: string;
  text: string;
  at: number;
}

export interface Case {
  id: string;
  /** "BC" + local date + 3 digits: what the visitor is told and the desk files under. */
  number: string;
  problem: string;
  /** Services involved (ids of the hall's services). */
  services: string[];
  /** The department or desk that leads the resolution. */
  lead?: string;
  windowId?: string;
  ticketId?: string;
  ticketNumber?: string;
  /** Personal data for the record and the follow-up call; never on public screens or events. */
  visitor?: Visitor;
  status: CaseStatus;
  openedAt: number;
  openedBy: string;
  notes: CaseNote[];
  resolution?: string;
  resolvedAt?: number;
  resolvedBy?: string;
  followUp?: FollowUpStatus;
  followUpOutcome?: FollowUpOutcome;
  followUpNote?: string;
  followedUpAt?: number;
  closedAt?: number;
  /** A case opened by a bad rating (差评): the rating it follows up. */
  rating?: RatingRef;
  /** When the desk must have contacted the visitor (a bad rating's follow-up deadline). */
  dueAt?: number;
  contactedAt?: number;
  contactedBy?: string;
  /** What the visitor said when contacted. */
  visitorReply?: string;
  /** When the visitor-data purge (server/privacy) masked `visitor`: only 张* and 138****5678 stay. */
  personalDataPurgedAt?: number;
}

/** The bad rating a follow-up case comes from (server/ratings). */
export interface RatingRef {
  ticketId: string;
  level: string;
  reasons: string[];
  comment?: string;
  clerk?: string;
  ratedAt: number;
}

/** What a rating hands the desk to open its follow-up (the `caseDesk` service). */
export interface FollowUpRequest {
  rating: RatingRef;
  serviceId: string;
  windowId: string;
  ticketNumber: string;
  visitor?: Visitor;
  dueAt: number;
  problem: string;
}

export type CaseEvent =
  | StreamEvent<'case:opened', { case: Omit<Case, 'status' | 'notes'> }>
  | StreamEvent<'case:noted', { caseId: string; note: CaseNote }>
  | StreamEvent<'case:resolved', { caseId: string; resolution: string; by: string; followUp: 'pending' | 'not_needed' }>
  | StreamEvent<'case:followed-up', { caseId: string; outcome: FollowUpOutcome; note?: string; by: string }>
  | StreamEvent<'case:reopened', { caseId: string; reason: string }>
  | StreamEvent<'case:contacted', { caseId: string; reply: string; by: string }>
  /** The visitor-data purge: these cases' visitor is masked (name 张*, phone 138****5678; ID data, company dropped). */
  | StreamEvent<'case:personal-data-purged', { caseIds: string[] }>;

export type CaseCommand =
  | { type: 'open'; problem: string; services: string[]; lead?: string; windowId?: string; ticketId?: string; ticketNumber?: string; visitor?: Visitor; by: string; serviceDay: string }
  | { type: 'note'; caseId: string; text: string; by: string }
  | { type: 'resolve'; caseId: string; resolution: string; followUp: boolean; by: string }
  | { type: 'followUp'; caseId: string; outcome: FollowUpOutcome; note?: string; by: string }
  | { type: 'reopen'; caseId: string; reason: string }
  /** Opens the follow-up of a bad rating, once per rated ticket (a second request opens nothing). */
  | ({ type: 'openFollowUp'; serviceDay: string } & FollowUpRequest)
  | { type: 'contact'; caseId: string; reply: string; by: string }
  /** Masks the visitor of every case opened before `before` that still holds one (server/privacy). */
  | { type: 'purgePersonalData'; before: number };

export interface CaseState {
  cases: Record<string, Case>;
  /** Last case number per local day, so numbers never repeat. */
  lastNumber: Record<string, number>;
}

// Types this feature's stream (named in server/store/streams.ts) holds: events and snapshot state.
declare module '../store/streams.ts' {
  interface FeatureStreamTypes {
    cases: StreamTypes<CaseEvent, CaseState>;
  }
}

// One-key assist (一键呼叫): a clerk's help request to the back office, and the one-time notices
// (一次性告知单) clerks print. Both live on the assist stream (streams.assist): the record of who asked, who
// answered, for which visitor's company and service, and when.
import type { ServiceConfig } from '../config/schema.ts';
import type { StreamEvent } from '../engine/stream-engine.ts';
import type { StreamTypes } from '../store/streams.ts';

export type AssistStatus = 'open' | 'accepted' | 'answered' | 'withdrawn';

export interface AssistMessage {
  from: 'clerk' | 'approver';
  by: string;
  text: string;
  at: number;
}

/** The visit at a clerk's counter that a request or a notice is about. */
interface AtTheCounter {
  id: string;
  windowId: string;
  ticketId: string;
  ticketNumber: string;
  serviceId: string;
  /** From the ticket's visitor record: for the back office and the record, never on public screens. */
  company?: string;
}

export interface AssistRequest extends AtTheCounter {
  question: string;
  askedBy: string;
  askedAt: number;
  status: AssistStatus;
  acceptedBy?: string;
  acceptedAt?: number;
  answer?: string;
  answeredAt?: number;
  withdrawnAt?: number;
  messages: AssistMessage[];
}

/** A material the visitor still has to bring, as the hall file and the knowledge base list them. */
export type NoticeItem = Pick<ServiceConfig['materials'][number], 'zh' | 'en' | 'copies' | 'original'>;

export interface Notice extends AtTheCounter {
  missing: NoticeItem[];
  notes?: string;
  issuedBy: string;
  /** The clerk's 工号 when signed in with a staff account. */
  issuedByNumber?: string;
  issuedAt: number;
}

export type AssistEvent =
  | StreamEvent<'assist:requested', { request: Omit<AssistRequest, 'status' | 'messages'> }>
  | StreamEvent<'assist:accepted', { requestId: string; by: string }>
  | StreamEvent<'assist:message', { requestId: string; message: AssistMessage }>
  | StreamEvent<'assist:answered', { requestId: string; by: string; answer: string }>
  | StreamEvent<'assist:withdrawn', { requestId: string }>
  | StreamEvent<'notice:issued', { notice: Notice }>;

export type AssistCommand =
  | { type: 'ask'; windowId: string; ticketId: string; ticketNumber: string; serviceId: string; company?: string; question: string; by: string }
  | { type: 'accept'; requestId: string; by: string }
  | { type: 'message'; requestId: string; from: 'clerk' | 'approver'; by: string; text: string }
  | { type: 'answer'; requestId: string; by: string; answer: string }
  | { type: 'withdraw'; requestId: string }
  | { type: 'notice'; notice: Omit<Notice, 'id' | 'issuedAt'> };

export interface AssistState {
  requests: Record<string, AssistRequest>;
  notices: Record<string, Notice>;
}

// Types this feature's stream (named in server/store/streams.ts) holds: events and snapshot state.
declare module '../store/streams.ts' {
  interface FeatureStreamTypes {
    assist: StreamTypes<AssistEvent, AssistState>;
  }
}

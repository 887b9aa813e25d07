// Notifications: the nouns and events of the notifications stream (streams.notifications,
// server/store/streams.ts). The stream decides what is sent once (one message per dedupe key),
// what the per-phone limits drop, and which node sends (a claim with an expiry), on every node.
import type { StreamEvent } from '../engine/stream-engine.ts';
import type { StreamTypes } from '../store/streams.ts';
import type { Lang, TemplateId } from './config.ts';

/** queued: waiting to be sent or retried; sent; failed: given up after its attempts; dropped: over a per-phone limit. */
export type MessageStatus = 'queued' | 'sent' | 'failed' | 'dropped';
export type Audience = 'visitor' | 'staff';

export interface Message {
  id: string;
  /** What makes it once: "nearTurn:<ticketId>", "bookingConfirmed:<bookingId>", … */
  key: string;
  /** The phone, kept only to send it; the send log and the logs show `masked`. Absent when dropped. */
  to?: string;
  masked: string;
  template: TemplateId;
  params: Record<string, string>;
  lang: Lang;
  audience: Audience;
  status: MessageStatus;
  queuedAt: number;
  /** Attempts made (claims). */
  attempts: number;
  maxAttempts: number;
  /** Sent in-process by the caller, one attempt, never by the sender loop (a verification code,
   * whose code is not in the log: params hold it masked). */
  direct?: boolean;
  /** Not before this time (a retry's backoff). */
  notBefore: number;
  /** The node sending it and until when its claim holds. */
  claim?: { node: string; until: number };
  sentAt?: number;
  lastError?: string;
  droppedReason?: DropReason;
}

export type DropReason = 'per_phone_hour' | 'per_phone_day';

export type NotificationEvent =
  | StreamEvent<'notification:queued', { message: Omit<Message, 'status' | 'attempts' | 'notBefore' | 'claim'>; phoneKey?: string }>
  | StreamEvent<'notification:dropped', { message: Omit<Message, 'status' | 'attempts' | 'notBefore' | 'claim' | 'to'>; reason: DropReason }>
  | StreamEvent<'notification:claimed', { id: string; node: string; until: number; attempt: number }>
  | StreamEvent<'notification:sent', { id: string; node: string; attempt: number }>
  /** retryAt absent: given up. */
  | StreamEvent<'notification:failed', { id: string; node: string; attempt: number; error: string; retryAt?: number }>;

export interface QueueRequest {
  key: string;
  to: string;
  template: TemplateId;
  params: Record<string, string>;
  lang: Lang;
  audience: Audience;
  direct?: boolean;
}

export type NotificationCommand =
  | ({ type: 'queue'; maskedParams?: Record<string, string>; phoneKey: string; limits: { perHour: number; perDay: number }; maxAttempts: number } & QueueRequest)
  | { type: 'claim'; id: string; node: string; claimMs: number; direct?: boolean }
  | { type: 'sent'; id: string; node: string }
  | { type: 'failed'; id: string; node: string; error: string; backoffMs: number[] };

export interface NotificationState {
  messages: Record<string, Message>;
  /** Dedupe key → message id. */
  byKey: Record<string, string>;
  /** Keyed hash of a phone → times of the messages accepted for it in the last day (the limits). */
  recentByPhone: Record<string, number[]>;
}

// Types this feature's stream (named in server/store/streams.ts) holds: events and snapshot state.
declare module '../store/streams.ts' {
  interface FeatureStreamTypes {
    notifications: StreamTypes<NotificationEvent, NotificationState>;
  }
}

// The notifications decider: pure decide/evolve, clock passed in. What it decides for every node:
// a dedupe key is queued once (near turn for a ticket, a booking's confirmation …); a phone over
// its hourly or daily limit gets a `dropped` record instead; one node at a time holds a claim on a
// message (until it expires) and only the holder's send counts; a failure is retried after a
// backoff until its attempts run out.
import { own } from '../domain/own.ts';
import { noResult, type Decider, type DecideContext, type SnapshotPolicy, type Stored } from '../engine/stream-engine.ts';
import { maskPhone } from './config.ts';
import type { Message, NotificationCommand, NotificationEvent, NotificationState } from './types.ts';

type Body = Pick<NotificationEvent, 'type' | 'data'>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Final messages older than this leave the state (the log keeps them: the send log reads the log). */
const KEEP_MS = 3 * DAY;

export function decideNotification(s: NotificationState, c: NotificationCommand, ctx: DecideContext): Body[] {
  switch (c.type) {
    case 'queue': {
      if (own(s.byKey, c.key)) return [];
      const recent = (own(s.recentByPhone, c.phoneKey) ?? []).filter((t) => t > ctx.now - DAY);
      const lastHour = recent.filter((t) => t > ctx.now - HOUR).length;
      const base = {
        id: ctx.newId(),
        key: c.key,
        masked: maskPhone(c.to),
        template: c.template,
        params: c.maskedParams ?? c.params,
        lang: c.lang,
        audience: c.audience,
        queuedAt: ctx.now,
        maxAttempts: c.direct ? 1 : c.maxAttempts,
        ...(c.direct ? { direct: true } : {}),
      };
      // Staff messages are not limited: the limits protect visitors from floods (and SMS bombing).
      if (c.audience === 'visitor') {
        if (lastHour >= c.limits.perHour) return [{ type: 'notification:dropped', data: { message: base, reason: 'per_phone_hour' } }];
        if (recent.length >= c.limits.perDay) return [{ type: 'notification:dropped', data: { message: base, reason: 'per_phone_day' } }];
      }
      return [{ type: 'notification:queued', data: { message: { ...base, to: c.to }, phoneKey: c.phoneKey } }];
    }
    case 'claim': {
      const m = own(s.messages, c.id);
      // A direct message is claimed once, by the node sending it in-process; the loop never claims it.
      const may = c.direct ? m?.direct === true && m.status === 'queued' && m.attempts === 0 : m !== undefined && claimable(m, ctx.now);
      if (!m || !may) return [];
      return [{ type: 'notification:claimed', data: { id: m.id, node: c.node, until: ctx.now + c.claimMs, attempt: m.attempts + 1 } }];
    }
    case 'sent': {
      const m = own(s.messages, c.id);
      if (!m || m.status !== 'queued' || m.claim?.node !== c.node) return [];
      return [{ type: 'notification:sent', data: { id: m.id, node: c.node, attempt: m.attempts } }];
    }
    case 'failed': {
      const m = own(s.messages, c.id);
      if (!m || m.status !== 'queued' || m.claim?.node !== c.node) return [];
      const error = c.error.slice(0, 200);
      if (m.attempts >= m.maxAttempts) return [{ type: 'notification:failed', data: { id: m.id, node: c.node, attempt: m.attempts, error } }];
      const wait = c.backoffMs[Math.min(m.attempts - 1, c.backoffMs.length - 1)] ?? 0;
      return [{ type: 'notification:failed', data: { id: m.id, node: c.node, attempt: m.attempts, error, retryAt: ctx.now + wait } }];
    }
  }
}

/** Waiting, due, not direct, and nobody holds a live claim on it. */
export function claimable(m: Message, now: number): boolean {
  return m.status === 'queued' && !m.direct && m.notBefore <= now && !(m.claim && m.claim.until > now);
}

/** The first message that a claim could take, from `now` on: when the sender next has work. */
export function nextDueAt(s: NotificationState, now: number): number | undefined {
  let next: number | undefined;
  for (const id in s.messages) {
    const m = s.messages[id]!;
    if (m.status !== 'queued' || m.direct) continue;
    const at = Math.max(m.notBefore, m.claim && m.claim.until > now ? m.claim.until : 0);
    if (next === undefined || at < next) next = at;
  }
  return next;
}

// evolve takes ownership of the state it is given (the engine holds the only reference): each event
// replaces one message in place instead of copying the map, as the cases stream does.
export function evolveNotification(s: NotificationState, e: Stored<NotificationEvent>): NotificationState {
  const patch = (id: string, f: (m: Message) => Message) => {
    const m = s.messages[id];
    if (m) s.messages[id] = f(m);
    return s;
  };
  switch (e.type) {
    case 'notification:queued': {
      const m = e.data.message;
      s.messages[m.id] = { ...m, status: 'queued', attempts: 0, notBefore: m.queuedAt };
      s.byKey[m.key] = m.id;
      if (e.data.phoneKey) s.recentByPhone[e.data.phoneKey] = [...(s.recentByPhone[e.data.phoneKey] ?? []).filter((t) => t > e.at - DAY), e.at];
      if (e.seq % 500 === 0) prune(s, e.at);
      return s;
    }
    case 'notification:dropped': {
      const m = e.data.message;
      s.messages[m.id] = { ...m, status: 'dropped', attempts: 0, notBefore: m.queuedAt, droppedReason: e.data.reason };
      s.byKey[m.key] = m.id;
      return s;
    }
    case 'notification:claimed':
      return patch(e.data.id, (m) => ({ ...m, attempts: e.data.attempt, claim: { node: e.data.node, until: e.data.until } }));
    case 'notification:sent':
      return patch(e.data.id, (m) => ({ ...m, status: 'sent', sentAt: e.at, claim: undefined }));
    case 'notification:failed':
      return patch(e.data.id, (m) => ({
        ...m,
        status: e.data.retryAt === undefined ? 'failed' : 'queued',
        notBefore: e.data.retryAt ?? m.notBefore,
        lastError: e.data.error,
        claim: undefined,
      }));
  }
}

/** Drops final messages (and their keys) and phone counts older than KEEP_MS. */
function prune(s: NotificationState, now: number) {
  for (const id in s.messages) {
    const m = s.messages[id]!;
    if (m.status !== 'queued' && m.queuedAt < now - KEEP_MS) {
      delete s.messages[id];
      if (s.byKey[m.key] === id) delete s.byKey[m.key];
    }
  }
  for (const k in s.recentByPhone) if (s.recentByPhone[k]!.every((t) => t <= now - DAY)) delete s.recentByPhone[k];
}

export const notificationSnapshots: SnapshotPolicy<NotificationState> = {
  every: 500,
  size: (s) => Object.keys(s.messages).length,
  // The encoded state's shape: bump when it changes (SnapshotPolicy.format).
  format: 1,
};

export const notificationDecider: Decider<NotificationState, NotificationCommand, NotificationEvent, void> = {
  initial: () => ({ messages: {}, byKey: {}, recentByPhone: {} }),
  decide: noResult(decideNotification),
  evolve: evolveNotification,
};

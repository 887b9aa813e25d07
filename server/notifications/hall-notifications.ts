// One hall's notifications on this node: the notifications stream engine, the sender loop that
// claims due messages and hands them to the Notifier (with retries and backoff), the near-turn
// watch over the hall's queue, and the send log. Every node runs one; the stream decides, so a
// message is queued once and sent by one node at a time, whichever nodes are running.
import { createHmac } from 'node:crypto';
import type { DomainEvent } from '../domain/events.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import { StreamEngine, shortId, type Clock, type Stored } from '../engine/stream-engine.ts';
import type { Actor } from '../domain/types.ts';
import type { Logger } from '../log.ts';
import type { EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import { loggableText, maskPhone, maskPhonesIn, render, templateText, type NotificationsConfig, type TemplateId } from './config.ts';
import { claimable, nextDueAt, notificationDecider, notificationSnapshots } from './domain.ts';
import type { Notifier } from './adapters.ts';
import { mayMoveQueue, nearTurnKey, ticketsNearTurn } from './near-turn.ts';
import type { Message, NotificationCommand, NotificationEvent, NotificationState, QueueRequest } from './types.ts';

const SYSTEM: Actor = { role: 'system', name: 'notifications' };
/** Waits before attempts 2, 3, 4 …: 1 s, 5 s, 30 s, 2 min, 10 min. */
export const DEFAULT_BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];
/** How long a node's claim on a message holds: far longer than one send (5 s timeout). */
const CLAIM_MS = 60_000;

export interface HallNotificationsOptions {
  hall: HallEngine;
  config: NotificationsConfig;
  store: EventStore;
  notifier: Notifier;
  log: Logger;
  clock?: Clock;
  /** Key of the phone hashes the limits count by; the same on every node (CLIENT_HASH_KEY). */
  hashKey?: string;
  backoffMs?: number[];
  /** This node's name in claims; a fresh id per start when absent. */
  node?: string;
}

/** A row of the send log: no phone number, only its masked form; no parameters (they may hold a booking code). */
export interface SendLogRow {
  id: string;
  key: string;
  template: TemplateId;
  to: string;
  audience: Message['audience'];
  status: Message['status'];
  attempts: number;
  queuedAt: number;
  sentAt?: number;
  lastError?: string;
  droppedReason?: Message['droppedReason'];
}

export class HallNotifications {
  readonly stream: StreamEngine<NotificationState, NotificationCommand, NotificationEvent, void>;
  readonly node: string;
  private readonly clock: Clock;
  private readonly backoffMs: number[];
  private readonly hashKey: string;
  private readonly unsubscribe: (() => void)[] = [];
  private pumping?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** Near-turn keys asked for on this node and not yet in the stream (the append is on its way). */
  private readonly asking = new Set<string>();
  /** Queue appends started by watches (near turn, bookings) and not yet done: settle() waits for them. */
  private readonly inflight = new Set<Promise<unknown>>();
  /**
   * Near-turn checks asked in this turn of the event loop (the tickets to look at, or all), run
   * once at its end: the check reads the forecast, and a burst of presses at many windows would
   * otherwise run the queue's forecast again after each of them.
   */
  private nearTurnDue: Set<string> | 'all' | undefined;

  constructor(private readonly o: HallNotificationsOptions) {
    this.clock = o.clock ?? (() => o.hall.now());
    this.backoffMs = o.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.hashKey = o.hashKey ?? `onewindow:${o.hall.hallId}`;
    this.node = o.node ?? shortId();
    this.stream = new StreamEngine(streams.notifications(o.hall.hallId), o.store, notificationDecider, {
      clock: this.clock,
      log: o.log,
      snapshots: notificationSnapshots,
    });
  }

  get config(): NotificationsConfig {
    return this.o.config;
  }

  get hallId(): string {
    return this.o.hall.hallId;
  }

  async start(): Promise<void> {
    await this.stream.start();
    this.unsubscribe.push(this.stream.onEvents(() => this.wake()));
    this.unsubscribe.push(this.o.hall.onEvents((events) => this.onHallEvents(events)));
    this.checkNearTurn(); // tickets already near their turn at start
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const u of this.unsubscribe) u();
    if (this.timer) clearTimeout(this.timer);
    await this.pumping;
    await this.stream.stop();
  }

  /** Queues a message once per key (a second ask with the same key is a no-op); returns it as the stream has it. */
  async queue(req: QueueRequest, maskedParams?: Record<string, string>): Promise<Message> {
    const c = this.o.config;
    await this.stream.execute(
      {
        type: 'queue',
        ...req,
        ...(maskedParams ? { maskedParams } : {}),
        phoneKey: createHmac('sha256', this.hashKey).update(`phone\0${req.to}`).digest('base64url').slice(0, 22),
        limits: { perHour: c.perPhonePerHour, perDay: c.perPhonePerDay },
        maxAttempts: c.maxAttempts,
      },
      SYSTEM,
    );
    const s = this.stream.current;
    return s.messages[s.byKey[req.key]!]!;
  }

  /**
   * Sends now, in this call, one attempt (a verification code the visitor waits for): recorded in
   * the send log and counted by the limits like any message, but its params are logged masked.
   * Rejects when it was dropped by a limit or the provider refused it.
   */
  async sendNow(req: QueueRequest, maskedParams: Record<string, string>): Promise<Message> {
    const m = await this.queue({ ...req, direct: true }, maskedParams);
    if (m.status === 'dropped') throw new Error(`not sent: ${m.droppedReason}`);
    if (m.status !== 'queued') throw new Error(`message ${m.key} was already ${m.status}`);
    // A direct message is never claimable by the loop: this node records its one attempt.
    await this.stream.execute({ type: 'claim', id: m.id, node: this.node, claimMs: CLAIM_MS, direct: true }, SYSTEM);
    await this.deliver(this.stream.current.messages[m.id]!, req.params);
    const after = this.stream.current.messages[m.id]!;
    if (after.status !== 'sent') throw new Error(`not sent: ${after.lastError ?? after.status}`);
    return after;
  }

  /** A staff message (a bad rating's follow-up due) to every staff phone of the hall, once per key. */
  async notifyStaff(input: { template: TemplateId; key: string; params: Record<string, string> }): Promise<Message[]> {
    const out: Message[] = [];
    for (const to of this.o.config.staffPhones)
      out.push(await this.queue({ key: `${input.key}:${to}`, to, template: input.template, params: this.withHall(input.params), lang: this.o.config.lang, audience: 'staff' }));
    return out;
  }

  /** Params with the hall's name in the message language. */
  withHall(params: Record<string, string>): Record<string, string> {
    return { hall: this.o.hall.hall.name[this.o.config.lang], ...params };
  }

  /** Keeps a queue append started by a watch until it is done (it never rejects: watches catch). */
  track(p: Promise<unknown>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Waits for the queue appends under way, then sends what is due (tests, shutdown). */
  async settle(): Promise<void> {
    this.checkNearTurnDue();
    while (this.inflight.size) await Promise.all(this.inflight);
    await this.pump();
  }

  /** Sends every message due now, one claim at a time; resolves when none is left due. */
  pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return this.pumping;
    }
    const run = async () => {
      do {
        this.again = false;
        for (const m of Object.values(this.stream.current.messages)) {
          if (this.stopped) return;
          if (claimable(m, this.stream.now())) await this.attempt(m.id);
        }
      } while (this.again && !this.stopped);
    };
    // Cleared in a callback, after the assignment: a run with nothing to do ends synchronously.
    this.pumping = run()
      .catch((err) => this.o.log.warn({ err }, 'the notification sender failed; it tries again at the next wake-up'))
      .finally(() => {
        this.pumping = undefined;
        this.schedule();
      });
    return this.pumping;
  }

  /** Claims a message for this node; if the claim is ours, sends it and records the outcome. */
  private async attempt(id: string): Promise<void> {
    const { events } = await this.stream.execute({ type: 'claim', id, node: this.node, claimMs: CLAIM_MS }, SYSTEM);
    if (!events.some((e) => e.type === 'notification:claimed' && e.data.node === this.node)) return;
    const m = this.stream.current.messages[id]!;
    await this.deliver(m, m.params);
  }

  private async deliver(m: Message, params: Record<string, string>): Promise<void> {
    const template = templateText(this.o.config, m.template, m.lang);
    const text = render(template, params);
    try {
      await this.o.notifier.send({ id: m.id, to: m.to!, template: m.template, params, lang: m.lang, text, logText: loggableText(template, params), hallId: this.hallId });
    } catch (err) {
      // A provider's refusal may name the number ("invalid number 138…"): the reason goes to the
      // log and to the send log, neither of which holds a full phone.
      const error = maskPhonesIn((err as Error).message || 'send failed');
      this.o.log.warn({ messageId: m.id, to: maskPhone(m.to ?? ''), template: m.template, attempt: m.attempts, error }, 'sending a notification failed');
      await this.stream.execute({ type: 'failed', id: m.id, node: this.node, error, backoffMs: this.backoffMs }, SYSTEM);
      return;
    }
    await this.stream.execute({ type: 'sent', id: m.id, node: this.node }, SYSTEM);
  }

  /** Something may be due: send it soon (never inside the caller's append). */
  private wake() {
    if (this.stopped) return;
    void this.pump();
  }

  /** Wakes at the next retry or claim expiry (the real timer; tests with a fake clock call pump). */
  private schedule() {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const now = this.clock();
    const at = nextDueAt(this.stream.current, now);
    if (at === undefined) return;
    this.timer = setTimeout(() => this.wake(), Math.min(Math.max(at - now, 200), 60_000));
    this.timer.unref();
  }

  /** After the hall's queue moved: queue "near your turn" for tickets that came within reach. */
  private onHallEvents(events: readonly DomainEvent[]) {
    if (!mayMoveQueue(events)) return;
    const only = onlyIssued(events);
    const first = this.nearTurnDue === undefined;
    if (!only) this.nearTurnDue = 'all';
    else if (this.nearTurnDue !== 'all') {
      this.nearTurnDue ??= new Set();
      for (const id of only) this.nearTurnDue.add(id);
    }
    if (first) setImmediate(() => this.checkNearTurnDue());
  }

  /** The near-turn check asked since the last one, on the hall as it is now. */
  private checkNearTurnDue() {
    const due = this.nearTurnDue;
    this.nearTurnDue = undefined;
    if (due) this.checkNearTurn(due === 'all' ? undefined : [...due]);
  }

  /** `only`: look at these tickets alone (a ticket issued moves nobody else closer). */
  private checkNearTurn(only?: readonly string[]) {
    if (this.stopped) return;
    const hall = this.o.hall;
    const s = this.stream.current;
    const told = (key: string) => this.asking.has(key) || key in s.byKey;
    for (const near of ticketsNearTurn(hall.current, hall.hall, hall.forecast(), this.o.config.nearTurnAhead, told, only)) {
      const key = nearTurnKey(near.ticket.id);
      this.asking.add(key);
      const service = hall.hall.services.find((x) => x.id === near.ticket.serviceId);
      const params = this.withHall({ number: near.ticket.number, ahead: String(near.ahead), window: near.windows, service: service?.name[this.o.config.lang] ?? '' });
      this.track(
        this.queue({ key, to: near.ticket.visitor.phone, template: 'nearTurn', params, lang: this.o.config.lang, audience: 'visitor' })
          .catch((err) => this.o.log.warn({ err, ticketId: near.ticket.id }, 'queueing a near-turn message failed; the next call retries'))
          .finally(() => this.asking.delete(key)),
      );
    }
  }

  /** The send log of messages queued (or dropped) in [from, to): read from the log, phones masked. */
  async sendLog(from: number, to: number): Promise<SendLogRow[]> {
    const events = await this.o.store.readRange(streams.notifications(this.hallId), from, to + 86_400_000);
    const rows = new Map<string, SendLogRow>();
    for (const e of events) applyToLog(rows, e, from, to);
    return [...rows.values()];
  }
}

function applyToLog(rows: Map<string, SendLogRow>, e: Stored<NotificationEvent>, from: number, to: number) {
  switch (e.type) {
    case 'notification:queued':
    case 'notification:dropped': {
      if (e.at < from || e.at >= to) return;
      const m = e.data.message;
      rows.set(m.id, {
        id: m.id,
        // A staff message's key ends with the staff phone it goes to (notifyStaff).
        key: maskPhonesIn(m.key),
        template: m.template,
        to: m.masked,
        audience: m.audience,
        status: e.type === 'notification:dropped' ? 'dropped' : 'queued',
        attempts: 0,
        queuedAt: m.queuedAt,
        ...(e.type === 'notification:dropped' ? { droppedReason: e.data.reason } : {}),
      });
      return;
    }
    case 'notification:claimed': {
      const r = rows.get(e.data.id);
      if (r) r.attempts = e.data.attempt;
      return;
    }
    case 'notification:sent': {
      const r = rows.get(e.data.id);
      if (r) Object.assign(r, { status: 'sent', sentAt: e.at });
      return;
    }
    case 'notification:failed': {
      const r = rows.get(e.data.id);
      if (r) Object.assign(r, { status: e.data.retryAt === undefined ? 'failed' : 'queued', lastError: e.data.error });
      return;
    }
  }
}

/** The tickets of a batch that only issued tickets; undefined when anything else happened. */
function onlyIssued(events: readonly DomainEvent[]): string[] | undefined {
  const ids: string[] = [];
  for (const e of events) {
    if (e.type !== 'ticket:issued') return undefined;
    ids.push(e.data.ticket.id);
  }
  return ids;
}

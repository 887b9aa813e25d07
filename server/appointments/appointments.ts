// One hall's appointments on this node: the bookings stream engine, check-in that turns a booking
// into a ticket through the hall engine, and the no-show timer (plus a lazy check before each use,
// so a missed wake-up or another node's clock never leaves a passed booking open).
import type { Actor } from '../domain/types.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { Ticket } from '../domain/types.ts';
import { StoreUnavailable, type EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import type { IdempotencyRequest } from '../engine/idempotency.ts';
import { StreamEngine, type Clock } from '../engine/stream-engine.ts';
import { fallbackLogger, type Logger } from '../log.ts';
import type { AppointmentsConfig } from './config.ts';
import { keyedHash, newConfirmCode } from './client-key.ts';
import { confirmationFor, confirmationText, type BookingConfirmation } from './confirmation.ts';
import { bookingDecider, bookingSnapshots, nextHoldEndAt, nextNoShowAt, withoutPersonalData } from './domain.ts';
import { BookingError } from './errors.ts';
import { PublicLimits } from './public-limits.ts';
import { localToEpoch, addDays } from './local-time.ts';
import { availability, type SlotAvailability } from './slots.ts';
import { appointmentStats, ticketTimes, type AppointmentStats } from './stats.ts';
import type { Booking, BookingCommand, BookingEvent, BookingState } from './types.ts';
import { ticketById } from '../domain/ticket-table.ts';

const SYSTEM: Actor = { role: 'system', name: 'appointments' };

export class Appointments {
  readonly stream: StreamEngine<BookingState, BookingCommand, BookingEvent>;
  readonly limits: PublicLimits;
  private readonly hashKey: string;
  readonly confirmation: BookingConfirmation;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    readonly hall: HallEngine,
    readonly config: AppointmentsConfig,
    private readonly store: EventStore,
    private readonly clock: Clock,
    options: { hashKey?: string; confirmation?: BookingConfirmation } = {},
    private readonly log: Logger = fallbackLogger(),
  ) {
    this.hashKey = options.hashKey ?? `onewindow:${hall.hallId}`;
    this.confirmation = options.confirmation ?? confirmationFor(config);
    this.limits = new PublicLimits(hall.hallId, config.publicLimits, store);
    this.stream = new StreamEngine(streams.bookings(hall.hallId), store, bookingDecider(hall.hall, config), {
      clock,
      log,
      snapshots: bookingSnapshots,
    });
  }

  async start(): Promise<void> {
    await this.stream.start();
    this.stream.onEvents(() => this.schedule());
    await this.sweep();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.stream.stop();
  }

  /**
   * The visitor-data purge (server/privacy): bookings made and over before `before` get their name
   * and phone masked (an event every node folds), their booking:made events are rewritten the same
   * way where the store can, and a snapshot replaces any older one that held them. Returns how many
   * events were rewritten.
   */
  async purgePersonalData(before: number): Promise<number> {
    const { state } = await this.stream.execute({ type: 'purgePersonalData', before }, SYSTEM);
    let changed = 0;
    if (this.store.rewriteBefore) {
      // Every booking:made of a purged booking still unmasked, also those a crashed earlier run left.
      changed = await this.store.rewriteBefore(streams.bookings(this.hall.hallId), before, (e) => {
        if (e.type !== 'booking:made' || e.data.booking.personalDataPurgedAt) return undefined;
        const now = state.bookings[e.data.booking.id];
        return now?.personalDataPurgedAt ? { ...e, data: { ...e.data, booking: withoutPersonalData(e.data.booking, now.personalDataPurgedAt) } } : undefined;
      });
    }
    await this.stream.saveSnapshotNow();
    return changed;
  }

  /** A booking by its code, as the log has it now. */
  async byCode(code: string): Promise<Booking | undefined> {
    await this.stream.refresh();
    await this.sweep();
    const id = this.stream.current.byCode[code];
    return id ? this.stream.current.bookings[id] : undefined;
  }

  /** Marks every booking whose slot has ended as a no-show, and releases pending holds that ran out. */
  async sweep(): Promise<void> {
    await this.stream.execute({ type: 'markNoShows' }, SYSTEM);
    await this.stream.execute({ type: 'expireHolds' }, SYSTEM);
  }

  /** What a client address is counted as: a keyed hash, never the address. */
  clientKey(address: string): string {
    return keyedHash(this.hashKey, 'address', address);
  }

  /**
   * A booking. `clientAddress` is given for a public (token-less) booking: it counts against the
   * per-address daily cap, and goes through the confirmation step (held pending until the SMS code comes back).
   */
  async book(input: { serviceId: string; slotStart: number; name: string; phone: string; idHash?: string }, actor?: Actor, clientAddress?: string): Promise<Booking> {
    await this.sweep();
    const code = clientAddress !== undefined && this.confirmation.kind === 'sms' ? newConfirmCode() : undefined;
    const { events, state } = await this.stream.execute(
      {
        type: 'book',
        ...input,
        ...(clientAddress !== undefined ? { clientKey: this.clientKey(clientAddress) } : {}),
        ...(code ? { confirmHash: this.codeHash(input.phone, code) } : {}),
      },
      actor,
    );
    const made = events.find((e) => e.type === 'booking:made')!;
    const booking = state.bookings[(made.data as { booking: Booking }).booking.id]!;
    if (code) await this.sendCode(booking, code);
    return booking;
  }

  /** Confirms a pending booking with the code sent by SMS. */
  async confirm(bookingCode: string, smsCode: string, actor?: Actor): Promise<Booking> {
    await this.sweep();
    const b = this.stream.current.bookings[this.stream.current.byCode[bookingCode] ?? ''];
    if (!b) throw new BookingError('unknown_booking', 'no booking with that code');
    const { events, state } = await this.stream.execute({ type: 'confirm', code: bookingCode, confirmHash: this.codeHash(b.phone, smsCode) }, actor);
    if (events.some((e) => e.type === 'booking:expired'))
      throw new BookingError('confirm_attempts_exceeded', 'too many wrong codes: the place was released; please book again');
    if (events.some((e) => e.type === 'booking:code-rejected')) throw new BookingError('confirm_code_wrong', 'that code is not right; please check the SMS');
    return state.bookings[b.id]!;
  }

  private codeHash(phone: string, code: string): string {
    return keyedHash(this.hashKey, 'sms-code', phone, code);
  }

  /** Sends the code; if it cannot be sent the hold is cancelled at once, so the place is not lost. */
  private async sendCode(b: Booking, code: string) {
    const holdMinutes = this.config.confirmation.type === 'sms' ? this.config.confirmation.holdMinutes : 0;
    try {
      await this.confirmation.send({ phone: b.phone, code, text: confirmationText(code, b, holdMinutes), booking: b });
    } catch (err) {
      this.log.warn({ err, stream: this.stream.streamId }, 'sending a confirmation code failed; the hold is cancelled');
      await this.stream.execute({ type: 'cancel', code: b.code }, SYSTEM).catch((cancelErr) =>
        // The hold then runs out by itself (expireHolds): the place is freed at holdUntil.
        this.log.warn({ err: cancelErr, stream: this.stream.streamId }, 'cancelling the unsent hold failed; it expires by itself'),
      );
      throw new BookingError('sms_failed', 'the confirmation code could not be sent; please try again later');
    }
  }

  async cancel(code: string, actor?: Actor): Promise<Booking> {
    await this.sweep();
    const { events, state } = await this.stream.execute({ type: 'cancel', code }, actor);
    return state.bookings[(events[0]!.data as { bookingId: string }).bookingId]!;
  }

  /**
   * Check-in: recorded on the bookings stream first (so one booking is checked in once, on any node),
   * then the ticket is issued; if issuing fails the check-in is reverted and the booking stays open.
   * With an idempotency key the whole step is idempotent: a retry replays the check-in, gets the
   * ticket the first attempt issued (or issues the one it could not), and records it once.
   */
  async checkIn(
    by: { code?: string; phone?: string; idHash?: string },
    actor: Actor,
    source: string,
    idempotency?: IdempotencyRequest,
  ): Promise<{ booking: Booking; ticket: Ticket }> {
    await this.sweep();
    const { events } = await this.stream.execute({ type: 'checkIn', ...by }, actor, idempotency);
    const bookingId = (events[0]!.data as { bookingId: string }).bookingId;
    // The first attempt's ticket was refused and its check-in undone: this attempt checks in again.
    if (idempotency && this.stream.current.bookings[bookingId]!.status === 'booked')
      await this.stream.execute({ type: 'checkIn', code: this.stream.current.bookings[bookingId]!.code }, actor);
    const booking = this.stream.current.bookings[bookingId]!;
    let ticket: Ticket;
    try {
      ticket = await this.issueFor(booking, actor, source, idempotency && { key: `check-in:${idempotency.key}`, fingerprint: `booking:${booking.id}` });
    } catch (err) {
      // With a key, a store that did not answer leaves the outcome unknown: the client retries and
      // finds the ticket if it was issued; undoing the check-in now could give the booking two.
      if (!(idempotency && err instanceof StoreUnavailable))
        await this.stream.execute({ type: 'revertCheckIn', bookingId }, SYSTEM).catch((revertErr) =>
          // The caller gets the issue's error; this one leaves a booking checked in without a ticket.
          this.log.error({ err: revertErr, stream: this.stream.streamId, bookingId }, 'undoing a check-in whose ticket was refused failed'),
        );
      throw err;
    }
    if (this.stream.current.bookings[bookingId]!.ticketId !== ticket.id)
      await this.stream.execute({ type: 'ticketed', bookingId, ticketId: ticket.id, ticketNumber: ticket.number }, SYSTEM);
    return { booking: this.stream.current.bookings[bookingId]!, ticket };
  }

  private async issueFor(booking: Booking, actor: Actor, source: string, idempotency?: IdempotencyRequest): Promise<Ticket> {
    const issued = await this.hall.execute(
      {
        type: 'issue',
        serviceId: booking.serviceId,
        lane: booking.lane!,
        visitor: { name: booking.name, phone: booking.phone, ...(booking.idHash ? { idHash: booking.idHash } : {}) },
        source,
        appointmentId: booking.id,
      },
      actor,
      idempotency,
    );
    const { ticket } = issued.result;
    // A replayed ticket may have left the day's state since: show it as it was issued.
    return ticketById(issued.state.tickets, ticket.id) ?? ticket;
  }

  /** Reads catch up with other nodes' appends first, so every node shows the same places. */
  async slots(date: string): Promise<SlotAvailability[]> {
    await this.stream.refresh();
    await this.sweep();
    return availability(this.stream.current, this.config, date, this.hall.hall.timeZone, this.clock());
  }

  async stats(date: string): Promise<AppointmentStats> {
    await this.stream.refresh();
    await this.sweep();
    const tz = this.hall.hall.timeZone;
    const from = localToEpoch(date, 0, tz);
    const to = localToEpoch(addDays(date, 1), 0, tz);
    const times = ticketTimes(await this.store.readRange(streams.hall(this.hall.hallId), from, to));
    return appointmentStats(date, Object.values(this.stream.current.bookings), times);
  }

  /** Wakes at the next slot end of an open booking. */
  private schedule() {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const now = this.clock();
    const times = [nextNoShowAt(this.stream.current, now), nextHoldEndAt(this.stream.current, now)].filter((t) => t !== undefined);
    if (times.length === 0) return;
    const at = Math.min(...times);
    this.timer = setTimeout(
      () => {
        this.sweep()
          .catch((err) => this.log.error({ err, stream: this.stream.streamId }, 'marking no-shows or releasing holds failed'))
          .finally(() => this.schedule());
      },
      Math.min(Math.max(at - now + 500, 1000), 2 ** 31 - 1),
    );
    this.timer.unref();
  }
}

// One hall's ratings on this node: its stream engine, its settings, and what a rating sets off
// (the follow-up case of a bad one).
import type { Case } from '../cases/types.ts';
import type { HallConfig } from '../domain/types.ts';
import type { Actor } from '../domain/types.ts';
import { serviceDayOf } from '../domain/service-day.ts';
import { own } from '../domain/own.ts';
import type { StreamEngine } from '../engine/stream-engine.ts';
import type { CaseDeskService } from '../cases/plugin.ts';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { EventStore } from '../store/port.ts';
import { streams } from '../store/streams.ts';
import type { RatingsConfig } from './config.ts';
import { RatingError } from './domain.ts';
import { isBad, LEVEL_LABELS, type Level } from './levels.ts';
import type { FoundTicket } from './ticket-lookup.ts';
import type { Rating, RatingCommand, RatingEvent, RatingState, RatingVia } from './types.ts';
import type { WorkingCalendar } from '../domain/working-days.ts';
import { workingDayDeadline } from './working-days.ts';

const HOUR = 3_600_000;

export type RatingDesk = StreamEngine<RatingState, RatingCommand, RatingEvent>;

export interface RateInput {
  level: Level;
  reasons: string[];
  comment?: string | undefined;
  via: RatingVia;
}

export class HallRatings {
  readonly calendar: WorkingCalendar;

  constructor(
    readonly hall: HallConfig,
    readonly config: RatingsConfig,
    readonly desk: RatingDesk,
    private readonly store: EventStore,
    private readonly caseDesk: CaseDeskService | undefined,
    private readonly log: Logger,
    /** Tells the hall's manager a follow-up is due (the notifications feature, when it runs); once per case. */
    private readonly onFollowUp?: (k: Case) => Promise<unknown>,
  ) {
    // The hall's calendar (calendar:), the appointment holidays and the ratings block's own days.
    this.calendar = {
      holidays: [...(hall.calendar?.holidays ?? []), ...(hall.appointments?.holidays ?? []), ...config.holidays],
      workdays: [...(hall.calendar?.workdays ?? []), ...config.workdays],
    };
  }

  /** Whether a ticket may be rated now, and until when. */
  status(t: { id: string; status: string; finishedAt?: number | undefined }) {
    const rating = own(this.desk.current.recent, t.id);
    const until = t.finishedAt === undefined ? null : t.finishedAt + this.config.windowHours * HOUR;
    return {
      rated: rating !== undefined,
      ...(rating ? { level: rating.level } : {}),
      rateable: !rating && t.status === 'done' && until !== null && this.desk.now() <= until,
      rateableUntil: until,
    };
  }

  async rate(found: FoundTicket, input: RateInput, actor: Actor, log: Logger = this.log) {
    let state: RatingState;
    try {
      ({ state } = await this.desk.execute({ type: 'rate', ticket: found.ticket, level: input.level, reasons: input.reasons, ...(input.comment ? { comment: input.comment } : {}), via: input.via }, actor));
    } catch (err) {
      if (err instanceof RatingError) throw new ApiError(err.status, err.code, err.message);
      throw err;
    }
    const r = state.recent[found.ticket.id]!;
    const followUp = isBad(r.level) ? await this.followUp(r, found.visitor, log) : undefined;
    return {
      ticketNumber: r.ticketNumber,
      level: r.level,
      label: LEVEL_LABELS[r.level],
      reasons: r.reasons,
      ratedAt: r.ratedAt,
      ...(followUp ? { followUp } : {}),
    };
  }

  /** Opens the follow-up case of a bad rating (once per ticket: the cases decider keeps it so). */
  private async followUp(r: Rating & { ratedAt: number }, visitor: FoundTicket['visitor'], log: Logger) {
    if (!this.caseDesk) return undefined;
    const dueAt = workingDayDeadline(serviceDayOf(r.ratedAt, this.hall.timeZone), this.config.followUpWorkingDays, this.calendar, this.hall.timeZone);
    try {
      const k = await this.caseDesk.openFollowUp(this.hall.id, {
        rating: { ticketId: r.ticketId, level: r.level, reasons: r.reasons, ...(r.comment ? { comment: r.comment } : {}), ...(r.clerk ? { clerk: r.clerk } : {}), ratedAt: r.ratedAt },
        serviceId: r.serviceId,
        windowId: r.windowId,
        ticketNumber: r.ticketNumber,
        ...(visitor ? { visitor } : {}),
        dueAt,
        problem: `差评回访 ${LEVEL_LABELS[r.level].zh}: ${r.ticketNumber}`,
      });
      await this.onFollowUp?.(k).catch((err) => log.warn({ err, caseId: k.id }, 'telling the manager of a follow-up failed; the case is listed on the dashboard'));
      return { dueAt: k.dueAt ?? dueAt };
    } catch (err) {
      // The rating is recorded; the case is opened at the next start (sweep), so it is not lost.
      log.error({ err, ticketId: r.ticketId }, 'opening the follow-up case of a bad rating failed; retried at the next start');
      return { dueAt };
    }
  }

  /** Opens the follow-up of every recent bad rating that has none (a crash between the two appends). */
  async sweepFollowUps(): Promise<void> {
    for (const r of Object.values(this.desk.current.recent)) if (isBad(r.level)) await this.followUp(r, undefined, this.log);
  }

  /** Ratings of tickets finished in [from, to) (epoch ms), from the log. */
  async finishedBetween(from: number, to: number): Promise<Rating[]> {
    const events = await this.store.readRange(streams.ratings(this.hall.id), from, to + this.config.windowHours * HOUR + 1);
    return events.map((e) => e.data.rating).filter((r) => r.finishedAt >= from && r.finishedAt < to);
  }

  /** Today's ratings (tickets finished on the hall's service day). */
  today(now: number): Rating[] {
    const day = serviceDayOf(now, this.hall.timeZone);
    return Object.values(this.desk.current.recent).filter((r) => serviceDayOf(r.finishedAt, this.hall.timeZone) === day);
  }
}

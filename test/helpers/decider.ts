// Given events / when command / then events: specs for the pure domain.
import { parseDeployment } from '../../server/config/load.ts';
import type { HallConfig } from '../../server/config/schema.ts';
import type { Command, ResultOf } from '../../server/domain/commands.ts';
import { dayDue, decide, hallTime } from '../../server/domain/decide.ts';
import { DomainError } from '../../server/domain/errors.ts';
import type { DomainEvent, StoredEvent } from '../../server/domain/events.ts';
import { evolve, initialState } from '../../server/domain/evolve.ts';
import type { HallState } from '../../server/domain/types.ts';
import { ticketById, ticketList } from '../../server/domain/ticket-table.ts';

/** 2026-11-27 09:00 in Asia/Shanghai. */
export const NINE_AM = Date.parse('2026-11-27T09:00:00+08:00');
export const MINUTE = 60_000;

/** A small hall: two services, a comprehensive window, a business-only window, an elderly window. */
export const smallHall: HallConfig = parseDeployment({
  id: 'small',
  name: { zh: '测试大厅', en: 'Test hall' },
  timeZone: 'Asia/Shanghai',
  policy: { elderlyStreakMax: 2, maxWaitMinutes: 60, noShowGraceMinutes: 30 },
  services: [
    { id: 'biz', prefix: 'A', name: { zh: '企业开办', en: 'Business' }, targetWaitMinutes: 15 },
    { id: 'soc', prefix: 'B', name: { zh: '社保', en: 'Social security' }, targetWaitMinutes: 10 },
  ],
  windows: [
    { id: 'w1', number: 1, name: { zh: '1号窗口', en: 'Window 1' }, services: ['biz', 'soc'] },
    { id: 'w2', number: 2, name: { zh: '2号窗口', en: 'Window 2' }, services: ['biz'] },
    { id: 'w3', number: 3, name: { zh: '3号敬老窗口', en: 'Window 3' }, services: ['biz', 'soc'], prefersLane: 'elderly' },
  ],
}).halls[0]!;

/** Runs commands one after another against a hall, folding their events like the engine does. */
export class Scenario {
  state: HallState;
  log: StoredEvent[] = [];
  now: number;
  private ids = 0;

  constructor(
    readonly hall: HallConfig = smallHall,
    start = NINE_AM,
    /** New ticket ids (default t1, t2, …); tickets of one instant are ordered by id. */
    private readonly newId?: () => string,
  ) {
    this.state = initialState(hall.id);
    this.now = start;
  }

  at(time: number): this {
    this.now = time;
    return this;
  }

  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Decides and folds like the engine: the day roll first when the day is due, then the command.
   * Returns the new events. Throws the DomainError of a refusal. */
  run(command: Command): DomainEvent[] {
    return this.decided(command).events;
  }

  /** As run, for random days: false (and nothing folded) when the hall refuses the command with a
   * DomainError; any other error is thrown. */
  tryRun(command: Command): boolean {
    try {
      this.run(command);
      return true;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return false;
    }
  }

  /** As run, with the command's result. */
  decided<C extends Command>(command: C): { events: DomainEvent[]; result: ResultOf<C> } {
    const now = hallTime(this.state, this.now);
    const ctx = { now, newId: this.newId ?? (() => `t${++this.ids}`) };
    const roll = dayDue(this.hall, this.state, now) && command.type !== 'rollDay' ? decide(this.hall, this.state, { type: 'rollDay' }, ctx).events : [];
    const today = roll.reduce((s, e) => evolve(s, { ...e, hallId: this.hall.id, at: now } as DomainEvent), this.state);
    const { events, result } = decide(this.hall, today, command, ctx);
    const stamped = [...roll, ...events].map((e) => ({ ...e, hallId: this.hall.id, at: now }) as DomainEvent);
    for (const e of stamped) {
      const stored = { ...e, seq: this.state.seq + 1 } as StoredEvent;
      this.log.push(stored);
      this.state = evolve(this.state, stored);
    }
    return { events: stamped, result };
  }

  issue(serviceId: string, lane: Command & { type: 'issue' } extends { lane: infer L } ? L : never = 'normal'): string {
    // The appointment lane comes only from a booking's check-in, which names the booking.
    const booking = lane === 'appointment' ? { appointmentId: `booking-${this.ids + 1}` } : {};
    return this.decided({ type: 'issue', serviceId, lane, ...booking }).result.ticket.number;
  }

  /** Presses next; returns the called number or undefined. */
  next(windowId: string): string | undefined {
    const { calledTicketId } = this.decided({ type: 'callNext', windowId }).result;
    return calledTicketId ? ticketById(this.state.tickets, calledTicketId)!.number : undefined;
  }

  ticket(number: string) {
    return ticketList(this.state.tickets).find((t) => t.number === number)!;
  }
}

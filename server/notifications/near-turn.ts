// Which waiting tickets are now near their turn: a visitor who left a phone number is told once
// when the people before them (the forecast's `ahead`, the number the status page shows) drop to
// `nearTurnAhead` or fewer. Pure: the hall's state and its forecast in, the tickets to tell out.
import type { DomainEvent } from '../domain/events.ts';
import type { Forecast } from '../domain/forecast.ts';
import { isOpen } from '../domain/forecast.ts';
import { windowTakes } from '../domain/lane-policy.ts';
import { ticketById } from '../domain/ticket-table.ts';
import type { HallConfig, HallState, Ticket } from '../domain/types.ts';

export const nearTurnKey = (ticketId: string) => `nearTurn:${ticketId}`;

/**
 * Whether these events can bring a waiting ticket closer to its turn: a call or a cancel takes
 * one out of the queues, a window opening adds a caller, a ticket issued with a phone may start
 * near the front. Other events (starts, finishes, recalls, pauses) never lower anyone's `ahead`
 * enough to matter, and a forecast per event would cost a replay of the queue each time.
 */
export function mayMoveQueue(events: readonly DomainEvent[]): boolean {
  return events.some((e) => {
    switch (e.type) {
      case 'ticket:called':
      case 'ticket:cancelled':
      case 'ticket:transferred':
      case 'window:opened':
      case 'window:resumed':
        return true;
      case 'ticket:issued':
        return Boolean(e.data.ticket.visitor?.phone);
      default:
        return false;
    }
  });
}

export interface NearTurn {
  ticket: Ticket & { visitor: { phone: string } };
  ahead: number;
  /** Numbers of the open windows that may call it ("3" or "3/5"). */
  windows: string;
}

/** Waiting tickets with a phone, `ahead` ≤ limit, not yet told (`told(key)` false); among `only` when given. */
export function ticketsNearTurn(state: HallState, hall: HallConfig, forecast: Forecast, limit: number, told: (key: string) => boolean, only?: readonly string[]): NearTurn[] {
  const out: NearTurn[] = [];
  const ids = only ?? forecast.tickets.keys();
  for (const id of ids) {
    // The ticket first: most have no phone, and their place in the queue need not be counted.
    const t = ticketById(state.tickets, id);
    const phone = t?.visitor?.phone;
    if (!t || t.status !== 'waiting' || !phone) continue;
    const f = forecast.tickets.get(id);
    if (!f || f.ahead > limit || told(nearTurnKey(id))) continue;
    const windows = hall.windows.filter((w) => isOpen(state, w) && windowTakes(w, t)).map((w) => String(w.number));
    out.push({ ticket: t as NearTurn['ticket'], ahead: f.ahead, windows: windows.join('/') });
  }
  return out;
}

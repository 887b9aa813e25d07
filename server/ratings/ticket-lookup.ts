// The ticket a rating is about, read from the hall: today's tickets are in the hall's state; a
// ticket finished before the day rolled (rated from the phone after midnight) is found in the log.
// Who finished it (the clerk the rating counts for) is the actor of its finish event.
import type { HallEngine } from '../engine/hall-engine.ts';
import type { Ticket } from '../domain/types.ts';
import { ticketById, ticketList } from '../domain/ticket-table.ts';
import { streams } from '../store/streams.ts';
import type { EventStore } from '../store/port.ts';
import type { RatedTicket } from './types.ts';

const HOUR = 3_600_000;

export interface FoundTicket {
  ticket: RatedTicket;
  /** For the follow-up call of a bad rating only; never shown on the device or in events. */
  visitor?: Ticket['visitor'];
}

function rated(t: Ticket, clerk: string | undefined): RatedTicket {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    status: t.status,
    ...(t.windowId ? { windowId: t.windowId } : {}),
    ...(t.finishedAt !== undefined ? { finishedAt: t.finishedAt } : {}),
    ...(clerk ? { clerk } : {}),
  };
}

/** The actor of the ticket's finish event (events at that very ms). */
async function finisher(store: EventStore, engine: HallEngine, t: Ticket): Promise<string | undefined> {
  if (t.finishedAt === undefined) return undefined;
  const events = await store.readRange(streams.hall(engine.hallId), t.finishedAt, t.finishedAt + 1);
  const e = events.find((x) => x.type === 'ticket:finished' && x.data.ticketId === t.id);
  return e?.actor?.name;
}

export async function findTicket(store: EventStore, engine: HallEngine, ticketId: string, windowHours: number): Promise<FoundTicket | undefined> {
  // The ticket may have been finished on another node a moment ago: fold what the log has first.
  await engine.refresh();
  const today = ticketById(engine.current.tickets, ticketId);
  if (today) return { ticket: rated(today, await finisher(store, engine, today)), ...(today.visitor ? { visitor: today.visitor } : {}) };
  // Not today's: issued at most a day before it was finished, finished within the rating window.
  const now = engine.now();
  const events = await store.readRange(streams.hall(engine.hallId), now - windowHours * HOUR - 24 * HOUR, now + 1);
  let t: Ticket | undefined;
  let clerk: string | undefined;
  for (const e of events) {
    if (e.type === 'ticket:issued' && e.data.ticket.id === ticketId) t = e.data.ticket;
    else if (e.type === 'ticket:transferred' && e.data.ticket.id === ticketId) t = e.data.ticket;
    else if (t && e.type === 'ticket:finished' && e.data.ticketId === ticketId) {
      t = { ...t, status: 'done', windowId: e.data.windowId, finishedAt: e.at };
      clerk = e.actor?.name;
    }
  }
  if (!t) return undefined;
  // Found in the log but not finished there: whatever it became, it was not served.
  if (t.status !== 'done') t = { ...t, status: 'expired' };
  return { ticket: rated(t, clerk), ...(t.visitor ? { visitor: t.visitor } : {}) };
}

/** The ticket finished last at a window today: the only one its rating device may rate. */
export function lastFinishedAt(engine: HallEngine, windowId: string): Ticket | undefined {
  let last: Ticket | undefined;
  for (const t of ticketList(engine.current.tickets))
    if (t.status === 'done' && t.windowId === windowId && t.finishedAt !== undefined && (!last || later(t, last))) last = t;
  return last;
}

/** Finished later; in the same millisecond (a node clock held at the newest event's time), called later. */
function later(a: Ticket, b: Ticket): boolean {
  if (a.finishedAt !== b.finishedAt) return a.finishedAt! > b.finishedAt!;
  return (a.calledAt ?? 0) !== (b.calledAt ?? 0) ? (a.calledAt ?? 0) > (b.calledAt ?? 0) : a.issuedAt > b.issuedAt;
}

// Mends a hall state saved by an older version (a snapshot): tickets kept as a plain record before
// the ticket table, queues missing or kept as plain arrays before the chunked queues, no tally.
import { tallyOf } from './day-tally.ts';
import { rebuildQueues, type Queue } from './queues.ts';
import { isTicketTable, ticketTableOf } from './ticket-table.ts';
import type { HallState, Ticket } from './types.ts';

export function restoreState(saved: HallState): HallState {
  const tickets = isTicketTable(saved.tickets) ? saved.tickets : ticketTableOf((saved.tickets ?? {}) as unknown as Record<string, Ticket>);
  const state = { ...saved, tickets, tally: saved.tally ?? tallyOf(tickets) };
  return queuesAreCurrent(saved.queues) ? state : rebuildQueues(state);
}

function queuesAreCurrent(queues: HallState['queues'] | undefined): boolean {
  if (!queues) return false;
  return Object.values(queues).every((q: Queue | string[]) => !Array.isArray(q) && Array.isArray(q.chunks));
}

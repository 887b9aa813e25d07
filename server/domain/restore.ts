// Mends a hall state saved by an older version (a snapshot): tickets kept as a plain record or in
// 256 buckets before the ticket trie, queues missing or kept as plain arrays before the chunked
// queues, no tally, last numbers and per-window counts kept as plain records before keyed ones,
// walk-ins kept by slot number in a record before the list (read from the tickets until the next day).
import { savedTally, tallyOf } from './day-tally.ts';
import { savedKeyed } from './keyed.ts';
import { savedWalkIns } from './walk-in-cap.ts';
import { rebuildQueues, type Queue } from './queues.ts';
import { savedTicketTable } from './ticket-table.ts';
import type { HallState } from './types.ts';

export function restoreState(saved: HallState): HallState {
  const tickets = savedTicketTable(saved.tickets);
  const { walkIns, ...rest } = saved;
  const slots = savedWalkIns(walkIns);
  const state: HallState = {
    ...rest,
    tickets,
    lastNumber: savedKeyed(saved.lastNumber),
    tally: saved.tally ? savedTally(saved.tally) : tallyOf(tickets),
    ...(slots ? { walkIns: slots } : {}),
  };
  return queuesAreCurrent(saved.queues) ? state : rebuildQueues(state);
}

function queuesAreCurrent(queues: HallState['queues'] | undefined): boolean {
  if (!queues) return false;
  return Object.values(queues).every((q: Queue | string[]) => !Array.isArray(q) && Array.isArray(q.chunks));
}

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

/**
 * The shape of a saved hall state (JSON of HallState: the ticket trie of ./ticket-table.ts, the
 * chunked queues, keyed records, the tally, the walk-in list). Bump it whenever that shape changes,
 * and teach restoreState the old one if it should still be read: a node still on the older version
 * then never finds the new shape (each format is stored apart). 1: what nodes that knew no format
 * saved (any of the shapes above, mended by restoreState); 2: today's shape, the first versioned.
 * test/engine/snapshot-formats.test.ts fails when the shape changes and this does not.
 */
export const HALL_SNAPSHOT_FORMAT = 2;

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

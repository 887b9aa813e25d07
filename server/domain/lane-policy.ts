// Which ticket a window gets next. The only copy of this rule: stores and scripts never re-implement it.
//
// Order for one press of "next" at a window, among the waiting tickets that window may take:
//   1. overdue: waited maxWaitMinutes or more — oldest arrival first, so nothing starves;
//   2. green channel (绿色通道), strictly first;
//   3. checked-in appointments (预约), before walk-ins;
//   4. the window's preferred lane (the elderly window, 敬老专窗), when one waits;
//   5. elderly (敬老) before normal, but at most elderlyStreakMax elderly calls in a row at this
//      window while a normal ticket waits;
//   6. normal.
// Within a lane: reactivated no-shows first, then earliest arrival (transfers keep theirs).
// People ahead and call times are this rule replayed (forecast.ts), never a second ranking.
import { byQueueOrder } from './queues.ts';
import { ticketById } from './ticket-table.ts';
import type { HallConfig, HallState, Lane, Ticket, WindowConfig } from './types.ts';
export { byQueueOrder } from './queues.ts';

export function windowTakes(window: WindowConfig, ticket: Ticket): boolean {
  if (ticket.targetWindowId !== undefined) return ticket.targetWindowId === window.id;
  if (!window.services.includes(ticket.serviceId)) return false;
  return !window.lanes || window.lanes.includes(ticket.lane);
}

function byArrival(a: Ticket, b: Ticket): number {
  return a.arrivedAt - b.arrivedAt || byQueueOrder(a, b);
}

/**
 * Per lane, the first ticket this window may take (queue order), and the longest-waiting one
 * (arrival order). Reads only queue heads: a queue is sorted with reactivated no-shows first and
 * then by arrival, so past the first plain ticket the window may take, nothing older follows.
 */
function laneHeads(state: HallState, window: WindowConfig) {
  const first = new Map<Lane, Ticket>();
  let oldest: Ticket | undefined;
  for (const key in state.queues) {
    const [serviceId, lane] = key.split('|') as [string, Lane];
    // decide only transfers a ticket to a window that serves its service.
    if (!window.services.includes(serviceId)) continue;
    scan: for (const chunk of state.queues[key]!.chunks) {
      for (const id of chunk) {
        const t = ticketById(state.tickets, id)!;
        if (!windowTakes(window, t)) continue;
        const best = first.get(lane);
        if (!best || byQueueOrder(t, best) < 0) first.set(lane, t);
        if (!oldest || byArrival(t, oldest) < 0) oldest = t;
        if (!t.front) break scan;
      }
    }
  }
  return { first, oldest };
}

export function pickNext(state: HallState, hall: HallConfig, windowId: string, now: number): Ticket | undefined {
  const window = hall.windows.find((w) => w.id === windowId);
  if (!window) return undefined;
  const { first, oldest } = laneHeads(state, window);
  if (!oldest) return undefined;

  if (now - oldest.arrivedAt >= hall.policy.maxWaitMinutes * 60_000) return oldest;

  const green = first.get('green');
  if (green) return green;
  const appointment = first.get('appointment');
  if (appointment) return appointment;
  if (window.prefersLane) {
    const preferred = first.get(window.prefersLane);
    if (preferred) return preferred;
  }
  const elderly = first.get('elderly');
  const normal = first.get('normal');
  const streak = state.windows[windowId]?.elderlyStreak ?? 0;
  if (elderly && (!normal || streak < hall.policy.elderlyStreakMax)) return elderly;
  return normal ?? elderly;
}

/** Waiting tickets per service id. */
export function waitingCounts(state: HallState, hall: HallConfig): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(hall.services.map((s) => [s.id, 0]));
  for (const key in state.queues) {
    const serviceId = key.slice(0, key.indexOf('|'));
    counts[serviceId] = (counts[serviceId] ?? 0) + state.queues[key]!.size;
  }
  return counts;
}

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
import type { HallConfig, HallState, Lane, Ticket, WindowConfig } from './types.ts';

export function windowTakes(window: WindowConfig, ticket: Ticket): boolean {
  if (ticket.targetWindowId !== undefined) return ticket.targetWindowId === window.id;
  if (!window.services.includes(ticket.serviceId)) return false;
  return !window.lanes || window.lanes.includes(ticket.lane);
}

/** Queue order inside one lane. */
export function byQueueOrder(a: Ticket, b: Ticket): number {
  return (
    Number(!a.front) - Number(!b.front) ||
    a.arrivedAt - b.arrivedAt ||
    a.issuedAt - b.issuedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function byArrival(a: Ticket, b: Ticket): number {
  return a.arrivedAt - b.arrivedAt || byQueueOrder(a, b);
}

function first(tickets: Ticket[], order = byQueueOrder): Ticket | undefined {
  let best: Ticket | undefined;
  for (const t of tickets) if (!best || order(t, best) < 0) best = t;
  return best;
}

export function waitingFor(state: HallState, window: WindowConfig): Ticket[] {
  const out: Ticket[] = [];
  for (const id in state.tickets) {
    const t = state.tickets[id]!;
    if (t.status === 'waiting' && windowTakes(window, t)) out.push(t);
  }
  return out;
}

export function pickNext(state: HallState, hall: HallConfig, windowId: string, now: number): Ticket | undefined {
  const window = hall.windows.find((w) => w.id === windowId);
  if (!window) return undefined;
  const candidates = waitingFor(state, window);
  if (candidates.length === 0) return undefined;

  const maxWaitMs = hall.policy.maxWaitMinutes * 60_000;
  const overdue = first(candidates.filter((t) => now - t.arrivedAt >= maxWaitMs), byArrival);
  if (overdue) return overdue;

  const inLane = (lane: Lane) => first(candidates.filter((t) => t.lane === lane));
  const green = inLane('green');
  if (green) return green;
  const appointment = inLane('appointment');
  if (appointment) return appointment;
  if (window.prefersLane) {
    const preferred = inLane(window.prefersLane);
    if (preferred) return preferred;
  }
  const elderly = inLane('elderly');
  const normal = inLane('normal');
  const streak = state.windows[windowId]?.elderlyStreak ?? 0;
  if (elderly && (!normal || streak < hall.policy.elderlyStreakMax)) return elderly;
  return normal ?? elderly;
}

const LANE_RANK: Record<Lane, number> = { green: 0, appointment: 1, elderly: 2, normal: 2 };

/**
 * People ahead of a waiting ticket in its service's queue, by lane rank then queue order.
 * An estimate for the visitor: the exact order also depends on which window presses next.
 */
export function peopleAhead(state: HallState, ticket: Ticket): number {
  if (ticket.status !== 'waiting') return 0;
  let ahead = 0;
  for (const id in state.tickets) {
    const t = state.tickets[id]!;
    if (t === ticket || t.status !== 'waiting' || t.serviceId !== ticket.serviceId) continue;
    const rank = LANE_RANK[t.lane] - LANE_RANK[ticket.lane];
    if (rank < 0 || (rank === 0 && byQueueOrder(t, ticket) < 0)) ahead++;
  }
  return ahead;
}

/** Waiting tickets per service id. */
export function waitingCounts(state: HallState, hall: HallConfig): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(hall.services.map((s) => [s.id, 0]));
  for (const id in state.tickets) {
    const t = state.tickets[id]!;
    if (t.status === 'waiting') counts[t.serviceId] = (counts[t.serviceId] ?? 0) + 1;
  }
  return counts;
}

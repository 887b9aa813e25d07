// The reference for the forecast kept incrementally (server/domain/forecast-index.ts): the replay as
// it was before, run from scratch on every state, kept here as the tests' slow model.
//
// It replays pickNext — the very rule callNext uses — on a scratch copy of the queues, as an
// event-driven run of the windows: each open window is free at `now` plus the expected remaining
// time of its current visitor (the service times' remainingMs hook when they have one); repeatedly the window that frees first (ties: hall window order)
// presses next at that instant, and is free again one expected service time of the called ticket's
// service later. A window with nothing it may take drops out (with no arrivals nothing comes back).
// When the open windows are done, the paused and closed windows press in hall order as if they had
// opened then: that ranks the tickets only they may take (those get no call time).
//
// For every waiting ticket:
//   ahead  = calls made before it, in that run, at windows that could take it (windowTakes);
//   callAt = the instant it is called, or null when no open window may take it.
// The live state is never touched: states are immutable, and the run folds its own calls into a
// scratch state that shares the rest (queues.ts, ticket-table.ts).
import { pickNext, windowTakes } from '../../server/domain/lane-policy.ts';
import { dequeue, enqueue, queueIds } from '../../server/domain/queues.ts';
import { ticketById, withTicket } from '../../server/domain/ticket-table.ts';
import type { HallConfig, HallState, Ticket, WindowConfig } from '../../server/domain/types.ts';
import { isOpen, type Forecast, type ServiceTimes, type TicketForecast } from '../../server/domain/forecast.ts';

interface SimWindow {
  config: WindowConfig;
  freeAt: number;
  calls: number;
}

/**
 * Replays the hall's next presses from `state` at `now`. `probe`, a ticket not in the state (a
 * ticket taken now, for a kiosk's estimate), is queued in the scratch copy as if issued.
 */
export function referenceForecast(state: HallState, hall: HallConfig, now: number, serviceMs: ServiceTimes, probe?: Ticket): Forecast {
  let scratch = scratchOf(state, probe);
  const windows: SimWindow[] = hall.windows.map((config) => ({ config, freeAt: freeAt(state, config, now, serviceMs), calls: 0 }));
  const active = windows.slice();
  const out = new Map<string, TicketForecast>();
  let lastAt = now;
  for (;;) {
    const w = firstFree(active);
    if (!w) break;
    if (!Number.isFinite(w.freeAt)) {
      // The open windows are done: the others take over from then, as if they had just opened.
      for (const x of active) x.freeAt = lastAt;
      continue;
    }
    const at = (lastAt = w.freeAt);
    const t = pickNext(scratch, hall, w.config.id, at);
    if (!t) {
      active.splice(active.indexOf(w), 1);
      continue;
    }
    out.set(t.id, { ahead: callsAt(windows, t), callAt: isOpen(state, w.config) ? at : null });
    w.calls++;
    scratch = take(scratch, t, w.config.id);
    w.freeAt = at + serviceMs(t.serviceId);
  }
  // Tickets no window at all may take stay in the scratch queues.
  for (const key in scratch.queues)
    for (const id of queueIds(scratch.queues[key])) out.set(id, { ahead: callsAt(windows, ticketById(scratch.tickets, id)!), callAt: null });
  return { seq: state.seq, now, tickets: out };
}

/** The state the run starts from: the probe, when given, issued into it. */
function scratchOf(state: HallState, probe?: Ticket): HallState {
  if (!probe) return state;
  const tickets = withTicket(state.tickets, probe);
  return { ...state, tickets, queues: enqueue(state.queues, tickets, probe) };
}

function freeAt(state: HallState, w: WindowConfig, now: number, serviceMs: ServiceTimes): number {
  if (!isOpen(state, w)) return Infinity;
  const currentId = state.windows[w.id]?.currentTicketId;
  const current = currentId ? ticketById(state.tickets, currentId) : undefined;
  if (!current || (current.status !== 'called' && current.status !== 'serving')) return now;
  if (serviceMs.remainingMs) return now + serviceMs.remainingMs(current, w.id, now);
  const since = current.startedAt ?? current.calledAt ?? now;
  return now + Math.max(0, serviceMs(current.serviceId) - (now - since));
}

/** The window that frees first; ties go to the earlier window in the hall's list. */
function firstFree(active: SimWindow[]): SimWindow | undefined {
  let best: SimWindow | undefined;
  for (const w of active) if (!best || w.freeAt < best.freeAt) best = w;
  return best;
}

function callsAt(windows: SimWindow[], t: Ticket): number {
  let n = 0;
  for (const w of windows) if (windowTakes(w.config, t)) n += w.calls;
  return n;
}

/** What evolve does to the queues and the window for `ticket:called`, on the scratch state. */
function take(scratch: HallState, t: Ticket, windowId: string): HallState {
  const w = scratch.windows[windowId];
  const elderlyStreak = t.lane === 'elderly' ? (w?.elderlyStreak ?? 0) + 1 : 0;
  return {
    ...scratch,
    queues: dequeue(scratch.queues, scratch.tickets, t),
    windows: { ...scratch.windows, [windowId]: w ? { ...w, elderlyStreak } : { id: windowId, status: 'open', elderlyStreak, since: 0 } },
  };
}

// The JSON of the public views, byte for byte: displays, the clerk console and the visitor's page
// read these keys, and a cache or a client that compares texts sees their order. After any history
// of issues in every lane, calls, no-shows, reactivations, transfers, cancels and windows paused and
// resumed, each live event, each ticket's view (with a forecast's people ahead while it waits) and
// each window's detail serialise exactly as a reference built key by key from the contract's lists
// of keys (written apart from public-view.ts, which builds each common shape in one literal).
import test from 'ava';
import fc from 'fast-check';
import { evolve, initialState } from '../../server/domain/evolve.ts';
import { Forecasts } from '../../server/domain/forecasts.ts';
import type { Forecast } from '../../server/domain/forecast.ts';
import { publicTicket, windowDetail } from '../../server/domain/public-view.ts';
import { ticketById, ticketList } from '../../server/domain/ticket-table.ts';
import type { HallState, Ticket } from '../../server/domain/types.ts';
import { toLiveEvent } from '../../server/realtime/live-events.ts';
import { MINUTE, smallHall } from '../helpers/decider.ts';
import { playDay, randomCommand, type Make } from '../helpers/random-commands.ts';

type Json = Record<string, unknown>;
const windows = smallHall.windows.map((w) => w.id);
const windowCommand = fc.tuple(fc.boolean(), fc.constantFrom(...windows)).map(([pause, windowId]): Make => () => (pause ? { type: 'pauseWindow', windowId } : { type: 'resumeWindow', windowId }));
const finishOrStart = fc.tuple(fc.boolean(), fc.constantFrom(...windows)).map(([finish, windowId]): Make => () => (finish ? { type: 'finish', windowId } : { type: 'start', windowId }));
const step = fc.tuple(fc.integer({ min: 0, max: 3 * MINUTE }), fc.oneof({ weight: 5, arbitrary: randomCommand(8) }, { weight: 1, arbitrary: windowCommand }, { weight: 2, arbitrary: finishOrStart }));

/** A ticket's public keys in the contract's order, each present when the ticket has it. */
const TICKET_KEYS = ['id', 'hallId', 'number', 'serviceId', 'lane', 'status', 'issuedAt', 'recalls'] as const;

function expectedTicket(state: HallState, t: Ticket, forecast?: Forecast): Json {
  const out: Json = {};
  for (const key of TICKET_KEYS) out[key] = t[key];
  if (t.calledAt !== undefined) out.calledAt = t.calledAt;
  if (t.windowId !== undefined) {
    out.windowId = t.windowId;
    out.windowNumber = smallHall.windows.find((w) => w.id === t.windowId)?.number;
  }
  const ahead = t.status === 'waiting' ? forecast?.tickets.get(t.id)?.ahead : undefined;
  if (ahead !== undefined) out.ahead = ahead;
  if (t.transferredFrom) out.transferredFrom = t.transferredFrom;
  if (t.transferredTo) {
    out.transferredTo = t.transferredTo;
    const next = ticketList(state.tickets).find((n) => n.id === t.transferredTo);
    if (next) out.transferredToNumber = next.number;
  }
  return out;
}

function currentOf(state: HallState, windowId: string): Ticket | undefined {
  const id = state.windows[windowId]?.currentTicketId;
  return id ? ticketList(state.tickets).find((t) => t.id === id) : undefined;
}

function statusOf(state: HallState, windowId: string): string {
  const cfg = smallHall.windows.find((w) => w.id === windowId)!;
  return state.windows[windowId]?.status ?? (cfg.openAtStart ? 'open' : 'closed');
}

function expectedWindow(state: HallState, windowId: string): Json {
  const out: Json = { id: windowId, status: statusOf(state, windowId) };
  const current = currentOf(state, windowId);
  if (current) out.current = { id: current.id, number: current.number, status: current.status, recalls: current.recalls };
  return out;
}

function expectedDetail(state: HallState, windowId: string): Json {
  const cfg = smallHall.windows.find((w) => w.id === windowId)!;
  const out: Json = { id: windowId, number: cfg.number, name: cfg.name, status: statusOf(state, windowId), services: cfg.services };
  const current = currentOf(state, windowId);
  if (current) out.current = expectedTicket(state, current);
  return out;
}

function waitingCounted(state: HallState): Json {
  const counts: Record<string, number> = {};
  for (const s of smallHall.services) counts[s.id] = 0;
  for (const t of ticketList(state.tickets)) if (t.status === 'waiting') counts[t.serviceId]! += 1;
  return counts;
}

test('live events, ticket views and window details serialise key for key as the contract lists them', (t) => {
  let checked = 0;
  fc.assert(
    fc.property(fc.array(step, { minLength: 10, maxLength: 80 }), (steps) => {
      const s = playDay(steps);
      const forecasts = new Forecasts(smallHall);
      let state = initialState(smallHall.id);
      for (const e of s.log) {
        state = evolve(state, e);
        const forecast = forecasts.of(state, e.at);
        const live = toLiveEvent(e, state, smallHall, () => forecast);
        if (!live || live.name === 'day:started' || live.name === 'window:updated') continue;
        const data = e.data as { ticketId?: string; ticket?: Ticket; windowId?: string };
        const ticket = ticketById(state.tickets, data.ticketId ?? data.ticket!.id)!;
        const windowId = data.windowId ?? ticket.windowId;
        const expected: Json = { eventId: e.seq, hallId: e.hallId, at: e.at, ticket: expectedTicket(state, ticket, forecast), waiting: waitingCounted(state) };
        if (windowId) expected.window = expectedWindow(state, windowId);
        if (e.type === 'ticket:transferred') expected.next = expectedTicket(state, ticketById(state.tickets, e.data.ticket.id)!, forecast);
        t.is(JSON.stringify(live.payload), JSON.stringify(expected), `${e.type} #${e.seq}`);
        checked++;
      }
      for (const ticket of ticketList(state.tickets)) {
        const forecast = forecasts.of(state, s.now);
        t.is(JSON.stringify(publicTicket(state, smallHall, ticket, forecast)), JSON.stringify(expectedTicket(state, ticket, forecast)));
      }
      for (const w of windows) t.is(JSON.stringify(windowDetail(state, smallHall, w)), JSON.stringify(expectedDetail(state, w)));
    }),
    { numRuns: 120 },
  );
  t.log(`${checked} ticket events checked`);
});

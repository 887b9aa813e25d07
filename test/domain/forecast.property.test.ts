// Property: the people ahead (and call time) the forecast reports for every waiting ticket equal
// what the clerks then observe when they press next through the real decide/evolve with no new
// arrivals. The oracle is the call log of those presses; it shares no code with the forecast (its
// own "window may take" test, its own press order).
//
// Press order the forecast assumes, for equal service times S and idle windows: all open windows
// free at NOW, so they press in rounds in hall order at NOW, NOW+S, …; a window that gets nothing
// drops out. When none is left, the paused and closed windows open and go on the same way.
import test from 'ava';
import fc from 'fast-check';
import { parseDeployment } from '../../server/config/load.ts';
import { LANES, type HallConfig, type Lane } from '../../server/config/schema.ts';
import { forecast, type Forecast } from '../../server/domain/forecast.ts';
import { initialState } from '../../server/domain/evolve.ts';
import { rebuildQueues } from '../../server/domain/queues.ts';
import type { HallState, Ticket, WindowState, WindowStatus } from '../../server/domain/types.ts';
import { MINUTE, NINE_AM, Scenario } from '../helpers/decider.ts';
import { ticketById, ticketList, ticketTableOf, withTicket } from '../../server/domain/ticket-table.ts';
import { hallFromDraw } from '../helpers/random-hall.ts';

const NOW = NINE_AM + 60 * MINUTE;

interface World {
  hall: HallConfig;
  state: HallState;
  /** Equal expected service time of every service, ms. */
  serviceMs: number;
}

const laneSubset = fc.subarray([...LANES], { minLength: 1 });

const hallArb = fc
  .record({
    services: fc.integer({ min: 1, max: 3 }),
    windows: fc.array(
      fc.record({ services: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), lanes: fc.option(laneSubset), prefersLane: fc.option(fc.constantFrom(...LANES)) }),
      { minLength: 1, maxLength: 4 },
    ),
    elderlyStreakMax: fc.integer({ min: 1, max: 3 }),
    maxWaitMinutes: fc.integer({ min: 5, max: 120 }),
  })
  .map(hallFromDraw);

const ticketArb: fc.Arbitrary<TicketSpec> = fc.record({
  service: fc.nat(),
  lane: fc.constantFrom<Lane>(...LANES),
  minutesAgo: fc.integer({ min: 0, max: 150 }),
  // Reactivated no-shows, back at the front of their lane.
  front: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  target: fc.option(fc.nat(), { freq: 6 }),
});

const worldArb: fc.Arbitrary<World> = hallArb.chain((hall) =>
  fc
    .record({
      tickets: fc.array(ticketArb, { maxLength: 25 }),
      windows: fc.array(fc.record({ status: fc.constantFrom<WindowStatus>('open', 'open', 'open', 'paused', 'closed'), streak: fc.integer({ min: 0, max: 3 }) }), {
        minLength: hall.windows.length,
        maxLength: hall.windows.length,
      }),
      serviceMinutes: fc.integer({ min: 1, max: 15 }),
    })
    .map(({ tickets, windows, serviceMinutes }) => ({ hall, state: stateOf(hall, tickets, windows), serviceMs: serviceMinutes * MINUTE })),
);

type TicketSpec = { service: number; lane: Lane; minutesAgo: number; front: boolean; target: number | null };

function stateOf(hall: HallConfig, tickets: TicketSpec[], windows: { status: WindowStatus; streak: number }[]): HallState {
  const serviceDay = '2026-11-27';
  const windowStates = Object.fromEntries(hall.windows.map((w, i) => [w.id, { id: w.id, status: windows[i]!.status, elderlyStreak: windows[i]!.streak, since: NINE_AM }]));
  const list = tickets.map((x, i) => {
    const service = hall.services[x.service % hall.services.length]!;
    // A transfer to a window goes only to a window that serves the service.
    const serving = hall.windows.filter((w) => w.services.includes(service.id));
    const target = x.target !== null && serving.length ? serving[x.target % serving.length]!.id : undefined;
    const at = NOW - x.minutesAgo * MINUTE;
    const id = `t${i}`;
    return { id, hallId: hall.id, serviceId: service.id, lane: x.lane, number: `${service.prefix}${String(i + 1).padStart(3, '0')}`, status: 'waiting', serviceDay, issuedAt: at, arrivedAt: at, recalls: 0, ...(x.front ? { front: true } : {}), ...(target ? { targetWindowId: target } : {}) } as Ticket;
  });
  return rebuildQueues({ ...initialState(hall.id), serviceDay, windows: windowStates, tickets: ticketTableOf(list) });
}

/** The oracle's own reading of which window may take a ticket (hall config, not lane-policy.ts). */
function couldTake(hall: HallConfig, windowId: string, t: Ticket): boolean {
  if (t.targetWindowId) return t.targetWindowId === windowId;
  const w = hall.windows.find((x) => x.id === windowId)!;
  return w.services.includes(t.serviceId) && (!w.lanes || w.lanes.includes(t.lane));
}

interface Call {
  ticketId: string;
  windowId: string;
  at: number;
  /** Called at a window that was open when the forecast was read. */
  open: boolean;
}

/** Presses next in rounds, as the forecast assumes for equal service times and idle windows. */
function pressAll(world: World): Call[] {
  const s = new Scenario(world.hall, NOW);
  // States are immutable: the scenario folds its presses into new ones and world.state stays as it is.
  s.state = world.state;
  const calls: Call[] = [];
  const rounds = (windowIds: string[], open: boolean) => {
    let active = windowIds;
    while (active.length) {
      const stillActive: string[] = [];
      for (const w of active) {
        const called = s.run({ type: 'callNext', windowId: w }).find((e) => e.type === 'ticket:called');
        if (!called) continue;
        calls.push({ ticketId: (called.data as { ticketId: string }).ticketId, windowId: w, at: s.now, open });
        stillActive.push(w);
      }
      if (stillActive.length) s.advance(world.serviceMs);
      active = stillActive;
    }
  };
  const openIds = world.hall.windows.filter((w) => world.state.windows[w.id]!.status === 'open').map((w) => w.id);
  const others = world.hall.windows.filter((w) => !openIds.includes(w.id)).map((w) => w.id);
  rounds(openIds, true);
  for (const w of others) s.run({ type: world.state.windows[w]!.status === 'paused' ? 'resumeWindow' : 'openWindow', windowId: w });
  rounds(others, false);
  return calls;
}

/** What the call log says each waiting ticket should have been told. */
function observed(world: World, calls: Call[]): Map<string, { ahead: number; callAt: number | null }> {
  const out = new Map<string, { ahead: number; callAt: number | null }>();
  for (const t of ticketList(world.state.tickets)) {
    const i = calls.findIndex((c) => c.ticketId === t.id);
    const before = i < 0 ? calls : calls.slice(0, i);
    const ahead = before.filter((c) => couldTake(world.hall, c.windowId, t)).length;
    out.set(t.id, { ahead, callAt: i >= 0 && calls[i]!.open ? calls[i]!.at : null });
  }
  return out;
}

const reported = (world: World): Forecast => forecast(world.state, world.hall, NOW, () => world.serviceMs);

function agrees(world: World, report: (w: World) => Map<string, { ahead: number; callAt?: number | null }>): boolean {
  const want = observed(world, pressAll(world));
  const got = report(world);
  for (const [id, w] of want) {
    const g = got.get(id);
    if (!g || g.ahead !== w.ahead || (g.callAt !== undefined && g.callAt !== w.callAt)) return false;
  }
  return true;
}

test('every waiting ticket is told the calls the clerks then make before it at windows that could take it', (t) => {
  fc.assert(
    fc.property(worldArb, (world) => agrees(world, (w) => new Map(reported(w).tickets))),
    { numRuns: 300 },
  );
  t.pass();
});

test('with one open window, any service times and a busy window: ahead and call time match the presses', (t) => {
  const oneWindow = fc
    .record({ world: worldArb, times: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 3, maxLength: 3 }), busyFor: fc.option(fc.integer({ min: 0, max: 30 })) })
    .filter(({ world }) => world.hall.windows.some((w) => world.state.windows[w.id]!.status === 'open'));
  fc.assert(
    fc.property(oneWindow, ({ world, times, busyFor }) => {
      // Only the first open window stays open; it may still be serving someone.
      const open = world.hall.windows.find((w) => world.state.windows[w.id]!.status === 'open')!.id;
      const closed = (w: WindowState) => (w.id === open ? w : { ...w, status: 'closed' as const });
      world.state = { ...world.state, windows: Object.fromEntries(Object.entries(world.state.windows).map(([id, w]) => [id, closed(w)])) };
      const ms = (serviceId: string) => times[Number(serviceId.slice(1))]! * MINUTE;
      let freeAt = NOW;
      if (busyFor !== null) {
        const svc = world.hall.windows.find((w) => w.id === open)!.services[0]!;
        const since = NOW - (ms(svc) - busyFor * MINUTE);
        const cur: Ticket = { id: 'cur', hallId: world.hall.id, serviceId: svc, lane: 'normal', number: 'Z999', status: 'serving', serviceDay: '2026-11-27', issuedAt: since - MINUTE, arrivedAt: since - MINUTE, calledAt: since, startedAt: since, windowId: open, recalls: 0 };
        world.state = { ...world.state, tickets: withTicket(world.state.tickets, cur), windows: { ...world.state.windows, [open]: { ...world.state.windows[open]!, currentTicketId: 'cur' } } };
        freeAt = NOW + Math.max(0, busyFor * MINUTE);
      }
      const f = forecast(world.state, world.hall, NOW, ms);
      // The oracle: one clerk pressing next each time the window frees.
      const s = new Scenario(world.hall, freeAt);
      s.state = world.state;
      const log: string[] = [];
      const at = new Map<string, number>();
      for (;;) {
        const called = s.run({ type: 'callNext', windowId: open }).find((e) => e.type === 'ticket:called');
        if (!called) break;
        const id = (called.data as { ticketId: string }).ticketId;
        log.push(id);
        at.set(id, s.now);
        s.advance(ms(ticketById(s.state.tickets, id)!.serviceId));
      }
      for (const tk of ticketList(world.state.tickets)) {
        if (tk.status !== 'waiting') continue;
        const g = f.tickets.get(tk.id)!;
        if (!couldTake(world.hall, open, tk)) {
          if (g.callAt !== null) return false;
          continue;
        }
        if (g.ahead !== log.indexOf(tk.id) || g.callAt !== at.get(tk.id)) return false;
      }
      return true;
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('the property fails for the old ranking (lane rank, then queue order within the service)', (t) => {
  const rank: Record<Lane, number> = { green: 0, appointment: 1, elderly: 2, normal: 2 };
  const before = (a: Ticket, b: Ticket) => Number(!a.front) - Number(!b.front) || a.arrivedAt - b.arrivedAt || a.issuedAt - b.issuedAt || (a.id < b.id ? -1 : 1);
  const oldAhead = (w: World) => {
    const waiting = ticketList(w.state.tickets);
    return new Map(
      waiting.map((t) => [t.id, { ahead: waiting.filter((u) => u !== t && u.serviceId === t.serviceId && (rank[u.lane] < rank[t.lane] || (rank[u.lane] === rank[t.lane] && before(u, t) < 0))).length }]),
    );
  };
  const result = fc.check(fc.property(worldArb, (world) => agrees(world, oldAhead)), { numRuns: 300 });
  t.true(result.failed, 'the oracle tells the old peopleAhead apart');
});

test('the oracle replays a hand-checked case', (t) => {
  // One window, normal then two later elderly tickets: they go first.
  const hall = parseDeployment({
    id: 'p',
    name: { zh: '厅', en: 'Hall' },
    timeZone: 'Asia/Shanghai',
    services: [{ id: 's0', prefix: 'A', name: { zh: 'a', en: 'a' }, targetWaitMinutes: 10 }],
    windows: [{ id: 'w0', number: 1, name: { zh: '1', en: '1' }, services: ['s0'] }],
  }).halls[0]!;
  const state = stateOf(
    hall,
    [
      { service: 0, lane: 'normal', minutesAgo: 3, front: false, target: null },
      { service: 0, lane: 'elderly', minutesAgo: 2, front: false, target: null },
      { service: 0, lane: 'elderly', minutesAgo: 1, front: false, target: null },
    ],
    [{ status: 'open', streak: 0 }],
  );
  const world = { hall, state, serviceMs: 5 * MINUTE };
  t.deepEqual(
    [...observed(world, pressAll(world))].sort(([a], [b]) => (a < b ? -1 : 1)),
    [
      ['t0', { ahead: 2, callAt: NOW + 10 * MINUTE }],
      ['t1', { ahead: 0, callAt: NOW }],
      ['t2', { ahead: 1, callAt: NOW + 5 * MINUTE }],
    ],
  );
});

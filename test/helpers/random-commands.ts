// Random hall commands for property tests of the small demo hall: issues in every lane, calls,
// no-shows, reactivations, transfers and cancels, each made against the scenario's state when it
// runs (a reactivation picks one of the no-shows then). `undefined` when there is nothing to act on.
import fc from 'fast-check';
import { LANES } from '../../server/config/schema.ts';
import type { Command } from '../../server/domain/commands.ts';
import { ticketList } from '../../server/domain/ticket-table.ts';
import type { Lane } from '../../server/domain/types.ts';
import { Scenario, smallHall } from './decider.ts';

export type Make = (s: Scenario) => Command | undefined;

/** `issueWeight`: how often an issue is drawn next to 4 calls, 3 no-shows, 3 reactivations, 2 transfers, 1 cancel. */
export function randomCommand(issueWeight: number, hall = smallHall): fc.Arbitrary<Make> {
  const services = hall.services.map((s) => s.id);
  const windows = hall.windows.map((w) => w.id);
  const w = (weight: number, arbitrary: fc.Arbitrary<Make>) => ({ weight, arbitrary });
  return fc.oneof(
    w(issueWeight, fc.record({ serviceId: fc.constantFrom(...services), lane: fc.constantFrom<Lane>(...LANES) }).map((c): Make => () => ({ type: 'issue', ...c, ...(c.lane === 'appointment' ? { appointmentId: 'booking' } : {}) }))),
    w(4, fc.constantFrom(...windows).map((windowId): Make => () => ({ type: 'callNext', windowId }))),
    w(3, fc.constantFrom(...windows).map((windowId): Make => () => ({ type: 'noShow', windowId }))),
    w(3, fc.nat().map((i): Make => (s: Scenario) => {
      const noShows = ticketList(s.state.tickets).filter((t) => t.status === 'no_show');
      return noShows.length ? { type: 'reactivate', ticketId: noShows[i % noShows.length]!.id } : undefined;
    })),
    w(2, fc.tuple(fc.constantFrom(...windows), fc.option(fc.constantFrom(...windows)), fc.constantFrom(...services)).map(([windowId, to, svc]): Make => () => ({ type: 'transfer', windowId, toWindowId: to ?? undefined, toServiceId: svc }))),
    w(1, fc.nat().map((i): Make => (s: Scenario) => {
      const waiting = ticketList(s.state.tickets).filter((t) => t.status === 'waiting');
      return waiting.length ? { type: 'cancel', ticketId: waiting[i % waiting.length]!.id } : undefined;
    })),
  );
}

/** Plays a random day into a new scenario: before each command the clock moves on by its wait; a
 * command with nothing to act on is skipped, one the hall refuses (DomainError) is left out, and
 * `after` sees the scenario after each command that ran. */
export function playDay(steps: readonly (readonly [number, Make])[], after?: (s: Scenario) => void): Scenario {
  const s = new Scenario();
  for (const [wait, make] of steps) {
    s.advance(wait);
    const c = make(s);
    if (!c || !s.tryRun(c)) continue;
    after?.(s);
  }
  return s;
}

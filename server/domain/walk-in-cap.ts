// The optional cap on walk-in numbers per local clock hour (appointments.onSiteCapPerHour): with
// bookings keeping the hall uncrowded, the kiosks and desks may not hand out more than N normal or
// elderly numbers an hour. Green-channel tickets and booked visitors (an appointmentId, even when
// checked in early or late as a normal ticket) are never capped. Checked in decide, so it is exact
// under concurrent issuing on any number of nodes.
import { localHourOf } from './service-day.ts';
import type { HallState, Lane, Ticket } from './types.ts';

const CAPPED_LANES: ReadonlySet<Lane> = new Set(['normal', 'elderly']);

export function isWalkIn(t: Pick<Ticket, 'lane' | 'appointmentId' | 'transferredFrom'>): boolean {
  return CAPPED_LANES.has(t.lane) && !t.appointmentId && !t.transferredFrom;
}

/** Walk-in tickets issued in the local hour holding `now`. */
export function walkInsThisHour(state: HallState, timeZone: string, now: number): number {
  const hour = localHourOf(now, timeZone);
  let n = 0;
  // The state holds today's tickets only; within the last 60 minutes, the same local hour is this hour.
  for (const id in state.tickets) {
    const t = state.tickets[id]!;
    if (isWalkIn(t) && now - t.issuedAt < 3_600_000 && localHourOf(t.issuedAt, timeZone) === hour) n++;
  }
  return n;
}

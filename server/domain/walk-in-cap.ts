// The optional cap on walk-in numbers per local clock hour (appointments.onSiteCapPerHour): with
// bookings keeping the hall uncrowded, the kiosks and desks may not hand out more than N walk-in
// numbers an hour. Every walk-in counts whatever its lane, except the green channel; booked visitors
// (an appointmentId, even when checked in early or late as a normal ticket) and transfers are never
// capped. Checked in decide, so it is exact under concurrent issuing on any number of nodes.
import { localHourOf } from './service-day.ts';
import type { HallState, Ticket } from './types.ts';
import { ticketList } from './ticket-table.ts';

export function isWalkIn(t: Pick<Ticket, 'lane' | 'appointmentId' | 'transferredFrom'>): boolean {
  return t.lane !== 'green' && !t.appointmentId && !t.transferredFrom;
}

/** Walk-in tickets issued in the local hour holding `now`. */
export function walkInsThisHour(state: HallState, timeZone: string, now: number): number {
  const hour = localHourOf(now, timeZone);
  let n = 0;
  // The state holds today's tickets only; within the last 60 minutes, the same local hour is this hour.
  for (const t of ticketList(state.tickets)) {
    if (isWalkIn(t) && now - t.issuedAt < 3_600_000 && localHourOf(t.issuedAt, timeZone) === hour) n++;
  }
  return n;
}

// The optional cap on walk-in numbers per local clock hour (appointments.onSiteCapPerHour): with
// bookings keeping the hall uncrowded, the kiosks and desks may not hand out more than N walk-in
// numbers an hour. Every walk-in counts whatever its lane, except the green channel; booked visitors
// (an appointmentId, even when checked in early or late as a normal ticket) and transfers are never
// capped. Checked in decide, so it is exact under concurrent issuing on any number of nodes.
//
// Counted without reading the day's tickets: evolve keeps the walk-ins issued per 15-minute slot of
// UTC time (the last few slots only). A local hour starts on such a slot wherever the zone's offset
// is whole quarter hours (every zone today), so this hour's walk-ins are the sum of its slots.
import { localHourOf, utcOffsetAt } from './service-day.ts';
import type { HallState, Ticket } from './types.ts';
import { ticketList } from './ticket-table.ts';

/** Walk-ins issued per 15-minute slot of UTC time: [slot number (epoch ms ÷ 15 min), count], oldest
 * slot first, the last SLOTS_KEPT slots. A list rather than a record by slot number: slot numbers
 * are in the millions, which V8 keeps as a sparse dictionary, slow to copy and to walk. */
export type WalkInSlots = readonly (readonly [slot: number, count: number])[];

const SLOT_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
/** An hour's slots and the one now: older ones can no longer be in this hour. */
const SLOTS_KEPT = 5;

export function isWalkIn(t: Pick<Ticket, 'lane' | 'appointmentId' | 'transferredFrom'>): boolean {
  return t.lane !== 'green' && !t.appointmentId && !t.transferredFrom;
}

/** The slots after a ticket was issued (evolve): a walk-in counts in its slot; slots too old to matter leave. */
export function withIssued(slots: WalkInSlots, t: Ticket): WalkInSlots {
  if (!isWalkIn(t)) return slots;
  const slot = Math.floor(t.issuedAt / SLOT_MS);
  const out: (readonly [number, number])[] = [];
  let counted = false;
  for (const pair of slots) {
    const k = pair[0];
    if (k <= slot - SLOTS_KEPT) continue;
    if (k === slot) counted = true;
    // Slots other than this one are shared with the state before (they are never changed in place).
    out.push(k === slot ? [k, pair[1] + 1] : pair);
  }
  if (!counted) {
    out.push([slot, 1]);
    // Hall time never goes back, so the new slot is the newest; sorted anyway should it not be.
    if (out.length > 1 && out[out.length - 2]![0] > slot) out.sort((a, b) => a[0] - b[0]);
  }
  return out;
}

/** Walk-ins counted in the slots from `first` to `last`, both included. */
function countIn(slots: WalkInSlots, first: number, last: number): number {
  let n = 0;
  for (const [k, count] of slots) if (k >= first && k <= last) n += count;
  return n;
}

/** The kept slots of a saved state: older versions kept a record by slot number, which is read by
 * scanning the tickets instead until the next day starts (undefined). */
export function savedWalkIns(saved: unknown): WalkInSlots | undefined {
  return Array.isArray(saved) ? (saved as WalkInSlots) : undefined;
}

/** Walk-in tickets issued in the local hour holding `now` (no earlier than an hour ago). */
export function walkInsThisHour(state: HallState, timeZone: string, now: number): number {
  const offset = utcOffsetAt(now, timeZone);
  const hourStart = now - (((now + offset) % HOUR_MS) + HOUR_MS) % HOUR_MS;
  // The slots answer when they cover the hour: kept since the day started (not a state restored from
  // an older snapshot), the hour starting on a slot, and one offset over the last hour (no DST change
  // in it, when an hour number comes twice). Otherwise the tickets are read.
  if (!state.walkIns || hourStart % SLOT_MS !== 0 || utcOffsetAt(now - HOUR_MS + 1, timeZone) !== offset) return walkInsByScan(state, timeZone, now);
  return countIn(state.walkIns, hourStart / SLOT_MS, Math.floor(now / SLOT_MS));
}

/** The same count from the tickets themselves: for the hours the slots do not cover. */
function walkInsByScan(state: HallState, timeZone: string, now: number): number {
  const hour = localHourOf(now, timeZone);
  let n = 0;
  // The state holds today's tickets only; within the last 60 minutes, the same local hour is this hour.
  for (const t of ticketList(state.tickets)) {
    if (isWalkIn(t) && now - t.issuedAt < HOUR_MS && localHourOf(t.issuedAt, timeZone) === hour) n++;
  }
  return n;
}

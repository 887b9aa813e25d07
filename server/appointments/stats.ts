// Appointment figures for a day, for the metrics: booked, checked in (on time, early, late),
// no-show, cancelled, and the wait from check-in to the first call. Pure.
import type { StoredEvent } from '../domain/events.ts';
import type { Booking } from './types.ts';

export interface AppointmentStats {
  date: string;
  /** Confirmed bookings for the day: not cancelled, not waiting for their code, not expired. */
  booked: number;
  cancelled: number;
  /** Held for their SMS code (confirmation: sms), and holds released unconfirmed. */
  pending: number;
  expired: number;
  checkedIn: number;
  onTime: number;
  early: number;
  late: number;
  noShow: number;
  /** Still to come. */
  open: number;
  /** no-show / (booked − open), 0 when nothing is decided yet. */
  noShowRate: number;
  /** Checked-in tickets called so far, and their wait from check-in (ticket issue) to first call. */
  called: number;
  waitAfterCheckIn: { avgMs: number | null; medianMs: number | null; maxMs: number | null };
}

/** Issue and first-call times of tickets, from the hall's events of that day. */
export function ticketTimes(events: StoredEvent[]): Map<string, { issuedAt: number; calledAt?: number }> {
  const out = new Map<string, { issuedAt: number; calledAt?: number }>();
  for (const e of events) {
    if (e.type === 'ticket:issued') out.set(e.data.ticket.id, { issuedAt: e.data.ticket.issuedAt });
    else if (e.type === 'ticket:called') {
      const t = out.get(e.data.ticketId);
      if (t && t.calledAt === undefined) t.calledAt = e.at;
    }
  }
  return out;
}

export function appointmentStats(date: string, bookings: Booking[], times: Map<string, { issuedAt: number; calledAt?: number }>): AppointmentStats {
  const day = bookings.filter((b) => b.date === date);
  const count = (f: (b: Booking) => boolean) => day.filter(f).length;
  const waits: number[] = [];
  for (const b of day) {
    const t = b.ticketId ? times.get(b.ticketId) : undefined;
    if (t?.calledAt !== undefined) waits.push(t.calledAt - t.issuedAt);
  }
  waits.sort((a, z) => a - z);
  const booked = count((b) => b.status === 'booked' || b.status === 'checked_in' || b.status === 'no_show');
  const open = count((b) => b.status === 'booked');
  const noShow = count((b) => b.status === 'no_show');
  return {
    date,
    booked,
    cancelled: count((b) => b.status === 'cancelled'),
    pending: count((b) => b.status === 'pending'),
    expired: count((b) => b.status === 'expired'),
    checkedIn: count((b) => b.status === 'checked_in'),
    onTime: count((b) => b.arrival === 'on_time' && b.status === 'checked_in'),
    early: count((b) => b.arrival === 'early' && b.status === 'checked_in'),
    late: count((b) => b.arrival === 'late' && b.status === 'checked_in'),
    noShow,
    open,
    noShowRate: booked - open > 0 ? noShow / (booked - open) : 0,
    called: waits.length,
    waitAfterCheckIn: {
      avgMs: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
      medianMs: waits.length ? waits[Math.floor((waits.length - 1) / 2)]! : null,
      maxMs: waits.length ? waits[waits.length - 1]! : null,
    },
  };
}

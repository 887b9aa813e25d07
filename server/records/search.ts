// The admin's record search: everything a visitor (by company or phone) did in the hall over a
// period — tickets and what happened to them, bookings, assist requests and notices, cases — read
// from the event log streams, in time order, with who did it. Pure: the events are handed in.
import type { BookingEvent } from '../appointments/types.ts';
import type { AssistEvent } from '../assist/types.ts';
import type { CaseEvent } from '../cases/types.ts';
import type { StoredEvent } from '../domain/events.ts';
import type { Actor, Visitor } from '../domain/types.ts';
import type { Stored } from '../engine/stream-engine.ts';

export interface RecordQuery {
  company?: string;
  phone?: string;
  /** The keyed hash of an ID number (server/http/visitor-id.ts). */
  idHash?: string;
}

export interface RecordEntry {
  at: number;
  /** Which log: the hall's queue, bookings, assist, or cases. */
  stream: 'hall' | 'bookings' | 'assist' | 'cases';
  type: string;
  actor?: Actor;
  ticketId?: string;
  ticketNumber?: string;
  serviceId?: string;
  windowId?: string;
  /** What was handled or asked, in a few words. */
  detail?: string;
}

export interface RecordStreams {
  hall: StoredEvent[];
  bookings: Stored<BookingEvent>[];
  assist: Stored<AssistEvent>[];
  cases: Stored<CaseEvent>[];
}

const STREAM_RANK: Record<RecordEntry['stream'], number> = { bookings: 0, hall: 1, assist: 2, cases: 3 };

const digits = (s: string) => s.replace(/\D/g, '');

export function matcher(q: RecordQuery) {
  const company = q.company?.trim().toLowerCase();
  const phone = q.phone ? digits(q.phone) : undefined;
  return (v: { company?: string; phone?: string; idHash?: string } | undefined): boolean => {
    if (!v) return false;
    if (q.idHash && v.idHash === q.idHash) return true;
    if (company && v.company?.toLowerCase().includes(company)) return true;
    if (phone && v.phone && digits(v.phone) === phone) return true;
    return false;
  };
}

/**
 * What a search remembers from earlier days: the bookings, assist requests and cases that matched,
 * whose later events (a check-in, an answer, a resolution) carry no visitor data of their own.
 * Tickets are not carried: a ticket and everything about it happen on its own service day.
 */
export interface RecordCarry {
  bookings: [string, { serviceId: string; code: string }][];
  requests: [string, { serviceId: string; ticketNumber: string; windowId: string }][];
  cases: [string, { number: string; services: string[] }][];
}

export const emptyCarry = (): RecordCarry => ({ bookings: [], requests: [], cases: [] });

/** Scans the record a period (a day) at a time, in time order, remembering matches across periods. */
export class RecordScanner {
  private readonly matches: ReturnType<typeof matcher>;
  private readonly seen = new Map<string, Visitor>();
  private readonly bookings: Map<string, { serviceId: string; code: string }>;
  private readonly requests: Map<string, { serviceId: string; ticketNumber: string; windowId: string }>;
  private readonly cases: Map<string, { number: string; services: string[] }>;

  constructor(q: RecordQuery, carry: RecordCarry = emptyCarry()) {
    this.matches = matcher(q);
    this.bookings = new Map(carry.bookings);
    this.requests = new Map(carry.requests);
    this.cases = new Map(carry.cases);
  }

  carry(): RecordCarry {
    return { bookings: [...this.bookings], requests: [...this.requests], cases: [...this.cases] };
  }

  /** The visitor records seen in the matching events scanned so far. */
  visitors(): Visitor[] {
    return [...this.seen.values()];
  }

  /** The entries among the streams' events of one period; periods must come in time order. */
  scan(s: RecordStreams): RecordEntry[] {
    const out: RecordEntry[] = [];
    const tickets = this.scanHall(s.hall, out);
    this.scanBookings(s.bookings, out);
    this.scanAssist(s.assist, tickets, out);
    this.scanCases(s.cases, tickets, out);
    // Streams have no common order: events of one instant go bookings, hall, assist, cases (the
    // order a check-in and its ticket happen in), each stream in its own log order (sort is stable).
    return out.sort((a, b) => a.at - b.at || STREAM_RANK[a.stream] - STREAM_RANK[b.stream]);
  }

  private seeVisitor(v: Visitor | undefined) {
    if (v) this.seen.set(JSON.stringify([v.name, v.phone, v.company, v.idNumber, v.idHash]), v);
  }

  /** Tickets whose visitor matches, and what they were transferred into; returns them. */
  private scanHall(events: StoredEvent[], out: RecordEntry[]): Map<string, { number: string; serviceId: string }> {
    const { matches } = this;
    const seeVisitor = (v: Visitor | undefined) => this.seeVisitor(v);
    const tickets = new Map<string, { number: string; serviceId: string }>();
    for (const e of events) {
      if (e.type === 'ticket:issued' && matches(e.data.ticket.visitor)) {
        tickets.set(e.data.ticket.id, { number: e.data.ticket.number, serviceId: e.data.ticket.serviceId });
        seeVisitor(e.data.ticket.visitor);
      }
      if (e.type === 'ticket:transferred' && tickets.has(e.data.ticketId))
        tickets.set(e.data.ticket.id, { number: e.data.ticket.number, serviceId: e.data.ticket.serviceId });
      const ticketId = e.type === 'ticket:issued' ? e.data.ticket.id : 'ticketId' in e.data ? (e.data as { ticketId: string }).ticketId : undefined;
      const t = ticketId ? tickets.get(ticketId) : undefined;
      if (!t) continue;
      const entry: RecordEntry = { at: e.at, stream: 'hall', type: e.type, ticketId, ticketNumber: t.number, serviceId: t.serviceId };
      if (e.actor) entry.actor = e.actor;
      if ('windowId' in e.data && e.data.windowId) entry.windowId = e.data.windowId;
      if (e.type === 'ticket:issued') entry.detail = `lane ${e.data.ticket.lane}`;
      if (e.type === 'ticket:transferred') entry.detail = `to ${e.data.ticket.number} (${e.data.ticket.serviceId})`;
      out.push(entry);
    }
    return tickets;
  }

  private scanBookings(events: Stored<BookingEvent>[], out: RecordEntry[]) {
    const { matches, bookings } = this;
    const seeVisitor = (v: Visitor | undefined) => this.seeVisitor(v);
    for (const e of events) {
      if (e.type === 'booking:made' && matches({ phone: e.data.booking.phone })) {
        bookings.set(e.data.booking.id, { serviceId: e.data.booking.serviceId, code: e.data.booking.code });
        seeVisitor({ name: e.data.booking.name, phone: e.data.booking.phone });
      }
      const ids = e.type === 'booking:made' ? [e.data.booking.id] : e.type === 'booking:no-show' || e.type === 'booking:expired' || e.type === 'booking:personal-data-purged' ? e.data.bookingIds : [e.data.bookingId];
      for (const id of ids) {
        const b = bookings.get(id);
        if (!b) continue;
        const entry: RecordEntry = { at: e.at, stream: 'bookings', type: e.type, serviceId: b.serviceId, detail: `booking ${b.code}` };
        if (e.type === 'booking:made') entry.detail = `booking ${b.code} for ${e.data.booking.date} ${e.data.booking.time}`;
        if (e.type === 'booking:ticketed') Object.assign(entry, { ticketId: e.data.ticketId, ticketNumber: e.data.ticketNumber });
        if (e.actor) entry.actor = e.actor;
        out.push(entry);
      }
    }
  }

  private scanAssist(events: Stored<AssistEvent>[], tickets: Map<string, unknown>, out: RecordEntry[]) {
    const { matches, requests } = this;
    for (const e of events) {
      if (e.type === 'notice:issued') {
        const n = e.data.notice;
        if (tickets.has(n.ticketId) || matches({ company: n.company }))
          out.push({ at: e.at, stream: 'assist', type: e.type, ...(e.actor ? { actor: e.actor } : {}), ticketId: n.ticketId, ticketNumber: n.ticketNumber, serviceId: n.serviceId, windowId: n.windowId, detail: `missing: ${n.missing.map((m) => m.zh).join('、')}` });
        continue;
      }
      if (e.type === 'assist:requested') {
        const r = e.data.request;
        if (tickets.has(r.ticketId) || matches({ company: r.company })) requests.set(r.id, { serviceId: r.serviceId, ticketNumber: r.ticketNumber, windowId: r.windowId });
      }
      const id = e.type === 'assist:requested' ? e.data.request.id : e.data.requestId;
      const r = requests.get(id);
      if (!r) continue;
      const detail =
        e.type === 'assist:requested' ? `asked: ${e.data.request.question}` : e.type === 'assist:answered' ? `answered: ${e.data.answer}` : e.type === 'assist:message' ? e.data.message.text : undefined;
      out.push({ at: e.at, stream: 'assist', type: e.type, ...(e.actor ? { actor: e.actor } : {}), ticketNumber: r.ticketNumber, serviceId: r.serviceId, windowId: r.windowId, ...(detail ? { detail } : {}) });
    }
  }

  private scanCases(events: Stored<CaseEvent>[], tickets: Map<string, unknown>, out: RecordEntry[]) {
    const { matches, cases } = this;
    const seeVisitor = (v: Visitor | undefined) => this.seeVisitor(v);
    for (const e of events) {
      if (e.type === 'case:opened') {
        const k = e.data.case;
        if ((k.ticketId && tickets.has(k.ticketId)) || matches(k.visitor)) {
          cases.set(k.id, { number: k.number, services: k.services });
          seeVisitor(k.visitor);
        }
      }
      // The purge names many cases at once: an entry for each matched one ("visitor data masked").
      const ids = e.type === 'case:opened' ? [e.data.case.id] : e.type === 'case:personal-data-purged' ? e.data.caseIds : [e.data.caseId];
      for (const id of ids) {
        const k = cases.get(id);
        if (!k) continue;
        const detail =
          e.type === 'case:opened'
            ? `case ${k.number}: ${e.data.case.problem}`
            : e.type === 'case:resolved'
              ? `case ${k.number} resolved: ${e.data.resolution}`
              : e.type === 'case:personal-data-purged'
                ? `case ${k.number}: visitor data masked`
                : `case ${k.number}`;
        out.push({ at: e.at, stream: 'cases', type: e.type, ...(e.actor ? { actor: e.actor } : {}), serviceId: k.services.join(','), detail });
      }
    }
  }
}

/** The whole search over streams read at once (a short period). */
export function searchRecords(q: RecordQuery, s: RecordStreams): { visitors: Visitor[]; entries: RecordEntry[] } {
  const scanner = new RecordScanner(q);
  const entries = scanner.scan(s);
  return { visitors: scanner.visitors(), entries };
}

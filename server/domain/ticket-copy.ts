// A ticket's copy for evolve to change: built field by field in one fixed order rather than spread.
// V8 copies a spread of an object that was itself spread through its slow path (about a microsecond
// for a ticket), and every ticket change copies one; a literal in one order is a few nanoseconds
// and gives every copy the same hidden class. Fields left undefined are left out, as the log's JSON
// would leave them out, so a folded ticket equals its replay.
import type { Ticket } from './types.ts';

/**
 * Every field of a ticket, so that one added to Ticket but not copied below fails the typecheck
 * (`satisfies`: no field missing, none extra); the test copies a ticket with each one set.
 */
export const TICKET_FIELDS = {
  id: true,
  hallId: true,
  serviceId: true,
  lane: true,
  number: true,
  status: true,
  serviceDay: true,
  issuedAt: true,
  arrivedAt: true,
  recalls: true,
  front: true,
  targetWindowId: true,
  windowId: true,
  firstCalledAt: true,
  calledAt: true,
  startedAt: true,
  finishedAt: true,
  noShowAt: true,
  closedAt: true,
  transferredFrom: true,
  transferredTo: true,
  source: true,
  visitor: true,
  appointmentId: true,
} as const satisfies Record<keyof Ticket, true>;

/** Fields a change takes away: a call ends a reactivated ticket's place at the front (front), a
 * reactivation sends a called ticket back to wait (windowId, calledAt). */
export interface LeftOut {
  front?: boolean;
  windowId?: boolean;
  calledAt?: boolean;
}

/** A new ticket object with the same fields but those left out (the visitor record is shared: nothing changes it). */
export function copyTicket(t: Ticket, leftOut?: LeftOut): Ticket {
  const c: Ticket = {
    id: t.id,
    hallId: t.hallId,
    serviceId: t.serviceId,
    lane: t.lane,
    number: t.number,
    status: t.status,
    serviceDay: t.serviceDay,
    issuedAt: t.issuedAt,
    arrivedAt: t.arrivedAt,
    recalls: t.recalls,
  };
  if (t.front !== undefined && !leftOut?.front) c.front = t.front;
  if (t.targetWindowId !== undefined) c.targetWindowId = t.targetWindowId;
  if (t.windowId !== undefined && !leftOut?.windowId) c.windowId = t.windowId;
  if (t.firstCalledAt !== undefined) c.firstCalledAt = t.firstCalledAt;
  if (t.calledAt !== undefined && !leftOut?.calledAt) c.calledAt = t.calledAt;
  if (t.startedAt !== undefined) c.startedAt = t.startedAt;
  if (t.finishedAt !== undefined) c.finishedAt = t.finishedAt;
  if (t.noShowAt !== undefined) c.noShowAt = t.noShowAt;
  if (t.closedAt !== undefined) c.closedAt = t.closedAt;
  if (t.transferredFrom !== undefined) c.transferredFrom = t.transferredFrom;
  if (t.transferredTo !== undefined) c.transferredTo = t.transferredTo;
  if (t.source !== undefined) c.source = t.source;
  if (t.visitor !== undefined) c.visitor = t.visitor;
  if (t.appointmentId !== undefined) c.appointmentId = t.appointmentId;
  return c;
}

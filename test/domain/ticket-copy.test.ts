// evolve copies tickets field by field (ticket-copy.ts) instead of spreading them: a field the copy
// forgot would vanish from a ticket at its next change. Each field of a ticket, set alone or with
// all the others, comes through a copy, except the ones a change asks to leave out.
import test from 'ava';
import fc from 'fast-check';
import { copyTicket, TICKET_FIELDS } from '../../server/domain/ticket-copy.ts';
import type { Ticket } from '../../server/domain/types.ts';

const base: Ticket = { id: 't1', hallId: 'h', serviceId: 's', lane: 'normal', number: 'A001', status: 'waiting', serviceDay: '2026-11-30', issuedAt: 1, arrivedAt: 1, recalls: 0 };
/** A value for any field, of no particular type: the copy must not look at what it carries. */
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant({ name: '张三' }));
const optional = Object.keys(TICKET_FIELDS).filter((k) => !(k in base)) as (keyof Ticket)[];

test('TICKET_FIELDS names every field a ticket may have (beyond the ten every ticket has)', (t) => {
  // The list the copy is checked against: it must hold the optional fields evolve sets.
  for (const k of ['front', 'windowId', 'calledAt', 'firstCalledAt', 'startedAt', 'finishedAt', 'closedAt', 'visitor', 'appointmentId', 'transferredTo'] as const)
    t.true(optional.includes(k), k);
});

test('a copy of a ticket with any fields set equals it, and is a new object', (t) => {
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom(...optional), anyValue), (extra) => {
      const ticket = { ...base, ...extra } as Ticket;
      const copy = copyTicket(ticket);
      t.deepEqual(copy, ticket);
      return copy !== ticket;
    }),
  );
});

test('every single field comes through a copy', (t) => {
  for (const k of Object.keys(TICKET_FIELDS) as (keyof Ticket)[]) {
    const ticket = { ...base, [k]: `value of ${k}` } as unknown as Ticket;
    t.is(copyTicket(ticket)[k], `value of ${k}` as never, k);
  }
});

test('the fields a change leaves out are absent from the copy (as the log’s JSON would have them), the rest kept', (t) => {
  const ticket: Ticket = { ...base, front: true, windowId: 'w1', calledAt: 5, firstCalledAt: 4, source: 'kiosk' };
  t.deepEqual(copyTicket(ticket, { front: true }), { ...base, windowId: 'w1', calledAt: 5, firstCalledAt: 4, source: 'kiosk' });
  t.deepEqual(copyTicket(ticket, { windowId: true, calledAt: true }), { ...base, front: true, firstCalledAt: 4, source: 'kiosk' });
  t.false('front' in copyTicket(ticket, { front: true }));
});

// What the visitor-data purge takes out of an old hall event: the ticket's visitor record (name,
// phone, company, masked ID number and its hash). Everything the queue and the reports fold stays.
import type { StoredEvent } from '../domain/events.ts';

/** The event without its visitor data, or undefined when it has none (nothing to rewrite). */
export function withoutVisitor(e: StoredEvent): StoredEvent | undefined {
  if ((e.type === 'ticket:issued' || e.type === 'ticket:transferred') && e.data.ticket.visitor) {
    const { visitor: _dropped, ...ticket } = e.data.ticket;
    return { ...e, data: { ...e.data, ticket } } as StoredEvent;
  }
  return undefined;
}

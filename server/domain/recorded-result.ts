// The result of a command whose idempotency mark was written before results were recorded (a
// retry within a day of the upgrade): read back from the events its first run appended.
import type { Command, CommandResult } from './commands.ts';
import type { DomainEvent } from './events.ts';

export function resultFromEvents(command: Command, events: readonly DomainEvent[]): CommandResult {
  const of = <T extends DomainEvent['type']>(type: T) => events.find((e): e is Extract<DomainEvent, { type: T }> => e.type === type);
  const finished = of('ticket:finished');
  const closing = finished?.data.implicit ? { finishedTicketId: finished.data.ticketId } : {};
  switch (command.type) {
    case 'issue':
      return { ticket: of('ticket:issued')!.data.ticket };
    case 'callNext':
    case 'callTicket': {
      const called = of('ticket:called');
      return { ...(called ? { calledTicketId: called.data.ticketId } : {}), ...closing } as CommandResult;
    }
    case 'transfer': {
      const moved = of('ticket:transferred')!;
      return { ticketId: moved.data.ticketId, newTicketId: moved.data.ticket.id };
    }
    case 'rollDay': {
      const started = of('day:started');
      return { serviceDay: started?.data.serviceDay ?? '', started: Boolean(started) };
    }
    case 'openWindow':
    case 'pauseWindow':
    case 'resumeWindow':
    case 'closeWindow':
      return {};
    default: {
      const last = events.at(-1);
      return { ticketId: last && 'ticketId' in last.data ? last.data.ticketId : '' };
    }
  }
}

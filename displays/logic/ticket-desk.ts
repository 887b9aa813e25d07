// What the triage desk may do with a ticket found by its number. The server decides in the end;
// this only hides buttons that would be refused (a done ticket cannot be cancelled).
import type { PublicTicket } from '../../server/realtime/contract.ts';

export type TicketDeskAction = 'reactivate' | 'cancel';

export function ticketDeskActions(status: PublicTicket['status']): TicketDeskAction[] {
  switch (status) {
    case 'no_show':
      return ['reactivate'];
    case 'waiting':
    case 'called':
      return ['cancel'];
    default:
      return [];
  }
}

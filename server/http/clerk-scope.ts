// Which tickets a clerk may cancel or reactivate: those of the services its windows take, or the one
// at its own window, but never the visitor being called or served at another window.
import type { HallConfig, Ticket } from '../domain/types.ts';
import type { Principal } from './auth.ts';
import { forbidden } from './errors.ts';

const AT_A_WINDOW = new Set(['called', 'serving']);

export function requireClerkScope(who: Principal, hall: HallConfig, ticket: Ticket): void {
  if (who.role !== 'clerk') return;
  const mine = hall.windows.filter((w) => who.windows.includes(w.id));
  if (ticket.windowId && mine.some((w) => w.id === ticket.windowId)) return;
  const atAnotherWindow = AT_A_WINDOW.has(ticket.status) && ticket.windowId !== undefined;
  if (!atAnotherWindow && mine.some((w) => w.services.includes(ticket.serviceId))) return;
  throw forbidden(
    'wrong_window',
    atAnotherWindow
      ? `ticket ${ticket.number} is at window ${ticket.windowId}; only that window's clerk may change it`
      : `ticket ${ticket.number} is for a service your windows (${who.windows.join(', ')}) do not take`,
  );
}

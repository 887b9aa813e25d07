// Values per kind of ticket — its service, lane and target window, all that decides which windows
// may take it — for the wait estimate's caches (live.ts). Looked up per estimate, so a ticket for
// any window (the common case) is found without building a key string.
import type { Lane, Ticket } from '../domain/types.ts';

export class KindTable<T> {
  private readonly byService = new Map<string, Partial<Record<Lane, T>>>();
  /** Tickets transferred to one window, by service, lane and window. */
  private readonly targeted = new Map<string, T>();

  get(ticket: Ticket): T | undefined {
    if (ticket.targetWindowId !== undefined) return this.targeted.get(targetedKey(ticket));
    return this.byService.get(ticket.serviceId)?.[ticket.lane];
  }

  set(ticket: Ticket, value: T): void {
    if (ticket.targetWindowId !== undefined) {
      this.targeted.set(targetedKey(ticket), value);
      return;
    }
    let lanes = this.byService.get(ticket.serviceId);
    if (!lanes) this.byService.set(ticket.serviceId, (lanes = {}));
    lanes[ticket.lane] = value;
  }

  clear(): void {
    this.byService.clear();
    this.targeted.clear();
  }
}

function targetedKey(ticket: Ticket): string {
  return `${ticket.serviceId}|${ticket.lane}|${ticket.targetWindowId}`;
}

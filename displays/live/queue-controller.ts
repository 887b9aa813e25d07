// The first page of some services' waiting list (GET /api/queue), for a console that lists who
// waits (the clerk console). The snapshot and live events carry only counts and the next few per
// service, so the list is read again whenever an event may have changed it: refresh() is called
// for every ticket event of the followed services and after every snapshot. One request at a time;
// asks made meanwhile are folded into one more request, so the list shown is never older than the
// last event that asked for it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PublicTicket } from '../../server/realtime/contract.ts';
import { api } from './api.ts';

export interface QueuePage {
  eventId: number;
  tickets: PublicTicket[];
  next: string | null;
}

export class QueueController implements ReactiveController {
  /** The first `limit` waiting tickets of the services, in arrival order; undefined before the first read. */
  tickets?: PublicTicket[];
  private services: string[] = [];
  private inFlight = false;
  private again = false;
  private eventId = -1;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { hall?: () => string | undefined; limit: number },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.services = [];
  }

  /** Follows these services (a window's); a new set is read at once. */
  follow(services: readonly string[]): void {
    const sorted = [...services].sort();
    if (sorted.join(',') === this.services.join(',')) return;
    this.services = sorted;
    this.tickets = undefined;
    this.eventId = -1;
    this.refresh();
  }

  follows(serviceId: string): boolean {
    return this.services.includes(serviceId);
  }

  /** Reads the page again (now, or right after the read under way). */
  refresh(): void {
    if (this.services.length === 0) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    void this.read().finally(() => {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  }

  private async read() {
    const services = this.services;
    const path = `/queue?service=${encodeURIComponent(services.join(','))}&limit=${this.options.limit}`;
    try {
      const page = (await api<QueuePage>(path, { hall: this.options.hall?.() })).data;
      // A page from before the newest one shown (another node behind), or for services no longer followed: not shown.
      if (services !== this.services || page.eventId < this.eventId) return;
      this.eventId = page.eventId;
      this.tickets = page.tickets;
      this.host.requestUpdate();
    } catch {
      /* offline: the next event or snapshot asks again */
    }
  }
}

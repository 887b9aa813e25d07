// Prometheus exposition for a node (prom-client): one registry per running server, so several
// servers in one process (tests) do not share counters. Queue lengths and zero-wait rates are
// read from the engines and live folds at scrape time; waits and calls are observed per event.
import client from 'prom-client';
import type { StoredEvent } from '../domain/events.ts';
import { waitingCounts } from '../domain/lane-policy.ts';
import type { HallState } from '../domain/types.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { LiveMetrics } from './live.ts';
import { ticketById } from '../domain/ticket-table.ts';

export class HallPrometheus {
  readonly registry = new client.Registry();
  private readonly wait: client.Histogram<'hall' | 'service'>;
  private readonly calls: client.Counter<'hall' | 'window' | 'kind'>;
  private readonly tickets: client.Counter<'hall' | 'service' | 'event'>;

  constructor(engines: readonly HallEngine[], lives: ReadonlyMap<string, LiveMetrics>) {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'onewindow_process_' });
    const registers = [this.registry];
    new client.Gauge({
      name: 'onewindow_queue_length',
      help: 'Tickets waiting now, per service',
      labelNames: ['hall', 'service'] as const,
      registers,
      collect() {
        this.reset();
        for (const e of engines) for (const [service, n] of Object.entries(waitingCounts(e.current, e.hall))) this.set({ hall: e.hallId, service }, n);
      },
    });
    new client.Gauge({
      name: 'onewindow_zero_wait_ratio',
      help: "Today's share of first calls within the service's target wait (0..1)",
      labelNames: ['hall', 'service'] as const,
      registers,
      collect() {
        this.reset();
        for (const e of engines) {
          const groups = lives.get(e.hallId)?.fold.result().groups.service ?? {};
          for (const [service, t] of Object.entries(groups)) if (t.called) this.set({ hall: e.hallId, service }, t.withinTarget / t.called);
        }
      },
    });
    new client.Gauge({
      name: 'onewindow_windows',
      help: 'Windows by status now',
      labelNames: ['hall', 'status'] as const,
      registers,
      collect() {
        this.reset();
        for (const e of engines) {
          const n = { open: 0, paused: 0, closed: 0 };
          for (const w of e.hall.windows) n[e.current.windows[w.id]?.status ?? (w.openAtStart ? 'open' : 'closed')]++;
          for (const [status, v] of Object.entries(n)) this.set({ hall: e.hallId, status }, v);
        }
      },
    });
    this.wait = new client.Histogram({
      name: 'onewindow_wait_seconds',
      help: 'Wait from issue to first call',
      labelNames: ['hall', 'service'] as const,
      buckets: [60, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200],
      registers,
    });
    this.calls = new client.Counter({
      name: 'onewindow_calls_total',
      help: 'Calls and recalls per window',
      labelNames: ['hall', 'window', 'kind'] as const,
      registers,
    });
    this.tickets = new client.Counter({
      name: 'onewindow_ticket_events_total',
      help: 'Ticket events (issued, finished, no-show, transferred, cancelled) per service',
      labelNames: ['hall', 'service', 'event'] as const,
      registers,
    });
  }

  /** Observes one batch of a hall's events with the state after it. */
  observe(events: readonly StoredEvent[], state: HallState) {
    for (const e of events) {
      switch (e.type) {
        case 'ticket:called': {
          this.calls.inc({ hall: e.hallId, window: e.data.windowId, kind: 'call' });
          const t = ticketById(state.tickets, e.data.ticketId);
          if (t && t.firstCalledAt === e.at) this.wait.observe({ hall: e.hallId, service: t.serviceId }, (e.at - t.issuedAt) / 1000);
          break;
        }
        case 'ticket:recalled':
          this.calls.inc({ hall: e.hallId, window: e.data.windowId, kind: 'recall' });
          break;
        case 'ticket:issued':
          this.tickets.inc({ hall: e.hallId, service: e.data.ticket.serviceId, event: 'issued' });
          break;
        case 'ticket:finished':
        case 'ticket:no-show':
        case 'ticket:transferred':
        case 'ticket:cancelled': {
          const t = ticketById(state.tickets, e.data.ticketId);
          if (t) this.tickets.inc({ hall: e.hallId, service: t.serviceId, event: e.type.slice(7) });
          break;
        }
        default:
          break;
      }
    }
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

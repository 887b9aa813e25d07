// Prometheus exposition for a node (prom-client): one registry per running server, so several
// servers in one process (tests) do not share counters. Queue lengths and zero-wait rates are
// read from the engines and live folds at scrape time; waits and calls are observed per event, the
// counts in maps of this file's own and handed to prom-client at scrape time (its inc hashes and
// validates the labels at every call, which cost as much as the whole metrics fold).
import client from 'prom-client';
import type { StoredEvent } from '../domain/events.ts';
import { waitingCounts } from '../domain/lane-policy.ts';
import type { HallState } from '../domain/types.ts';
import type { HallEngine } from '../engine/hall-engine.ts';
import type { ClockReading } from '../engine/clock-offset.ts';
import type { LiveMetrics } from './live.ts';
import { ticketById } from '../domain/ticket-table.ts';
import { registerDefaultMetricsButGc, registerGcDuration } from './gc-duration.ts';

export class HallPrometheus {
  readonly registry = new client.Registry();
  private readonly wait: client.Histogram<'hall' | 'service'>;
  /** hall → window → kind ('call' | 'recall') → count. */
  private readonly calls = new LabelledCounts<'hall' | 'window' | 'kind'>(['hall', 'window', 'kind']);
  /** hall → service → event → count. */
  private readonly tickets = new LabelledCounts<'hall' | 'service' | 'event'>(['hall', 'service', 'event']);
  private readonly gc: { stop(): void };

  /** `clock`: this node's last clock reading against the store's, on a Redis store (../engine/clock-offset.ts). */
  constructor(engines: readonly HallEngine[], lives: ReadonlyMap<string, LiveMetrics>, clock?: () => ClockReading | undefined) {
    // prom-client's defaults, but GC pauses from our own collector: its own undercounts (./gc-duration.ts).
    registerDefaultMetricsButGc(this.registry, 'onewindow_process_');
    this.gc = registerGcDuration(this.registry, 'onewindow_process_');
    const registers = [this.registry];
    if (clock) clockGauges(registers, clock);
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
    const calls = this.calls;
    new client.Counter({
      name: 'onewindow_calls_total',
      help: 'Calls and recalls per window',
      labelNames: ['hall', 'window', 'kind'] as const,
      registers,
      collect() {
        calls.copyTo(this);
      },
    });
    const tickets = this.tickets;
    new client.Counter({
      name: 'onewindow_ticket_events_total',
      help: 'Ticket events (issued, finished, no-show, transferred, cancelled) per service',
      labelNames: ['hall', 'service', 'event'] as const,
      registers,
      collect() {
        tickets.copyTo(this);
      },
    });
  }

  /** Observes one batch of a hall's events with the state after it. */
  observe(events: readonly StoredEvent[], state: HallState) {
    for (const e of events) {
      switch (e.type) {
        case 'ticket:called': {
          this.calls.inc(e.hallId, e.data.windowId, 'call');
          const t = ticketById(state.tickets, e.data.ticketId);
          if (t && t.firstCalledAt === e.at) this.wait.observe({ hall: e.hallId, service: t.serviceId }, (e.at - t.issuedAt) / 1000);
          break;
        }
        case 'ticket:recalled':
          this.calls.inc(e.hallId, e.data.windowId, 'recall');
          break;
        case 'ticket:issued':
          this.tickets.inc(e.hallId, e.data.ticket.serviceId, 'issued');
          break;
        case 'ticket:finished':
        case 'ticket:no-show':
        case 'ticket:transferred':
        case 'ticket:cancelled': {
          const t = ticketById(state.tickets, e.data.ticketId);
          if (t) this.tickets.inc(e.hallId, t.serviceId, ENDED[e.type]);
          break;
        }
        default:
          break;
      }
    }
  }

  /** Stops observing GCs (a stopped server in a process that goes on, as in tests). */
  stop(): void {
    this.gc.stop();
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** The `event` label of the ticket events that end a ticket's time in its queue. */
const ENDED = { 'ticket:finished': 'finished', 'ticket:no-show': 'no-show', 'ticket:transferred': 'transferred', 'ticket:cancelled': 'cancelled' } as const;

/** Counts by three label values, in nested maps (no key string built per event). */
class LabelledCounts<L extends string> {
  private readonly byFirst = new Map<string, Map<string, Map<string, { labels: Record<L, string>; n: number }>>>();

  /** `names`: the labels in the order the text has always shown them. */
  constructor(private readonly names: readonly [L, L, L]) {}

  inc(a: string, b: string, c: string): void {
    let second = this.byFirst.get(a);
    if (!second) this.byFirst.set(a, (second = new Map()));
    let third = second.get(b);
    if (!third) second.set(b, (third = new Map()));
    const cell = third.get(c);
    if (cell) cell.n++;
    else third.set(c, { labels: { [this.names[0]]: a, [this.names[1]]: b, [this.names[2]]: c } as Record<L, string>, n: 1 });
  }

  /** Sets `counter` to these counts (at scrape time). */
  copyTo(counter: client.Counter<L>): void {
    counter.reset();
    for (const second of this.byFirst.values()) for (const third of second.values()) for (const { labels, n } of third.values()) counter.inc(labels, n);
  }
}

/** This node's clock offset to the store's and the round trip it was measured over; absent until measured. */
function clockGauges(registers: client.Registry[], clock: () => ClockReading | undefined) {
  new client.Gauge({
    name: 'onewindow_clock_offset_ms',
    help: "This node's clock minus the store's (Redis TIME), ms; positive: ahead. Appends more than the bound ahead are refused",
    registers,
    collect() {
      this.reset();
      const r = clock();
      if (r) this.set(r.offsetMs);
    },
  });
  new client.Gauge({
    name: 'onewindow_clock_offset_rtt_ms',
    help: 'Round trip of the clock offset measurement, ms (the offset is good to half of it)',
    registers,
    collect() {
      this.reset();
      const r = clock();
      if (r) this.set(r.rttMs);
    },
  });
}

// Overload protection in Prometheus: the load level the node is at (0 ok, 1 shedding, 2 critical),
// the event loop's delay and heap share it judged by, requests refused per class, and sockets cut
// off for not reading. Read from the core's counters (AppDeps) at scrape time.
import client from 'prom-client';
import type { AppDeps } from '../http/context.ts';

const LEVEL = { ok: 0, shedding: 1, critical: 2 } as const;

export function registerOverloadMetrics(registry: client.Registry, deps: AppDeps): void {
  const registers = [registry];
  new client.Gauge({
    name: 'onewindow_overload_level',
    help: 'Admission control level: 0 ok, 1 shedding (deferrable reads refused), 2 critical (all but health refused); absent when off',
    registers,
    collect() {
      if (deps.admission) this.set(LEVEL[deps.admission.load.level]);
    },
  });
  new client.Gauge({
    name: 'onewindow_overload_event_loop_delay_ms',
    help: 'Event-loop delay at the last sample (ms), as admission control judged it',
    registers,
    collect() {
      if (deps.admission) this.set(deps.admission.load.lagMs);
    },
  });
  new client.Gauge({
    name: 'onewindow_overload_heap_ratio',
    help: 'Live heap / heap limit at the last sample, as admission control judged it',
    registers,
    collect() {
      if (deps.admission) this.set(deps.admission.load.heapRatio);
    },
  });
  new client.Counter({
    name: 'onewindow_requests_refused_overloaded_total',
    help: 'Requests answered 503 overloaded, per class (deferrable, essential; handshake: new socket.io connections refused at critical)',
    labelNames: ['class'] as const,
    registers,
    collect() {
      this.reset();
      for (const [kind, n] of Object.entries(deps.admission?.refused ?? {})) this.inc({ class: kind }, n);
    },
  });
  new client.Counter({
    name: 'onewindow_slow_consumers_disconnected_total',
    help: 'Sockets cut off because they did not read what was queued for them',
    registers,
    collect() {
      this.reset();
      this.inc(deps.slowConsumers?.dropped ?? 0);
    },
  });
}

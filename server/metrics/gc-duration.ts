// The node's garbage-collection pauses for Prometheus: `nodejs_gc_duration_seconds` counted from
// every GC entry Node reports. prom-client's own collector (lib/metrics/gc.js, 15.x) reads only the
// first entry of each batch its PerformanceObserver is handed, and under load Node hands over
// several GCs a batch: it undercounted about 5× exactly when an operator sizes a node or chases
// latency. Same name, `kind` label and buckets as prom-client's, so dashboards keep working; the
// rest of prom-client's default process metrics are registered as before, without its gc collector
// (collectDefaultMetrics has no option to leave one out).
import { createRequire } from 'node:module';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import client from 'prom-client';

/** prom-client's DEFAULT_GC_DURATION_BUCKETS, seconds. */
const GC_DURATION_BUCKETS = [0.001, 0.01, 0.1, 1, 2, 5];

/** Node's GC kinds (PerformanceEntry.detail.kind) by the `kind` label prom-client gives them. */
const KIND_LABEL: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** Observes every GC into `<prefix>nodejs_gc_duration_seconds{kind}`; `stop()` disconnects the observer. */
export function registerGcDuration(registry: client.Registry, prefix: string): { stop(): void } {
  const histogram = new client.Histogram({
    name: `${prefix}nodejs_gc_duration_seconds`,
    help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb; every collection counted.',
    labelNames: ['kind'] as const,
    buckets: GC_DURATION_BUCKETS,
    registers: [registry],
  });
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) histogram.observe({ kind: kindOf(entry) }, entry.duration / 1000);
  });
  observer.observe({ entryTypes: ['gc'] });
  return { stop: () => observer.disconnect() };
}

function kindOf(entry: PerformanceEntry): string {
  const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
  return (kind !== undefined && KIND_LABEL[kind]) || 'unknown';
}

type DefaultCollector = (registry: client.Registry, config: { prefix: string; eventLoopMonitoringPrecision: number }) => void;

const require = createRequire(import.meta.url);

/**
 * prom-client's default process metrics (CPU, memory, heap spaces, handles, event-loop lag, version …)
 * but its gc collector, each registered by its own module as collectDefaultMetrics does it (same
 * list, same default precision); test/metrics/gc-duration.test.ts checks that no other name changed.
 */
export function registerDefaultMetricsButGc(registry: client.Registry, prefix: string): void {
  for (const name of client.collectDefaultMetrics.metricsList) {
    if (name === 'gc') continue;
    const collect = require(`prom-client/lib/metrics/${name}`) as DefaultCollector;
    collect(registry, { prefix, eventLoopMonitoringPrecision: 10 });
  }
}

// What /readyz answers a load balancer, logged when it changes rather than at every probe: a load
// balancer asks every few seconds, and a warning per 503 buried the one line that matters, the
// moment the node went out of rotation and why. A change is logged with the figures behind it.
import type { Logger } from '../log.ts';

/** Why the node is not ready, or that it is. */
export type ReadinessState = 'ready' | 'shedding' | 'critical' | 'store_unavailable' | 'clock_ahead';

const WHY: Record<Exclude<ReadinessState, 'ready'>, string> = {
  shedding: 'overloaded, shedding deferrable requests',
  critical: 'overloaded (critical), refusing every request but health checks',
  store_unavailable: 'the event store cannot be reached',
  clock_ahead: "this node's clock is ahead of the store's beyond the bound (its changes are refused)",
};

export class ReadinessLog {
  private last: ReadinessState = 'ready';

  constructor(private readonly log: Logger) {}

  /** Notes what /readyz answered; logs when that differs from the answer before (`figures`: what caused it). */
  answered(state: ReadinessState, figures: Record<string, unknown> = {}): void {
    if (state === this.last) return;
    const fields = { ready: state === 'ready', state, from: this.last, ...figures };
    this.last = state;
    if (state === 'ready') this.log.info(fields, 'readiness: ready again, /readyz answers 200');
    else this.log.warn(fields, `readiness: not ready, /readyz answers 503: ${WHY[state]}`);
  }
}

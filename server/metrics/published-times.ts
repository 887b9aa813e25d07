// The service times the hall's forecast runs with: today's learned means (service-times.ts) as of
// their last publication, renewed at most once every PUBLISH_EVERY_MS of the hall's event clock.
//
// Why not the learner's live means: they move at every release (a service's mean) and every call
// (the turnaround), and the forecast keeps its run only while the times it ran with stay
// (ForecastIndex.usesTimes), so every batch of presses ran the policy over the whole queue again.
// Between publications the kept run follows issues, finishes, starts and pauses (forecasts.ts).
//
// PUBLISH_EVERY_MS = 60 s: a mean forgets over ~30 calls of its service (MEMORY), each minutes
// long, so a minute moves it by a small share; `npm run simulate -- --seeds 20` gives the same
// accuracy as the live means (see README, Forecast). Publications follow the events' own `at`, so
// a restart that folds the day's log again publishes the same means at the same events, and the
// simulator stays deterministic.
import type { ServiceTimes } from '../domain/forecast.ts';
import type { Ticket } from '../domain/types.ts';
import type { ServiceTimeLearner } from './service-times.ts';

export const PUBLISH_EVERY_MS = 60_000;

export class PublishedTimes {
  /** Per service, its occupancy (turnaround not included) at the last publication, ms. */
  private readonly occupancy = new Map<string, number>();
  private turnaround = 0;
  private publishedAt = -Infinity;
  /** Handed to the forecast once: it reads the published means, whatever learner they came from. */
  readonly times: ServiceTimes;

  constructor(private learner: ServiceTimeLearner) {
    this.publish(-Infinity);
    this.times = Object.assign((serviceId: string) => this.serviceMs(serviceId), {
      remainingMs: (ticket: Ticket, windowId: string, now: number) =>
        this.learner.remainingMs(ticket, windowId, now, this.occupancyOf(ticket.serviceId), this.turnaround),
    });
  }

  /** A new day's learner: its means (the hall file's averages) are published at once. */
  restart(learner: ServiceTimeLearner, at: number): void {
    this.learner = learner;
    this.publish(at);
  }

  /** After the learner folded an event at `at`: publishes when PUBLISH_EVERY_MS have passed since the last time. */
  onEvent(at: number): void {
    if (at - this.publishedAt >= PUBLISH_EVERY_MS) this.publish(at);
  }

  private publish(at: number): void {
    for (const s of this.learner.hall.services) this.occupancy.set(s.id, this.learner.occupancy(s.id));
    this.turnaround = this.learner.turnaround();
    this.publishedAt = at;
  }

  private occupancyOf(serviceId: string): number {
    return this.occupancy.get(serviceId) ?? this.learner.occupancy(serviceId);
  }

  private serviceMs(serviceId: string): number {
    return this.occupancyOf(serviceId) + this.turnaround;
  }
}

// The random halls the forecast's incremental property tests draw: small ones (1–3 services, 1–5
// windows with optional lanes, a preferred lane and some closed at start), so fast-check's shrinking
// finds a short failing day, and bench-shaped ones; shared so the kept-forecast tests draw alike.
import fc from 'fast-check';
import { LANES } from '../../server/config/schema.ts';
import { hallFromDraw } from './random-hall.ts';

/** What a drawn hall may hold: counts as [min, max], and how often an option is drawn (fast-check's `freq`: 1 in freq is none). */
interface HallDraw {
  services: [number, number];
  windows: [number, number];
  servicesAWindow: [number, number];
  /** fast-check's option frequencies for a window's lanes and preferred lane (fast-check's default when left out). */
  lanesFreq?: number;
  prefersLaneFreq?: number;
  /** The draw of a window's being open at start: open in all but one of these. */
  openAtStartOf: number;
}

function hallArb(d: HallDraw) {
  return fc
    .record({
      services: fc.integer({ min: d.services[0], max: d.services[1] }),
      windows: fc.array(
        fc.record({
          services: fc.array(fc.nat(), { minLength: d.servicesAWindow[0], maxLength: d.servicesAWindow[1] }),
          lanes: fc.option(fc.subarray([...LANES], { minLength: 1 }), { freq: d.lanesFreq }),
          prefersLane: fc.option(fc.constantFrom(...LANES), { freq: d.prefersLaneFreq }),
          openAtStart: fc.constantFrom(...Array.from({ length: d.openAtStartOf }, (_, i) => i < d.openAtStartOf - 1)),
        }),
        { minLength: d.windows[0], maxLength: d.windows[1] },
      ),
      elderlyStreakMax: fc.integer({ min: 1, max: 3 }),
      maxWaitMinutes: fc.integer({ min: 5, max: 60 }),
    })
    .map(hallFromDraw);
}

export const smallHallArb = hallArb({ services: [1, 3], windows: [1, 5], servicesAWindow: [1, 3], openAtStartOf: 4 });

/**
 * A hall like the clerks bench's, small: 6–12 windows each serving 2–3 of 2–4 services, so that most
 * windows share a service with several others and press at the same instants (a run's order of
 * presses, not the queues alone, decides who takes what); lanes at some windows, most open.
 */
export const sharedHallArb = hallArb({ services: [2, 4], windows: [6, 12], servicesAWindow: [2, 3], lanesFreq: 4, prefersLaneFreq: 6, openAtStartOf: 5 });

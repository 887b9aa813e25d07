// The small random hall the forecast's incremental property tests draw (1–3 services, 1–5 windows
// with optional lanes, a preferred lane and some closed at start): small, so fast-check's shrinking
// finds a short failing day; shared so the kept-forecast tests run on the same kind of hall.
import fc from 'fast-check';
import { LANES } from '../../server/config/schema.ts';
import { hallFromDraw } from './random-hall.ts';

export const smallHallArb = fc
  .record({
    services: fc.integer({ min: 1, max: 3 }),
    windows: fc.array(
      fc.record({
        services: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        lanes: fc.option(fc.subarray([...LANES], { minLength: 1 })),
        prefersLane: fc.option(fc.constantFrom(...LANES)),
        openAtStart: fc.constantFrom(true, true, true, false),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    elderlyStreakMax: fc.integer({ min: 1, max: 3 }),
    maxWaitMinutes: fc.integer({ min: 5, max: 60 }),
  })
  .map(hallFromDraw);

/**
 * A hall like the clerks bench's, small: 6–12 windows each serving 2–3 of 2–4 services, so that most
 * windows share a service with several others and press at the same instants (a run's order of
 * presses, not the queues alone, decides who takes what); lanes at some windows, most open.
 */
export const sharedHallArb = fc
  .record({
    services: fc.integer({ min: 2, max: 4 }),
    windows: fc.array(
      fc.record({
        services: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }),
        lanes: fc.option(fc.subarray([...LANES], { minLength: 1 }), { freq: 4 }),
        prefersLane: fc.option(fc.constantFrom(...LANES), { freq: 6 }),
        openAtStart: fc.constantFrom(true, true, true, true, false),
      }),
      { minLength: 6, maxLength: 12 },
    ),
    elderlyStreakMax: fc.integer({ min: 1, max: 3 }),
    maxWaitMinutes: fc.integer({ min: 5, max: 60 }),
  })
  .map(hallFromDraw);

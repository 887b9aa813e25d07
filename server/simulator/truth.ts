// The simulated day's truth about service times, which the estimator is not told: each service's
// true mean is off from the simulation's serviceMinutes (and so from the hall file's
// avgServiceMinutes) by a seeded factor, and each window's clerk works at a seeded speed. Drawn from
// a random source of its own, so the rest of the day's draws keep their order.
import type { HallConfig } from '../domain/types.ts';
import type { SimulationConfig } from './config.ts';
import { Random } from './random.ts';

export interface ServiceTruth {
  /** True mean minutes at the window per service (for a clerk of speed 1). */
  serviceMinutes: Record<string, number>;
  /** Per window: its clerk's service times are this many times the service's mean. */
  clerkFactor: Record<string, number>;
  /** Coefficient of variation of one visit's time around its mean (lognormal). */
  cv: number;
}

const TRUTH_STREAM = 0x5eed7;

export function drawTruth(config: SimulationConfig, hall: HallConfig, seed: number): ServiceTruth {
  const rnd = new Random((seed ^ TRUTH_STREAM) >>> 0);
  const factor = (spread: number) => Math.pow(1 + spread, rnd.uniform(-1, 1));
  const serviceMinutes: Record<string, number> = {};
  for (const s of hall.services) serviceMinutes[s.id] = (config.serviceMinutes[s.id] ?? s.avgServiceMinutes) * factor(config.truth.serviceMeanSpread);
  const clerkFactor: Record<string, number> = {};
  for (const w of hall.windows) clerkFactor[w.id] = factor(config.truth.clerkSpeedSpread);
  return { serviceMinutes, clerkFactor, cv: config.serviceTimeCv };
}

/** One line per service and window, for the CLI and the report: what the day ran with. */
export function describeTruth(hall: HallConfig, truth: ServiceTruth): string {
  const services = hall.services.map((s) => `${s.id} ${truth.serviceMinutes[s.id]!.toFixed(1)} (prior ${s.avgServiceMinutes})`).join(', ');
  const clerks = hall.windows.map((w) => `${w.id}×${truth.clerkFactor[w.id]!.toFixed(2)}`).join(' ');
  return `true mean minutes: ${services}; clerk speed factors: ${clerks}; lognormal cv ${truth.cv}`;
}

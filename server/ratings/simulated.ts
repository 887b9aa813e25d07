// Simulated visitors' ratings, for the demo traffic and the simulator: most visitors rate, most
// ratings are good, and the odds of a bad one grow with a wait past the service's target and a
// visit much longer than usual. Pure, given a source of uniform random numbers in [0, 1).
import { LEVELS, type Level } from './levels.ts';

export interface Visit {
  waitMinutes: number;
  targetWaitMinutes: number;
  serviceMinutes: number;
  avgServiceMinutes: number;
}

/** Share of visitors who rate at all. */
export const RATING_SHARE = 0.8;
const BASE = [0.55, 0.28, 0.11, 0.045, 0.015];

/** Level weights for a visit, best level first (they sum to 1). */
export function levelWeights(v: Visit): number[] {
  const late = Math.max(0, v.waitMinutes / v.targetWaitMinutes - 1);
  const long = Math.max(0, v.serviceMinutes / v.avgServiceMinutes - 1.5);
  const worse = 1 + 3 * late + 1.5 * long;
  const w = BASE.map((b, i) => (i < 2 ? b / worse : i === 2 ? b : b * worse));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

/** A visitor's rating, or null when they leave without rating. */
export function simulatedRating(random: () => number, v: Visit): { level: Level; reasons: string[] } | null {
  if (random() >= RATING_SHARE) return null;
  const w = levelWeights(v);
  let u = random();
  let i = 0;
  while (i < w.length - 1 && u >= w[i]!) u -= w[i++]!;
  const level = LEVELS[i]!;
  if (i < 3) return { level, reasons: [] };
  const reasons = v.waitMinutes > v.targetWaitMinutes ? ['wait'] : [];
  if (v.serviceMinutes > 1.5 * v.avgServiceMinutes) reasons.push('process');
  if (!reasons.length) reasons.push(['attitude', 'materials', 'not_done'][Math.floor(random() * 3)]!);
  return { level, reasons };
}

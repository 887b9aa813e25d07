// The simulator's configuration (config/simulation.yaml), validated like the hall file.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const hhmm = z.string().regex(/^\d{2}:\d{2}$/, 'a time is HH:MM');
const range = z.tuple([z.number().min(0), z.number().min(0)]);

export const simulationSchema = z.object({
  hall: z.string().default('config/demo-hall.yaml'),
  seed: z.number().int().default(1),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  open: hhmm.default('08:30'),
  lastTicket: hhmm.default('16:30'),
  arrivalsPerHour: z.record(z.string().regex(/^\d{2}$/), z.number().min(0)),
  serviceMix: z.record(z.string(), z.number().min(0)),
  /** Mean minutes at the window per service; the hall's avgServiceMinutes where absent. */
  serviceMinutes: z.record(z.string(), z.number().positive()).default({}),
  serviceTimeCv: z.number().min(0).max(3).default(0.5),
  /**
   * How far the day's truth is from the hall file's priors, drawn per seed: each service's true mean
   * is its serviceMinutes × (1 + serviceMeanSpread)^u and each window's clerk is (1 + clerkSpeedSpread)^u
   * times slower, u uniform in [−1, 1]. Zero: the truth is serviceMinutes at every window.
   */
  truth: z
    .object({ serviceMeanSpread: z.number().min(0).max(3).default(0), clerkSpeedSpread: z.number().min(0).max(3).default(0) })
    .default({ serviceMeanSpread: 0, clerkSpeedSpread: 0 }),
  lanes: z.object({ elderly: z.number().min(0).max(1).default(0), green: z.number().min(0).max(1).default(0), appointment: z.number().min(0).max(1).default(0) }),
  noShowShare: z.number().min(0).max(1).default(0),
  transferShare: z.number().min(0).max(1).default(0),
  walkMinutes: range.default([0.3, 1.5]),
  pauses: z.object({ perWindow: z.number().int().min(0).default(0), minutes: range.default([5, 15]) }).default({ perWindow: 0, minutes: [5, 15] }),
  gapMinutes: z.number().min(0).default(0.2),
  idlePollMinutes: z.number().positive().default(0.5),
});
export type SimulationConfig = z.infer<typeof simulationSchema>;

export function loadSimulationConfig(file = 'config/simulation.yaml'): SimulationConfig {
  const result = simulationSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new Error(`${file}: invalid simulation configuration\n${lines.join('\n')}`);
  }
  return result.data;
}

// The hall a property test draws: `services` services s0, s1, … (prefixes A, B, …) and windows w0,
// w1, … each serving some of them (by index, modulo the count), with optional lanes, preferred lane
// and opening state. Most arbitraries stay in their test (random-hall-arb.ts holds the one two tests share); this turns a draw into a valid hall.
import { parseDeployment } from '../../server/config/load.ts';
import type { HallConfig, Lane } from '../../server/config/schema.ts';

export interface HallDraw {
  services: number;
  windows: { services: number[]; lanes?: Lane[] | null; prefersLane?: Lane | null; openAtStart?: boolean }[];
  elderlyStreakMax: number;
  maxWaitMinutes: number;
}

export function hallFromDraw({ services, windows, elderlyStreakMax, maxWaitMinutes }: HallDraw): HallConfig {
  const ids = Array.from({ length: services }, (_, i) => `s${i}`);
  return parseDeployment({
    id: 'p',
    name: { zh: '厅', en: 'Hall' },
    timeZone: 'Asia/Shanghai',
    policy: { elderlyStreakMax, maxWaitMinutes, noShowGraceMinutes: 30 },
    services: ids.map((id, i) => ({ id, prefix: String.fromCharCode(65 + i), name: { zh: id, en: id }, targetWaitMinutes: 10 })),
    windows: windows.map((w, i) => ({
      id: `w${i}`,
      number: i + 1,
      name: { zh: `${i + 1}`, en: `${i + 1}` },
      services: [...new Set(w.services.map((n) => ids[n % services]!))],
      ...(w.openAtStart !== undefined ? { openAtStart: w.openAtStart } : {}),
      ...(w.lanes ? { lanes: w.lanes } : {}),
      ...(w.prefersLane ? { prefersLane: w.prefersLane } : {}),
    })),
  }).halls[0]!;
}
